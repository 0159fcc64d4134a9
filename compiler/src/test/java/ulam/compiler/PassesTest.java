package ulam.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Test;
import ulam.compiler.check.CompileMode;
import ulam.compiler.ir.Pass;
import ulam.compiler.ir.Passes;
import ulam.compiler.parse.Source;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * The IR passes change speed, never results: a likelihood aggregated over rows with equal
 * predictors ({@code Aggregate}) and per-row data computed at bind time ({@code Precompute})
 * give the same log density, gradient and pointwise log-likelihood as the same model compiled
 * without passes ({@link Passes#NONE}). (Every example is compared the same way by
 * {@code ulam.compiler.ir.PassesDifferentialTest}.)
 */
class PassesTest {

    private static final DataSet CHIMPS = DataSet.read(List.of(Path.of("../examples/data/chimpanzees.csv")), Map.of());
    private static final DataSet FROGS = DataSet.read(List.of(Path.of("../examples/data/reedfrogs.csv")), Map.of());

    private static Compiler.Compiled compile(String text, DataSet data) {
        return Compiler.compile(new Source("p.ulam", text), Compiler.schema(data));
    }

    private static Compiler.Compiled compile(String text, DataSet data, java.util.List<Pass> passes) {
        return Compiler.compile(new Source("p.ulam", text), Compiler.schema(data), CompileMode.POSTERIOR, passes);
    }

    /**
     * {@code fast} is the model with the passes, {@code plain} the same model without them (one
     * term per row); with a term {@code 0*r} of a real column r in the linear model the model is
     * aggregated too: a real column is a grouping key (compared exactly).
     */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> cases() {
        String chimps = "P <- pulled_left\nA <- actor\nB <- block\nT <- 1 + prosoc_left + 2*condition\nr <- trial / 2\n";
        String frogs = "S <- surv\nN <- density\nP <- ifelse(pred == \"no\", 1, 2)\nG <- ifelse(size == \"small\", 1, 2)\nr <- propsurv\n";
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("bernoulli", "chimps",
                        "P ~ bernoulli(p)\nlogit(p) <- b[T,B] + a[A]LIN\nmatrix[T,B]:b ~ dnorm(0, 1)\na[A] ~ dnorm(0, 1.5)\n" + chimps),
                org.junit.jupiter.params.provider.Arguments.of("binomial N = 1", "chimps",
                        "P ~ dbinom(1, p)\nlogit(p) <- a[A]LIN\na[A] ~ dnorm(0, 1.5)\n" + chimps),
                org.junit.jupiter.params.provider.Arguments.of("binomial, N a column", "frogs",
                        "S ~ dbinom(N, p)\nlogit(p) <- a[P] + c[G]LIN\na[P] ~ dnorm(0, 1)\nc[G] ~ dnorm(0, 1)\n" + frogs),
                org.junit.jupiter.params.provider.Arguments.of("probability scale", "frogs",
                        "S ~ dbinom(N, p)\np <- inv_logit(a[P]LIN)\na[P] ~ dnorm(0, 1)\n" + frogs),
                org.junit.jupiter.params.provider.Arguments.of("poisson, weighted", "chimps",
                        "P ~ poisson(lambda)\nlog(lambda) <- a[A]LIN\na[A] ~ dnorm(0, 1)\n" + chimps),
                org.junit.jupiter.params.provider.Arguments.of("custom, weighted", "chimps",
                        "P ~ custom(bernoulli_logit_lpmf(!Y | a[A]LIN))\na[A] ~ dnorm(0, 1)\n" + chimps));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("cases")
    void aggregatedEqualsPerRow(String what, String dataName, String text) {
        DataSet data = dataName.equals("chimps") ? CHIMPS : FROGS;
        Compiler.Compiled fast = compile(text.replace("LIN", ""), data);
        Compiler.Compiled plain = compile(text.replace("LIN", ""), data, Passes.NONE);
        assertTrue(aggregated(fast), what + ": the pass applies");
        assertTrue(!aggregated(plain), what + ": without passes, one term per row");
        assertTrue(aggregated(compile(text.replace("LIN", " + 0*r"), data)), what + ": a real column in the predictor is a key too");
        Model a = fast.factory().apply(data);
        Model b = plain.factory().apply(data);
        Random rng = new Random(3);
        for (int point = 0; point < 5; point++) {
            double[] q = new double[a.dimension()];
            for (int k = 0; k < q.length; k++) q[k] = -2 + 4 * rng.nextDouble();
            double[] ga = new double[q.length];
            double[] gb = new double[q.length];
            double la = a.logDensityGradient(q, ga);
            double lb = b.logDensityGradient(q, gb);
            assertEquals(lb, la, 1e-11 * Math.abs(lb), "log density");
            assertEquals(lb, a.logDensity(q), 1e-11 * Math.abs(lb), "log density without gradient");
            for (int k = 0; k < q.length; k++) assertEquals(gb[k], ga[k], 1e-10 * Math.max(1, Math.abs(gb[k])), "gradient " + k);
            double[] lla = new double[a.observations()];
            double[] llb = new double[b.observations()];
            a.logLikelihood(q, lla);
            b.logLikelihood(q, llb);
            for (int i = 0; i < lla.length; i++) assertEquals(llb[i], lla[i], 1e-12, "pointwise log-likelihood stays per row");
        }
    }

    private static boolean aggregated(Compiler.Compiled c) {
        String ir = c.ir().dump();
        return ir.contains("(aggregated over rows with equal predictors)") || ir.contains("(once per distinct row, weighted)");
    }

    @Test
    void perRowDataAreComputedWhenBound() {
        Compiler.Compiled c = compile("P ~ bernoulli(p)\nlogit(p) <- b[T,B] + g*x\nmatrix[T,B]:b ~ dnorm(0, 1)\ng ~ dnorm(0, 1)\n"
                + "P <- pulled_left\nB <- block\nT <- 1 + prosoc_left + 2*condition\nx <- trial / 10\n", CHIMPS);
        String ir = c.ir().dump();
        assertTrue(ir.contains("precompute for likelihood P"), ir);
    }

    @Test
    void outcomesOutsideTheirSupportAreReportedByRow() {
        UlamException e = assertThrows(UlamException.class, () -> compile(
                "P ~ bernoulli(p)\nlogit(p) <- a\na ~ dnorm(0, 1)\nP <- pulled_left + 1\n", CHIMPS).factory().apply(CHIMPS));
        assertTrue(e.getMessage().contains("'P' in row 2 is 2; a bernoulli outcome is 0 or 1 (and 291 other rows)"), e.getMessage());
        assertEquals(1, e.location().line());
        UlamException f = assertThrows(UlamException.class, () -> compile(
                "S ~ dbinom(N, p)\nlogit(p) <- a\na ~ dnorm(0, 1)\nS <- surv\nN <- density - 20\n", FROGS).factory().apply(FROGS));
        assertTrue(f.getMessage().contains("trials"), f.getMessage());
    }
}
