package ulam.compiler.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import ulam.compiler.testing.Models;
import ulam.runtime.Model;
import ulam.runtime.UlamException;

/**
 * The bugs fuzzing found ({@link CompilerFuzzTest}), one reproducer each, checked with the
 * fuzzing property ({@link Oracle}: compiles and evaluates, or a located error; on a 1 MiB stack).
 */
class FuzzRegressionTest {

    private static Oracle.Outcome check(String model) {
        return Oracle.check("r.ulam", model, null, "(none)");
    }

    /** Asserts that the model compiles and evaluates (showing the error if it does not). */
    private static void assertAccepted(String model) {
        if (check(model) == Oracle.Outcome.ACCEPTED) return;
        try {
            Models.inline(model, null);
        } catch (UlamException e) {
            throw new AssertionError(e.format() + "\n" + model);
        }
    }

    /** Expressions nested up to the parser's bound compile and run on the command line's stack. */
    @Test
    void nestingAtTheBoundCompilesOnTheDefaultStack() {
        int n = 250;
        String[] deep = {"(".repeat(n) + "a" + ")".repeat(n), "-".repeat(n) + "a", "a^".repeat(n) + "1",
                "a + ".repeat(n) + "a", "exp(".repeat(n / 2) + "a" + ")".repeat(n / 2), "a * b - ".repeat(n / 2) + "a",
                "fmax(".repeat(n / 2) + "a, b)" + ", a)".repeat(n / 2 - 1)};
        for (String e : deep) {
            assertAccepted("a ~ dnorm(0, 1)\nb ~ dnorm(0, 1)\nx ~ dnorm(mu, 1)\nmu <- " + e + "\n");
            assertAccepted("a ~ dnorm(0, 1)\nb ~ dnorm(0, 1)\ngq> g <- " + e + "\n");
        }
    }

    /** Found by fuzzing: a draw in a generated quantity outside any loop was never computed (IllegalStateException). */
    @Test
    void drawOfAScalarGeneratedQuantity() {
        String model = "a_bar ~ normal(0, 1.5)\ngq> y_sim <- normal_rng(a_bar, 1)\n";
        assertAccepted(model);
        Model m = Models.inline(model, null);
        assertArrayEquals(new String[] {"a_bar", "y_sim"}, m.outputNames());
        double[] out = new double[2];
        double sum = 0;
        double squares = 0;
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
        for (int k = 0; k < 2000; k++) {
            m.writeDraw(new double[] {3.0}, rng, out);
            sum += out[1];
            squares += out[1] * out[1];
        }
        double mean = sum / 2000;
        assertEquals(3.0, mean, 0.1, "normal_rng(a_bar, 1) at a_bar = 3");
        assertEquals(1.0, squares / 2000 - mean * mean, 0.15, "its variance");
    }
}
