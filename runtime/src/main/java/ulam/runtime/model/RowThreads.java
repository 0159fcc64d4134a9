package ulam.runtime.model;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The cores a run's chains share for within-chain parallelism (docs/architecture.md, "Row
 * blocks"): a pool of {@code cores - 1} helper threads and the number of chains running now. A
 * chain's model may split a large row loop over {@link #threadsNow()} threads:
 * {@code cores / running chains} (at least 1), so the extra threads are used only when there are
 * more cores than running chains ({@code --chains 1 --cores 2}, or the last chains of a run).
 * The results never depend on it: {@link RowBlocks} fixes the partition of the rows and the order
 * of the partial sums.
 *
 * <p>Thread-safe. The helper threads are daemons, started on first use; {@link #close()} stops them.
 */
public final class RowThreads implements AutoCloseable {
    private final int cores;
    private final AtomicInteger running = new AtomicInteger();
    private volatile ExecutorService helpers;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicLong splits = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param cores the threads the run may keep busy at once (at least 1)
     * @throws IllegalArgumentException if {@code cores < 1}
     */
    public RowThreads(int cores) {
        if (cores < 1) throw new IllegalArgumentException("cores must be at least 1 (got " + cores + ")");
        this.cores = cores;
    }

    /** The cores of the run. */
    public int cores() {
        return cores;
    }

    /** A chain starts: it shares the cores with the others running. */
    public void chainStarted() {
        running.incrementAndGet();
    }

    /** A chain has ended: the chains still running may use its core. */
    public void chainEnded() {
        running.decrementAndGet();
    }

    /** How many threads one chain may use now: {@code cores / running chains}, at least 1. */
    public int threadsNow() {
        return Math.max(1, cores / Math.max(1, running.get()));
    }

    /**
     * Runs {@code group.accept(g)} for {@code g = 0 .. groups - 1}: group 0 on the calling thread,
     * the others on helper threads (or on the calling thread when the pool is closed), and returns
     * when all have finished. A helper's exception is rethrown here.
     *
     * @param groups the number of groups (at least 1)
     */
    public void parallel(int groups, IntConsumer group) {
        if (groups <= 1) {
            group.accept(0);
            return;
        }
        splits.incrementAndGet();
        AtomicInteger pending = new AtomicInteger(groups - 1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = Thread.currentThread();
        for (int g = 1; g < groups; g++) {
            int gg = g;
            Runnable task = () -> {
                try {
                    group.accept(gg);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    if (pending.decrementAndGet() == 0) LockSupport.unpark(caller);
                }
            };
            try {
                pool().execute(task);
            } catch (RejectedExecutionException e) {
                task.run();   // closed: the caller does the work
            }
        }
        group.accept(0);
        for (int spin = 0; pending.get() > 0 && spin < 20_000; spin++) Thread.onSpinWait();
        while (pending.get() > 0) LockSupport.parkNanos(this, 50_000L);
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        if (t != null) throw new IllegalStateException(t);
    }

    /** How many {@link #parallel} calls have had more than one group (work handed to helpers). */
    public long splits() {
        return splits.get();
    }

    private ExecutorService pool() {
        ExecutorService p = helpers;
        if (p != null) return p;
        synchronized (this) {
            if (closed) throw new RejectedExecutionException("closed");
            if (helpers == null) {
                AtomicInteger n = new AtomicInteger();
                helpers = Executors.newFixedThreadPool(Math.max(1, cores - 1), r -> {
                    Thread t = new Thread(r, "ulam-rows-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
            }
            return helpers;
        }
    }

    /** Stops the helper threads; later {@link #parallel} calls run every group on the caller. */
    @Override
    public synchronized void close() {
        if (helpers != null) helpers.shutdownNow();
        helpers = null;
        closed = true;
    }
}
