package io.github.downloadhealthcheck.check;

import java.net.URI;

/**
 * Keeps credentials written into URLs out of health details and logs.
 */
public final class Urls {

	private Urls() {
	}

	/**
	 * The URL with any password replaced by {@code ******}.
	 * @param uri the URL
	 * @return a printable form without the secret
	 */
	public static String masked(URI uri) {
		String userInfo = uri.getRawUserInfo();
		if (userInfo == null) {
			return maskedHandOff(uri.toString());
		}
		int colon = userInfo.indexOf(':');
		String user = (colon >= 0) ? userInfo.substring(0, colon) : userInfo;
		return maskedHandOff(uri.toString().replace(userInfo + "@", user + ":******@"));
	}

	/**
	 * A hand-off header value or URL with the signature and credential of a presigned query
	 * replaced by {@code ******}: they are a bearer token while valid.
	 * @param value the value
	 * @return a printable form
	 */
	public static String maskedHandOff(String value) {
		return value.replaceAll("(?i)([?&]X-Amz-(?:Signature|Credential|Security-Token)=)[^&]*", "$1******");
	}

}
