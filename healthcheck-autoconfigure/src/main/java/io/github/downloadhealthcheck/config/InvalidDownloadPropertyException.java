package io.github.downloadhealthcheck.config;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at start-up when a {@code download.*} property has a value the starter cannot
 * work with. Its failure analysis names the property, the bad value and the fix.
 */
public final class InvalidDownloadPropertyException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String property;

	private final @Nullable String value;

	private final String problem;

	private final String fix;

	/**
	 * Creates the exception.
	 * @param property the property's full name
	 * @param value the bad value, {@code null} when missing
	 * @param problem what is wrong with it
	 * @param fix how to fix it
	 */
	public InvalidDownloadPropertyException(String property, @Nullable Object value, String problem, String fix) {
		super("Invalid value '" + value + "' for property '" + property + "': " + problem + ". " + fix);
		this.property = property;
		this.value = (value != null) ? value.toString() : null;
		this.problem = problem;
		this.fix = fix;
	}

	/**
	 * The property's full name.
	 * @return the name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * The bad value.
	 * @return the value, {@code null} when missing
	 */
	public @Nullable String getValue() {
		return this.value;
	}

	/**
	 * What is wrong.
	 * @return the problem
	 */
	public String getProblem() {
		return this.problem;
	}

	/**
	 * How to fix it.
	 * @return the fix
	 */
	public String getFix() {
		return this.fix;
	}

}
