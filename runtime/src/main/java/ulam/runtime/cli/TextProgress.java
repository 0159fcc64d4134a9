package ulam.runtime.cli;

import java.io.PrintStream;
import ulam.runtime.sampler.ProgressListener;

/**
 * Progress as plain lines, like Stan's ({@code chain 2: iteration 500 / 1000 (sampling)}), for
 * output that is not a terminal (a log file, a pipe): no escape codes, no carriage returns. A line
 * at every tenth of a chain's iterations and at its end, but at most one line per chain every
 * 200 ms (except the last), so printing never slows sampling. When there are more chains than
 * threads, the first line says which chains wait for a free core, and each of them prints
 * {@code chain c: started} when it gets one.
 */
public final class TextProgress implements ProgressListener {
    private static final long MIN_INTERVAL_NANOS = 200_000_000L;
    private final PrintStream out;
    private final long[] lastPrint;
    private final int threads;

    /**
     * @param out     where to print
     * @param chains  number of chains (ids 1..chains)
     * @param threads chains that run at once (at least 1): chains {@code threads + 1 ..} wait at first
     */
    public TextProgress(PrintStream out, int chains, int threads) {
        this.out = out;
        this.lastPrint = new long[chains + 1];
        this.threads = Math.max(1, threads);
        java.util.Arrays.fill(lastPrint, Long.MIN_VALUE);
        if (chains > this.threads) {
            String which = chains == this.threads + 1 ? "chain " + chains
                    : "chains " + (this.threads + 1) + "-" + chains;
            out.println(which + ": waiting for a free core (" + this.threads + " running at once; --cores sets how many)");
            out.flush();
        }
    }

    @Override
    public void chainStarted(int chain, int total) {
        if (chain <= threads) return;
        synchronized (this) {
            out.println("chain " + chain + ": started");
            out.flush();
        }
    }

    @Override
    public void iteration(int chain, int iteration, int total, boolean warmup) {
        int step = Math.max(1, total / 10);
        boolean last = iteration == total;
        if (iteration % step != 0 && !last) return;
        long now = System.nanoTime();
        synchronized (this) {
            if (!last && lastPrint[chain] != Long.MIN_VALUE && now - lastPrint[chain] < MIN_INTERVAL_NANOS) return;
            lastPrint[chain] = now;
            out.println("chain " + chain + ": iteration " + iteration + " / " + total
                    + (warmup ? " (warmup)" : " (sampling)"));
            out.flush();
        }
    }
}
