package ulam.runtime.model;

import java.util.Arrays;

/**
 * The row blocks of a model's large row loops (docs/architecture.md, "Row blocks"): a generated
 * model whose log density has a segment of at least {@link #threshold()} rows (iterations of its
 * counted loop) computes it block by block instead of in one loop, each block into buffers of its
 * own, possibly on several threads ({@link RowThreads}), and sums the blocks' log densities and
 * adjoints in block order. The partition is a function of the number of rows alone
 * ({@link #blocks(int)}) and the order of the sums is fixed, so the log density and the gradient
 * are the same to the last bit whatever the number of threads; segments below the threshold keep
 * their single loop.
 *
 * <p>One instance per model instance ({@code Model.copy()} makes a new one); not thread-safe
 * itself: one call of {@link #run} at a time, which may use helper threads.
 */
public final class RowBlocks {

    /** The rows from which a segment is split into blocks, unless a test lowered it. */
    public static final int DEFAULT_THRESHOLD = 20_000;
    /** Rows per block, about (the number of blocks is {@code rows / BLOCK_ROWS}, between 2 and {@link #MAX_BLOCKS}). */
    public static final int DEFAULT_BLOCK_ROWS = 5_000;
    /** The most blocks a segment is split into (and so the most threads one chain uses on it). */
    public static final int MAX_BLOCKS = 16;

    private static volatile int threshold = DEFAULT_THRESHOLD;
    private static volatile int blockRows = DEFAULT_BLOCK_ROWS;

    /**
     * What a generated model implements for its segments split into blocks (numbered from 0 in
     * the order the log density computes them).
     */
    public interface Body {
        /**
         * New buffers for one block of a segment: {@code [0]} its scalar adjoints, then one array
         * per adjoint array the segment adds into (each as long as that array), and last the
         * partials buffer its density kernels write into.
         */
        double[][] blockBuffers(int segment);

        /**
         * Rows {@code [lo, hi)} of a segment.
         *
         * @param gradient with the adjoints, added into {@code buffers} (all but the last zero on entry)
         * @return the block's log density contribution, summed in row order from 0
         */
        double block(int segment, boolean gradient, int lo, int hi, double[][] buffers);
    }

    private RowThreads threads;
    private double[][][][] buffers = new double[0][][][];
    private double[][] lps = new double[0][];
    /** The split in progress (one {@link #run} at a time), read by the groups on the helper threads. */
    private Body body;
    private int segment;
    private int rows;
    private int nb;
    private int groups;
    private boolean gradient;
    private double[][][] bufs;
    private double[] lp;
    /** The groups' code and bookkeeping, made once: a split allocates nothing. */
    private final RowThreads.Job job = new RowThreads.Job(this::group);

    /** The threads this instance may use, or null for the calling thread alone. */
    public void threads(RowThreads t) {
        this.threads = t;
    }

    /** The number of rows from which a segment is split. */
    public static int threshold() {
        return threshold;
    }

    /**
     * For tests only: split segments from {@code rows} rows on, into blocks of about
     * {@code perBlock} rows; {@link #DEFAULT_THRESHOLD} and {@link #DEFAULT_BLOCK_ROWS} restore
     * the defaults. Changes the results of every model above the new threshold.
     *
     * @throws IllegalArgumentException if either is below 1
     */
    public static void forTests(int rows, int perBlock) {
        if (rows < 1 || perBlock < 1) throw new IllegalArgumentException("rows and rows per block must be at least 1");
        threshold = rows;
        blockRows = perBlock;
    }

    /**
     * The number of blocks of a segment of {@code rows} rows: 1 (its single loop) below the
     * threshold, else {@code rows / blockRows} clamped to {@code [2, MAX_BLOCKS]}. Block
     * {@code b} of {@code B} is rows {@code [floor(rows b / B), floor(rows (b + 1) / B))}.
     */
    public static int blocks(int rows) {
        if (rows < threshold || rows < 2) return 1;
        return Math.max(2, Math.min(MAX_BLOCKS, rows / blockRows));
    }

    /**
     * Computes segment {@code segment} of {@code rows} rows block by block, on up to
     * {@link RowThreads#threadsNow()} threads (block groups contiguous), and sums the blocks'
     * log densities in block order; with {@code gradient}, also each block's adjoints into block
     * 0's buffers, block by block ({@link #combined(int)}).
     *
     * @return the segment's log density contribution
     */
    public double run(Body body, int segment, int rows, boolean gradient) {
        int nb = blocks(rows);
        double[][][] bufs = buffers(body, segment, nb);
        double[] lp = lps[segment];
        int t = threads == null ? 1 : Math.min(threads.threadsNow(), nb);
        if (t <= 1) {
            for (int b = 0; b < nb; b++) block(body, segment, gradient, rows, nb, b, bufs[b], lp);
        } else {
            this.body = body;
            this.segment = segment;
            this.rows = rows;
            this.nb = nb;
            this.groups = t;
            this.gradient = gradient;
            this.bufs = bufs;
            this.lp = lp;
            try {
                threads.parallel(t, job);   // publishes these fields to the helpers
            } finally {
                this.body = null;
                this.bufs = null;
            }
        }
        double sum = 0;
        for (int b = 0; b < nb; b++) sum += lp[b];
        if (gradient) {
            double[][] first = bufs[0];
            for (int j = 0; j < first.length - 1; j++) {
                for (int b = 1; b < nb; b++) addInto(first[j], bufs[b][j]);
            }
        }
        return sum;
    }

    /** Group {@code g} of the split in progress: its contiguous blocks. */
    private void group(int g) {
        for (int b = nb * g / groups; b < nb * (g + 1) / groups; b++) block(body, segment, gradient, rows, nb, b, bufs[b], lp);
    }

    /** Block 0's buffers after {@link #run} with the gradient: the segment's adjoints, summed in block order. */
    public double[][] combined(int segment) {
        return buffers[segment][0];
    }

    /** {@code dst[i] += src[i]} for every {@code i} of {@code dst}. */
    public static void addInto(double[] dst, double[] src) {
        for (int i = 0; i < dst.length; i++) dst[i] += src[i];
    }

    private static void block(Body body, int segment, boolean gradient, int rows, int nb, int b, double[][] buf, double[] lp) {
        for (int j = 0; j < buf.length - 1; j++) Arrays.fill(buf[j], 0.0);
        int lo = (int) ((long) rows * b / nb);
        int hi = (int) ((long) rows * (b + 1) / nb);
        lp[b] = body.block(segment, gradient, lo, hi, buf);
    }

    private double[][][] buffers(Body body, int segment, int nb) {
        if (segment >= buffers.length) {
            buffers = Arrays.copyOf(buffers, segment + 1);
            lps = Arrays.copyOf(lps, segment + 1);
        }
        double[][][] b = buffers[segment];
        if (b == null || b.length != nb) {
            b = new double[nb][][];
            for (int k = 0; k < nb; k++) b[k] = body.blockBuffers(segment);
            buffers[segment] = b;
            lps[segment] = new double[nb];
        }
        return b;
    }
}
