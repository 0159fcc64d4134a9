package ulam.runtime.model;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The cores a run's chains share for within-chain parallelism (docs/architecture.md, "Row
 * blocks"): {@code cores - 1} helper threads and the number of chains running now. A
 * chain's model may split a large row loop over {@link #threadsNow()} threads:
 * {@code cores / running chains} (at least 1), so the extra threads are used only when there are
 * more cores than running chains ({@code --chains 1 --cores 2}, or the last chains of a run).
 * The results never depend on it: {@link RowBlocks} fixes the partition of the rows and the order
 * of the partial sums.
 *
 * <p>A helper is a thread of its own with a one-task slot, not an executor's worker: after a task
 * it spins for {@link #SPIN_NANOS} waiting for the next one before it parks, because a sampler
 * asks for a gradient again a few microseconds after the last one, and waking a parked thread
 * costs tens of microseconds, a few per cent of a millisecond gradient. A caller claims free
 * helpers for its groups and runs the groups it could not hand off itself, so several chains may
 * split at once (4 cores, 2 chains) without waiting for each other.
 *
 * <p>Thread-safe. The helper threads are daemons, started on first use; {@link #close()} stops them.
 */
public final class RowThreads implements AutoCloseable {
    /** How long an idle helper spins for its next task before it parks, in nanoseconds. */
    static final long SPIN_NANOS = 200_000L;
    /** How long a caller spins for its helpers to finish before it parks, in nanoseconds. */
    static final long CALLER_SPIN_NANOS = 2_000_000L;

    private final int cores;
    private final AtomicInteger running = new AtomicInteger();
    private volatile Helper[] helpers;
    private volatile boolean closed;
    private final AtomicLong splits = new AtomicLong();

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
     * the others on free helper threads (on the calling thread when none is free or the pool is
     * closed), and returns when all have finished. A helper's exception is rethrown here. Makes a
     * {@link Job} per call: a caller that splits often keeps one ({@link #parallel(int, Job)}).
     *
     * @param groups the number of groups (at least 1)
     */
    public void parallel(int groups, IntConsumer group) {
        if (groups <= 1) {
            group.accept(0);
            return;
        }
        parallel(groups, new Job(group));
    }

    /**
     * {@link #parallel(int, IntConsumer)} with the caller's own {@link Job}, reused from call to
     * call, so that a split allocates nothing.
     *
     * @param groups the number of groups (at least 1)
     * @param job    not in use by another call at the same time
     */
    public void parallel(int groups, Job job) {
        IntConsumer group = job.group;
        if (groups <= 1) {
            group.accept(0);
            return;
        }
        splits.incrementAndGet();
        job.start(Thread.currentThread(), groups);
        Helper[] pool = closed ? null : pool();
        Helper[] claimed = job.claimed;
        int[] inline = job.inline;
        int nClaimed = 0;
        int nInline = 0;
        for (int g = 1; g < groups; g++) {
            Helper h = pool == null ? null : claim(pool);
            if (h == null) {
                inline[nInline++] = g;
                continue;
            }
            job.pending.incrementAndGet();
            h.group = g;
            h.job = job;   // volatile write: publishes group, the job and what the caller wrote before
            LockSupport.unpark(h.thread);
            claimed[nClaimed++] = h;
        }
        try {
            group.accept(0);
            for (int k = 0; k < nInline; k++) group.accept(inline[k]);
        } finally {
            long start = System.nanoTime();
            while (job.pending.get() > 0 && System.nanoTime() - start < CALLER_SPIN_NANOS) Thread.onSpinWait();
            while (job.pending.get() > 0) LockSupport.parkNanos(this, 50_000L);
            for (int k = 0; k < nClaimed; k++) {
                claimed[k].busy.set(false);
                claimed[k] = null;
            }
        }
        Throwable t = job.failure.getAndSet(null);
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        if (t != null) throw new IllegalStateException(t);
    }

    /** How many {@link #parallel} calls have had more than one group (work handed to helpers). */
    public long splits() {
        return splits.get();
    }

    private static Helper claim(Helper[] pool) {
        for (Helper h : pool) {
            if (!h.busy.get() && h.busy.compareAndSet(false, true)) return h;
        }
        return null;
    }

    private Helper[] pool() {
        Helper[] p = helpers;
        if (p != null) return p;
        synchronized (this) {
            if (closed) return null;
            if (helpers == null) {
                Helper[] made = new Helper[Math.max(1, cores - 1)];
                for (int i = 0; i < made.length; i++) made[i] = new Helper("ulam-rows-" + (i + 1));
                helpers = made;
            }
            return helpers;
        }
    }

    /** Stops the helper threads; later {@link #parallel} calls run every group on the caller. */
    @Override
    public synchronized void close() {
        closed = true;
        Helper[] p = helpers;
        helpers = null;
        if (p != null) {
            for (Helper h : p) {
                h.stop = true;
                LockSupport.unpark(h.thread);
            }
        }
    }

    /**
     * The groups' code of {@link #parallel} calls and their bookkeeping (the helpers still
     * working, the first failure, the helpers claimed), made once by a caller that splits often
     * (one per {@link RowBlocks}) and reused; one call at a time.
     */
    public static final class Job {
        final IntConsumer group;
        volatile Thread caller;
        final AtomicInteger pending = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        Helper[] claimed = new Helper[0];
        int[] inline = new int[0];

        /** @param group the code of group {@code g}, {@code group.accept(g)} */
        public Job(IntConsumer group) {
            this.group = group;
        }

        /** A call on {@code groups} groups starts on {@code thread}: the arrays grown if they must. */
        void start(Thread thread, int groups) {
            caller = thread;
            if (claimed.length < groups - 1) {
                claimed = new Helper[groups - 1];
                inline = new int[groups - 1];
            }
        }
    }

    /** A helper thread with a one-task slot ({@link #job}), claimed through {@link #busy}. */
    private static final class Helper implements Runnable {
        final AtomicBoolean busy = new AtomicBoolean();
        final Thread thread;
        int group;
        volatile Job job;
        volatile boolean stop;

        Helper(String name) {
            thread = new Thread(this, name);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            while (!stop) {
                Job j = job;
                if (j == null) {
                    if (System.nanoTime() - idleSince < SPIN_NANOS) Thread.onSpinWait();
                    else LockSupport.park(this);
                    continue;
                }
                try {
                    j.group.accept(group);
                } catch (Throwable t) {
                    j.failure.compareAndSet(null, t);
                } finally {
                    job = null;
                    if (j.pending.decrementAndGet() == 0) LockSupport.unpark(j.caller);
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
