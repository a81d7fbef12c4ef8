package io.github.downloadhealthcheck.internal.check;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Where checks time out and block, handed to them in the Reactor context by whoever runs
 * them: the monitor's own threads, so that the checks start no thread pool of Reactor's
 * in an application that has none. Without it, Reactor's shared schedulers are used.
 *
 * @param timer runs timeouts
 * @param blocking runs blocking storage calls
 */
public record CheckSchedulers(Scheduler timer, Scheduler blocking) {

	private static final Object KEY = CheckSchedulers.class;

	/**
	 * These schedulers, in a context for the checks to find.
	 * @return the context
	 */
	public Context context() {
		return Context.of(KEY, this);
	}

	/**
	 * The schedulers in a context, or Reactor's shared ones.
	 * @param context the subscriber's context
	 * @return the schedulers
	 */
	static CheckSchedulers of(ContextView context) {
		if (context.hasKey(KEY)) {
			return context.get(KEY);
		}
		return new CheckSchedulers(Schedulers.parallel(), Schedulers.boundedElastic());
	}

}
