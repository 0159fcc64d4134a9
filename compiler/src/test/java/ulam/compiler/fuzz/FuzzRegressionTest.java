package ulam.compiler.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import ulam.compiler.testing.Models;
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
}
