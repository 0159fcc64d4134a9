package ulam.stdlib.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulam.stdlib.testing.Close.assertClose;
import static ulam.stdlib.testing.Close.assertDerivative;

import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.Support;
import ulam.stdlib.ValueType;
import ulam.stdlib.testing.DistributionMethods;
import ulam.stdlib.testing.FiniteDifference;
import ulam.stdlib.testing.RandomPoints;
import ulam.stdlib.testing.References;
import ulam.stdlib.testing.Seeds;

/**
 * Every distribution of scalars in the registry (those with vector operands: {@code
 * ShapedDistributionTest}), at random valid points with a fixed seed: lpdf against an
 * independent reference (commons-math3, or a closed form built from it), kernel + constant
 * against lpdf, and every partial derivative of the kernel against finite differences of lpdf.
 */
class DensityTest {
    static final int REFERENCE_POINTS = 300;
    static final int GRADIENT_POINTS = 25;

    static Stream<DistributionMethods> distributions() {
        return DistributionMethods.scalars();
    }

    @Test
    void everyDistributionHasAReference() {
        for (DistributionSpec spec : DistributionMethods.scalarSpecs().toList()) {
            assertTrue(References.CONTINUOUS.containsKey(spec.name()) || References.DISCRETE.containsKey(spec.name()),
                    spec.name() + " has no reference implementation in the tests");
            assertEquals(spec.outcome() == ValueType.INT, References.DISCRETE.containsKey(spec.name()), spec.name());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void lpdfMatchesReference(DistributionMethods dist) {
        UniformRandomProvider source = Seeds.source(dist.spec.name());
        for (int i = 0; i < REFERENCE_POINTS; i++) {
            double[] v = RandomPoints.draw(dist, source);
            assertClose(References.logDensity(dist.spec.name(), v), dist.lpdf(v), 1e-10,
                    dist + " lpdf at " + java.util.Arrays.toString(v));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void kernelPlusConstantIsLpdf(DistributionMethods dist) {
        UniformRandomProvider source = Seeds.source(dist.spec.name() + "/kernel");
        double[] d = new double[dist.slots()];
        for (int i = 0; i < REFERENCE_POINTS; i++) {
            double[] v = RandomPoints.draw(dist, source);
            assertClose(dist.lpdf(v), dist.kernel(v, d) + dist.constant(v), 1e-13,
                    dist + " kernel + constant at " + java.util.Arrays.toString(v));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void kernelPartialsMatchFiniteDifferences(DistributionMethods dist) {
        UniformRandomProvider source = Seeds.source(dist.spec.name() + "/gradient");
        double[] d = new double[dist.slots()];
        for (int i = 0; i < GRADIENT_POINTS; i++) {
            double[] v = RandomPoints.draw(dist, source);
            dist.kernel(v, d);
            for (int j = 0; j < dist.slots(); j++) {
                if (dist.type(j) == ValueType.REAL) {
                    final int slot = j;
                    double numeric = FiniteDifference.derivative(x -> {
                        double[] w = v.clone();
                        w[slot] = x;
                        return dist.lpdf(w);
                    }, v[j], support(dist.spec, j));
                    assertDerivative(numeric, d[j], dist + " d/d" + name(dist.spec, j) + " at "
                            + java.util.Arrays.toString(v));
                }
            }
        }
    }

    /** The support in which slot j may be moved by a finite difference. */
    static Support support(DistributionSpec spec, int slot) {
        Support s = slot == 0 ? spec.outcomeSupport() : spec.args().get(slot - 1).support();
        return s == Support.ARG_BOUNDS ? Support.REAL : s;
    }

    static String name(DistributionSpec spec, int slot) {
        return slot == 0 ? "y" : spec.args().get(slot - 1).name();
    }
}
