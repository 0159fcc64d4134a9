package ulam.runtime.cli;

import java.io.PrintStream;
import ulam.runtime.sampler.ProgressListener;

/**
 * Progress as plain lines, like Stan's ({@code chain 2: iteration 500 / 1000 (sampling)}), for
 * output that is not a terminal: a line at every tenth of a chain's iterations and at its end,
 * but at most one line per chain every 200 ms (except the last), so printing never slows sampling.
 */
public final class TextProgress implements ProgressListener {
    private static final long MIN_INTERVAL_NANOS = 200_000_000L;
    private final PrintStream out;
    private final long[] lastPrint;

    /**
     * @param out    where to print
     * @param chains number of chains (ids 1..chains)
     */
    public TextProgress(PrintStream out, int chains) {
        this.out = out;
        this.lastPrint = new long[chains + 1];
        java.util.Arrays.fill(lastPrint, Long.MIN_VALUE);
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
