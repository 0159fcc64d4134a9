package ulam.runtime.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import ulam.runtime.sampler.ProgressListener;

/**
 * Progress as one bar per chain (the {@code me.tongfei.progressbar} library) for a terminal
 * ({@link Terminals#stderrIsTerminal()}). A chain that waits for a free core says
 * {@code waiting}, then {@code warmup} and {@code sampling}. The bars redraw on their own timer;
 * the sampler threads only move a counter, at most every 100 ms. Close it when sampling is done.
 */
public final class BarProgress implements ProgressListener, AutoCloseable {
    private static final long MIN_INTERVAL_NANOS = 100_000_000L;
    private final ProgressBar[] bars;
    private final long[] lastUpdate;

    /**
     * @param out        the terminal stream
     * @param chains     number of chains (ids 1..chains)
     * @param iterations iterations per chain
     */
    public BarProgress(PrintStream out, int chains, int iterations) {
        bars = new ProgressBar[chains + 1];
        lastUpdate = new long[chains + 1];
        for (int c = 1; c <= chains; c++) {
            bars[c] = new ProgressBarBuilder()
                    .setTaskName("chain " + c)
                    .setInitialMax(iterations)
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new InteractiveConsoleProgressBarConsumer(out))
                    .build();
            bars[c].setExtraMessage("waiting");
        }
    }

    @Override
    public void chainStarted(int chain, int total) {
        bars[chain].setExtraMessage("warmup");
    }

    @Override
    public void iteration(int chain, int iteration, int total, boolean warmup) {
        long now = System.nanoTime();
        if (iteration != total && now - lastUpdate[chain] < MIN_INTERVAL_NANOS) return;
        lastUpdate[chain] = now;
        ProgressBar bar = bars[chain];
        bar.stepTo(iteration);
        bar.setExtraMessage(warmup ? "warmup" : "sampling");
    }

    @Override
    public void close() {
        for (ProgressBar b : bars) if (b != null) b.close();
    }
}
