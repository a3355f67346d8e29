package org.condense.bench;

import org.condense.UserException;

/**
 * How a bench spreads over the machine: {@code workers} processes sharing one grid (each claims
 * runs through the work folder's locks), each with {@code threads} intra-op threads.
 *
 * <p>The automatic layout is one single-threaded worker per core, at most
 * {@value #MAX_AUTO_WORKERS} and never more than the grid has runs: the networks of this
 * benchmark are small enough that one step does not keep two cores busy (DJL issues many
 * short native calls per step), so on 2 cores two 1-thread processes finish a grid sooner than
 * one 2-thread process.
 */
public record WorkerLayout(int workers, int threads) {
    /** Each worker holds a network, its optimiser and a teacher: bounded so a large machine is not flooded. */
    static final int MAX_AUTO_WORKERS = 8;

    public WorkerLayout {
        if (workers < 1 || threads < 1) {
            throw new IllegalArgumentException("workers and threads must be positive, got " + workers + ", " + threads);
        }
    }

    /**
     * @param workers {@code auto} or a positive number
     * @param threads threads per worker, or 0 for the cores divided among the workers
     */
    public static WorkerLayout of(String workers, int threads, int cores, int runs) {
        int n;
        if (workers == null || workers.equals("auto")) {
            n = Math.max(1, Math.min(Math.min(cores, MAX_AUTO_WORKERS), runs));
        } else {
            try {
                n = Integer.parseInt(workers.trim());
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1) {
                throw new UserException("--workers must be auto or a positive number, got '" + workers + "'");
            }
        }
        if (threads < 0) {
            throw new UserException("--threads must be positive (or 0 for the cores divided among the workers), got "
                    + threads);
        }
        int t = threads > 0 ? threads : Math.max(1, cores / n);
        return new WorkerLayout(n, t);
    }
}
