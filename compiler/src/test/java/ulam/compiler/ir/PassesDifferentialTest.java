package ulam.compiler.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.compiler.Compiler;
import ulam.compiler.testing.Examples;
import ulam.runtime.Model;
import ulam.runtime.data.DataSet;

/**
 * The optimising passes change the work, never the results: every example compiled with all
 * passes ({@link Passes#ALL}) and with none ({@link Passes#NONE}, the IR as lowered) gives the
 * same log density, gradient and pointwise log-likelihood at random points of the unconstrained
 * space.
 *
 * <p>Tolerance: the passes reorder sums (a group's terms are summed as one term, a precomputed
 * value is the same double), so the two differ by rounding only: at most
 * {@code 1e-11 * max(1, |value|)} (measured: 2e-13 at most), while a wrong pass (a group dropped, a term counted twice, a
 * wrong precomputed index) changes the log density by at least one term, far more.
 */
class PassesDifferentialTest {

    /** The examples whose IR the passes rewrite: if a pass stops applying to one, the test says so. */
    private static final Set<String> REWRITTEN = Set.of(
            "chimpanzees.ulam", "chimpanzees_nc.ulam", "reedfrogs_nopool.ulam", "reedfrogs.ulam", "reedfrogs_spg.ulam",
            "reedfrogs_spg_nc.ulam", "glmm_100k.ulam", "cafes.ulam", "chimpanzees_slopes.ulam", "trolley.ulam",
            "trolley_edu.ulam", "kline_gampois.ulam", "ucbadmit_betabinom.ulam", "monks.ulam", "milk_impute.ulam", "kline_gp.ulam");

    @Test
    void everyExampleIsListed() {
        assertEquals(List.of(), Examples.unlisted(), "examples missing from ulam.compiler.testing.Examples");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ulam.compiler.testing.Examples#all")
    void passesOnEqualPassesOff(Examples.Example example) {
        DataSet data = example.read();
        Compiler.Compiled on = example.compile(data, Passes.ALL);
        Compiler.Compiled off = example.compile(data, Passes.NONE);
        assertEquals(REWRITTEN.contains(example.model()), !on.ir().dump().equals(off.ir().dump()),
                example + ": whether the passes rewrite its IR");
        Model a = on.factory().apply(data);
        Model b = off.factory().apply(data);
        assertEquals(b.dimension(), a.dimension(), "dimension");
        assertEquals(b.observations(), a.observations(), "observations");
        Random rng = new Random(11);
        // kline_gp's lambda = a*P^b/g with populations up to 275,000 overflows far from the centre
        double half = example.model().equals("kline_gp.ulam") ? 0.25 : 2;
        for (int point = 0; point < 5; point++) {
            double[] q = new double[a.dimension()];
            for (int k = 0; k < q.length; k++) q[k] = -half + 2 * half * rng.nextDouble();
            double[] ga = new double[q.length];
            double[] gb = new double[q.length];
            double la = a.logDensityGradient(q, ga);
            double lb = b.logDensityGradient(q, gb);
            assertTrue(Double.isFinite(lb), example + ": finite log density at point " + point);
            close(lb, la, example + ": log density at point " + point);
            close(lb, a.logDensity(q), example + ": log density without the gradient at point " + point);
            for (int k = 0; k < q.length; k++) close(gb[k], ga[k], example + ": gradient " + k + " at point " + point);
            double[] lla = new double[a.observations()];
            double[] llb = new double[b.observations()];
            a.logLikelihood(q, lla);
            b.logLikelihood(q, llb);
            for (int i = 0; i < lla.length; i++) close(llb[i], lla[i], example + ": pointwise log-likelihood " + i);
        }
    }

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-11 * Math.max(1, Math.abs(expected)), what);
    }
}
