package ulam.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.compiler.testing.Examples;
import ulam.compiler.testing.Models;
import ulam.runtime.ForwardingModel;
import ulam.runtime.Model;
import ulam.runtime.model.RowBlocks;
import ulam.runtime.model.RowThreads;
import ulam.runtime.sampler.Fit;
import ulam.runtime.sampler.ProgressListener;
import ulam.runtime.sampler.Sampler;
import ulam.runtime.sampler.SamplerConfig;
import ulam.runtime.sampler.SamplerStat;

/**
 * Row blocks (docs/architecture.md, "Row blocks"): a segment split into blocks gives the log
 * density and gradient of its single loop to 1e-12 relative, the gradient of finite
 * differences, and the same bits on any number of threads; seeded draws do not depend on
 * {@code --cores}. Examples are forced over the threshold with {@link RowBlocks#forTests}.
 */
class RowBlocksTest {

    /**
     * Examples whose likelihood must be split when forced (a fused loop over rows); trolley's
     * ordered_logistic is a vector density, which keeps its single loop.
     */
    private static final Set<String> SPLIT = Set.of("chimpanzees", "chimpanzees_nc", "reedfrogs", "reedfrogs_spg", "glmm_100k",
            "kline_gampois", "ucbadmit_betabinom", "chimpanzees_slopes");

    @AfterEach
    void defaults() {
        RowBlocks.forTests(RowBlocks.DEFAULT_THRESHOLD, RowBlocks.DEFAULT_BLOCK_ROWS);
    }

    static Stream<Examples.Example> examples() {
        return Examples.all();
    }

    /** Forced to blocks of 7 rows from 10 rows on, each example equals its single loop; 1 and 3 threads give the same bits. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void blocksEqualTheSingleLoop(Examples.Example e) {
        Model m = e.compile(e.read(), ulam.compiler.ir.Passes.ALL).factory().apply(e.read());
        if (SPLIT.contains(e.name())) assertTrue(m instanceof RowBlocks.Body, e.name() + " has a segment to split");
        Random rng = new Random(7);
        try (RowThreads three = new RowThreads(3)) {
            for (int p = 0; p < 3; p++) {
                double[] q = new double[m.dimension()];
                double half = e.name().equals("kline_gp") ? 0.25 : 1;
                for (int k = 0; k < q.length; k++) q[k] = -half + 2 * half * rng.nextDouble();
                RowBlocks.forTests(Integer.MAX_VALUE, RowBlocks.DEFAULT_BLOCK_ROWS);
                double[] g1 = new double[q.length];
                double lp1 = m.logDensityGradient(q, g1);
                double ld1 = m.logDensity(q);
                RowBlocks.forTests(10, 7);
                m.rowThreads(null);
                double[] g2 = new double[q.length];
                double lp2 = m.logDensityGradient(q, g2);
                double ld2 = m.logDensity(q);
                assertClose(lp1, lp2, e + ": gradient's log density");
                assertClose(ld1, ld2, e + ": log density");
                assertEquals(lp2, ld2, 0.0, e + ": both methods give the same bits on the blocks");
                for (int k = 0; k < q.length; k++) assertClose(g1[k], g2[k], e + ": d/dq[" + k + "]");
                RowBlocks.forTests(10, 37);   // blocks of at least a whole vector of rows: the row kernels' Vector API path
                double[] g4 = new double[q.length];
                double lp4 = m.logDensityGradient(q, g4);
                assertClose(lp1, lp4, e + ": gradient's log density, blocks of 37 rows");
                assertClose(ld1, m.logDensity(q), e + ": log density, blocks of 37 rows");
                for (int k = 0; k < q.length; k++) assertClose(g1[k], g4[k], e + ": d/dq[" + k + "], blocks of 37 rows");
                RowBlocks.forTests(10, 7);
                m.rowThreads(three);
                double[] g3 = new double[q.length];
                double lp3 = m.logDensityGradient(q, g3);
                assertEquals(lp2, m.logDensity(q), 0.0, e + ": log density on 3 threads");
                m.rowThreads(null);
                assertEquals(lp2, lp3, 0.0, e + ": log density on 3 threads");
                assertArrayEquals(g2, g3, e + ": gradient on 3 threads");
            }
            if (SPLIT.contains(e.name())) assertTrue(three.splits() > 0, e + ": the helper threads were used");
        }
    }

    /** The gradient on the blocks equals finite differences of the log density on the blocks. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void blocksGradientEqualsFiniteDifferences(Examples.Example e) {
        if (!Set.of("chimpanzees", "reedfrogs_spg", "kline_gampois", "ucbadmit_betabinom", "chimpanzees_slopes", "milk_impute").contains(e.name())) return;
        Model m = e.compile(e.read(), ulam.compiler.ir.Passes.ALL).factory().apply(e.read());
        RowBlocks.forTests(10, 7);
        try (RowThreads two = new RowThreads(2)) {
            m.rowThreads(two);
            Models.assertGradient(m, 11);
        }
    }

    /** glmm_100k's 100,000 rows are over the default threshold: its blocks equal the single loop. */
    @Test
    void glmm100kAtTheDefaultThreshold() {
        Model m = Models.example("glmm_100k.ulam", "sim_glmm_100k.csv");
        assertTrue(100_000 >= RowBlocks.threshold() && RowBlocks.blocks(100_000) > 1, "glmm_100k is split by default");
        Random rng = new Random(3);
        try (RowThreads two = new RowThreads(2)) {
            for (int p = 0; p < 2; p++) {
                double[] q = new double[m.dimension()];
                for (int k = 0; k < q.length; k++) q[k] = -1 + 2 * rng.nextDouble();
                double[] blocks = new double[q.length];
                m.rowThreads(two);
                double lpBlocks = m.logDensityGradient(q, blocks);
                m.rowThreads(null);
                RowBlocks.forTests(Integer.MAX_VALUE, RowBlocks.DEFAULT_BLOCK_ROWS);
                double[] single = new double[q.length];
                double lpSingle = m.logDensityGradient(q, single);
                RowBlocks.forTests(RowBlocks.DEFAULT_THRESHOLD, RowBlocks.DEFAULT_BLOCK_ROWS);
                assertClose(lpSingle, lpBlocks, "log density");
                for (int k = 0; k < q.length; k++) assertClose(single[k], blocks[k], "d/dq[" + k + "] (" + m.outputNames()[k] + ")");
            }
            assertTrue(two.splits() > 0, "the helper thread was used");
        }
    }

    /**
     * glmm_100k's gradient allocates nothing in steady state, on one thread and with a helper
     * (the calling thread's allocated bytes over 40 gradients after 400 of warm-up, in which the
     * JIT compiles the row kernels): the row kernels' arguments and work, the blocks' buffers
     * and the helpers' job are made once per model instance.
     */
    @Test
    void glmm100kGradientAllocatesNothingInSteadyState() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!(mx instanceof com.sun.management.ThreadMXBean bean) || !bean.isThreadAllocatedMemorySupported()) return;
        Model m = Models.example("glmm_100k.ulam", "sim_glmm_100k.csv");
        double[] q = new double[m.dimension()];
        Random rng = new Random(5);
        for (int k = 0; k < q.length; k++) q[k] = -1 + 2 * rng.nextDouble();
        double[] g = new double[q.length];
        try (RowThreads two = new RowThreads(2)) {
            for (RowThreads t : new RowThreads[] {null, two}) {
                m.rowThreads(t);
                double sink = 0;
                for (int k = 0; k < 400; k++) sink += m.logDensityGradient(q, g);
                long before = bean.getCurrentThreadAllocatedBytes();
                for (int k = 0; k < 40; k++) sink += m.logDensityGradient(q, g);
                long bytes = bean.getCurrentThreadAllocatedBytes() - before;
                assertTrue(bytes < 40 * 64, bytes + " bytes allocated by 40 gradients (" + (t == null ? "one thread" : "a helper") + ")");
                assertTrue(Double.isFinite(sink));
            }
            m.rowThreads(null);
        }
    }

    /** With one chain, --cores 2 (a helper thread on the blocks) gives the draws of --cores 1, bit for bit. */
    @Test
    void seededDrawsDoNotDependOnCores() {
        RowBlocks.forTests(100, 50);
        Model m = Models.example("chimpanzees.ulam", "chimpanzees.csv");
        AtomicReference<RowThreads> given = new AtomicReference<>();
        Model watched = new Watched(m, given);
        Fit one = Sampler.run(watched, config(1), ProgressListener.NONE);
        Fit two = Sampler.run(watched, config(2), ProgressListener.NONE);
        assertTrue(given.get() != null && given.get().splits() > 0, "with --cores 2 the chain used the helper thread");
        for (int o = 0; o < one.outputNames().length; o++) {
            assertArrayEquals(one.draws(o)[0], two.draws(o)[0], one.outputNames()[o]);
        }
        assertArrayEquals(one.stat(SamplerStat.LP)[0], two.stat(SamplerStat.LP)[0], "lp__");
        assertEquals(one.gradientEvaluations(), two.gradientEvaluations());
    }

    private static SamplerConfig config(int cores) {
        return SamplerConfig.builder().chains(1).cores(cores).warmup(150).draws(100).seed(20).build();
    }

    /** Remembers the row threads the sampler gives a chain's copy. */
    private static final class Watched extends ForwardingModel {
        private final AtomicReference<RowThreads> given;

        Watched(Model m, AtomicReference<RowThreads> given) {
            super(m);
            this.given = given;
        }

        @Override
        public Model copy() {
            return new Watched(delegate().copy(), given);
        }

        @Override
        public void rowThreads(RowThreads threads) {
            if (threads != null) given.set(threads);
            super.rowThreads(threads);
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        double tol = 1e-12 * Math.max(1.0, Math.abs(expected));
        assertTrue(Math.abs(expected - actual) <= tol || expected == actual,
                what + ": single loop " + expected + ", blocks " + actual + " (difference " + (actual - expected) + ")");
    }
}
