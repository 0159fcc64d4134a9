package ulam.runtime.sampler;

import java.util.ArrayList;
import java.util.List;

/**
 * The schedule of Stan's windowed warmup (Stan reference manual, "HMC algorithm parameters:
 * automatic parameter tuning"; Stan's {@code windowed_adaptation}): an initial fast interval of
 * {@code initBuffer} iterations (step size only), then slow windows of {@code baseWindow},
 * {@code 2 baseWindow}, {@code 4 baseWindow}, ... iterations whose draws estimate the metric, the
 * last one stretched to end where the terminal fast interval of {@code termBuffer} iterations
 * begins. With the defaults (1000 warmup: 75 / 25 / 50) the windows are 75-99, 100-149, 150-249,
 * 250-449 and 450-949.
 *
 * <p>When {@code initBuffer + baseWindow + termBuffer > warmup}, the three stages become 15%, 75%
 * and 10% of warmup (truncated to whole iterations) as in Stan; unlike Stan's code, which in that
 * case does not reset its window counter, the one slow window then really does adapt the metric.
 * With fewer than 20 warmup iterations no metric is estimated at all (as Stan).
 *
 * <p>Iterations are counted from 0. Not thread-safe: one instance per chain.
 */
public final class WindowedAdaptation {
    private final long numWarmup;
    private final long initBuffer;
    private final long termBuffer;
    private final long baseWindow;

    private long counter;
    private long windowSize;
    private long nextWindowEnd;

    /**
     * @param numWarmup  warmup iterations
     * @param initBuffer initial fast interval (Stan default 75)
     * @param termBuffer terminal fast interval (Stan default 50)
     * @param baseWindow first slow window (Stan default 25)
     */
    public WindowedAdaptation(int numWarmup, int initBuffer, int termBuffer, int baseWindow) {
        if (numWarmup < 20) {
            // no metric estimation: no iteration is ever inside a window
            this.numWarmup = 0;
            this.initBuffer = 0;
            this.termBuffer = 0;
            this.baseWindow = 0;
            counter = 0;
            windowSize = 0;
            nextWindowEnd = -1;
            return;
        }
        this.numWarmup = numWarmup;
        if ((long) initBuffer + baseWindow + termBuffer > numWarmup) {
            this.initBuffer = (long) (0.15 * numWarmup);
            this.termBuffer = (long) (0.10 * numWarmup);
            this.baseWindow = numWarmup - (this.initBuffer + this.termBuffer);
        } else {
            this.initBuffer = initBuffer;
            this.termBuffer = termBuffer;
            this.baseWindow = baseWindow;
        }
        restart();
    }

    private void restart() {
        counter = 0;
        windowSize = baseWindow;
        nextWindowEnd = initBuffer + windowSize - 1;
    }

    /** Whether the current iteration's draw belongs to a slow window (Stan's {@code adaptation_window}). */
    boolean inWindow() {
        return counter >= initBuffer && counter < numWarmup - termBuffer && counter != numWarmup;
    }

    /** Whether the current iteration is the last of a slow window (Stan's {@code end_adaptation_window}). */
    boolean endOfWindow() {
        return counter == nextWindowEnd && counter != numWarmup;
    }

    /** Moves the end of the next window as Stan's {@code compute_next_window}. */
    void computeNextWindow() {
        long lastEnd = numWarmup - termBuffer - 1;
        if (nextWindowEnd == lastEnd) return;
        windowSize *= 2;
        nextWindowEnd = counter + windowSize;
        if (nextWindowEnd == lastEnd) return;
        long followingBoundary = nextWindowEnd + 2 * windowSize;
        if (followingBoundary >= numWarmup - termBuffer) nextWindowEnd = lastEnd;
    }

    /** Advances to the next iteration. */
    void increment() {
        counter++;
    }

    /**
     * The slow windows of a warmup, as {@code {first, last}} iteration pairs (0-based, inclusive),
     * by running the schedule: what {@link MetricAdaptation} does during warmup.
     */
    public static List<int[]> windows(int numWarmup, int initBuffer, int termBuffer, int baseWindow) {
        WindowedAdaptation w = new WindowedAdaptation(numWarmup, initBuffer, termBuffer, baseWindow);
        List<int[]> out = new ArrayList<>();
        int start = -1;
        for (int it = 0; it < numWarmup; it++) {
            if (w.inWindow() && start < 0) start = it;
            if (w.endOfWindow()) {
                w.computeNextWindow();
                out.add(new int[] {start, it});
                start = -1;
            }
            w.increment();
        }
        return out;
    }
}
