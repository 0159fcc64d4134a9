package ulam.compiler.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.compiler.Compiler;
import ulam.compiler.parse.Source;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * Bad formulas get located errors that say what to write instead: each case is a call on the
 * sleepstudy data, the text the message must hold, the column of the caret on the call's line,
 * and a word the help must hold.
 */
class FormulaErrorsTest {
    static final DataSet SLEEP = DataSet.read(List.of(Path.of("../tests/src/test/resources/formula/data/sleepstudy.csv")), Map.of());

    static Stream<Arguments> cases() {
        return Stream.of(
                // unknown family
                Arguments.of("fit <- brm(Reaction ~ Days, data = d, family = gausian)", "unknown or unsupported family 'gausian'",
                        "gausian", "gaussian"),
                // a grouping factor that is not a column
                Arguments.of("fit <- brm(Reaction ~ Days + (1 | Subjekt), data = d)", "no value named 'Subjekt'", "Subjekt",
                        "Subject"),
                // a prior class the model does not have
                Arguments.of("fit <- brm(Reaction ~ Days, data = d, prior = prior(gamma(2, 1), class = phi))",
                        "does not match any parameter", "prior(gamma(2, 1), class = phi)", "classes are: b, Intercept, sigma"),
                // a coefficient that does not exist
                Arguments.of("fit <- brm(Reaction ~ Days, data = d, prior = prior(normal(0, 1), class = b, coef = days))",
                        "does not match any parameter", "prior(normal(0, 1), class = b, coef = days)", "coefficients are: Days"),
                // a group the model does not have
                Arguments.of("fit <- brm(Reaction ~ Days + (1 | Subject), data = d, prior = prior(normal(0, 1), class = sd, group = g))",
                        "does not match any parameter", "prior(normal(0, 1), class = sd, group = g)", "groups are: Subject"),
                // unsupported terms
                Arguments.of("fit <- brm(Reaction ~ s(Days), data = d)", "'s(...)' in a formula is not supported yet", "s", "splines"),
                Arguments.of("fit <- brm(Reaction ~ ., data = d)", "'.' (all other columns) is not supported yet", ".", "name the predictors"),
                Arguments.of("fit <- brm(Reaction ~ Days + (1 | gr(Subject)), data = d)", "gr() grouping is not supported yet", "gr", "column"),
                Arguments.of("fit <- brm(Reaction | weights(Days) ~ 1, data = d)", "addition term weights(Days) is not supported yet",
                        "weights(Days)", "trials"),
                Arguments.of("fit <- brm(bf(Reaction ~ Days, sigma ~ Days), data = d)", "distributional parameters", "sigma ~ Days", "nl = TRUE"),
                // an unknown prior distribution
                Arguments.of("fit <- brm(Reaction ~ Days, data = d, prior = prior(normall(0, 1), class = b))",
                        "unknown or unsupported prior distribution 'normall'", "normall", "normal"),
                // a link the family does not have
                Arguments.of("fit <- brm(Reaction ~ Days, data = d, family = gaussian(link = \"logit\"))",
                        "the link 'logit' is not supported for gaussian", "gaussian(link = \"logit\")", "identity"),
                // cbind is rstanarm's binomial outcome
                Arguments.of("fit <- brm(cbind(Days, Days) ~ 1, data = d, family = binomial)", "not cbind()", "cbind(Days, Days)", "trials"),
                // rstanarm
                Arguments.of("fit <- stan_glmer(Reaction ~ Days + (1 | Subject), data = d, prior = laplace())",
                        "the rstanarm prior laplace() is not supported yet", "laplace", "normal()"),
                Arguments.of("fit <- stan_glm(Reaction ~ Days + (1 | Subject), data = d)", "stan_glm has no group-level terms",
                        "1 | Subject", "stan_glmer"),
                Arguments.of("fit <- stan_glmer(Reaction ~ Days + (1 | Subject), data = d, family = student)",
                        "has no family student", "student", "gaussian"),
                Arguments.of("fit <- stan_polr(Reaction ~ Days, data = d)", "stan_polr() is not supported yet", "stan_polr", "stan_glmer"),
                // R syntax
                Arguments.of("fit <- brm(Reaction ~ Days + (1 | Subject, data = d)", "'(' is never closed", "(", "add the matching"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cases")
    void badFormulaGetsALocatedErrorWithAHelp(String call, String message, String caretAt, String help) {
        UlamException e = assertThrows(UlamException.class, () -> Compiler.compile(new Source("m.R", call + "\n"),
                Compiler.schema(SLEEP)));
        assertTrue(e.getMessage().contains(message), "message: " + e.getMessage());
        assertNotNull(e.location(), "located: " + e.getMessage());
        assertEquals(1, e.location().line(), e.format());
        assertEquals(call.indexOf(caretAt) + 1, e.location().column(), e.format());
        assertNotNull(e.help(), e.format());
        assertTrue(e.help().contains(help), "help: " + e.help());
        assertTrue(e.format().contains("m.R:1:"), e.format());
    }

    @Test
    void aTextColumnInArithmeticIsAnError() {
        DataSet frogs = DataSet.read(List.of(Path.of("../examples/data/reedfrogs.csv")), Map.of());
        String call = "fit <- brm(surv | trials(density) ~ I(pred * 2), data = d, family = binomial)";
        UlamException e = assertThrows(UlamException.class, () -> Compiler.compile(new Source("m.R", call + "\n"),
                Compiler.schema(frogs)));
        assertTrue(e.getMessage().contains("'pred' holds text"), e.getMessage());
        assertEquals(call.indexOf("pred *") + 1, e.location().column());
        assertTrue(e.help().contains("factor"), e.help());
    }

    @Test
    void aFormulaWithoutDataSaysToGiveThem() {
        UlamException e = assertThrows(UlamException.class, () -> Compiler.compile(new Source("m.R",
                "fit <- brm(Reaction ~ Days, data = d)\n"), null));
        assertTrue(e.getMessage().contains("needs the data"), e.getMessage());
        assertTrue(e.help().contains("--data"), e.help());
        assertEquals(8, e.location().column());
    }

    @Test
    void anUnreadableLineThatTheCallNeedsIsNamed() {
        UlamException e = assertThrows(UlamException.class, () -> Compiler.compile(new Source("m.R",
                "library(brms)\npriors <- c(prior(normal(0, 1), class = b)))\nfit <- brm(Reaction ~ Days, data = d, prior = priors)\n"),
                Compiler.schema(SLEEP)));
        assertTrue(e.getMessage().contains("'priors' is defined on line 2"), e.getMessage());
        assertEquals(3, e.location().line());
    }

    @Test
    void theFlatPriorCannotBeSampledAlone() {
        UlamException e = assertThrows(UlamException.class, () -> Compiler.compile(new Source("m.R",
                "fit <- brm(Reaction ~ Days, data = d)\n"), Compiler.schema(SLEEP), ulam.compiler.check.CompileMode.PRIOR));
        assertTrue(e.getMessage().contains("improper flat()"), e.getMessage());
        assertTrue(e.format().contains("m.R (alist):"), e.format());
        assertTrue(e.location().lineText().contains("b_Days ~ flat()"), e.format());
        UlamException s = assertThrows(UlamException.class, () -> ulam.compiler.sbc.Sbc.prepare(new Source("m.R",
                "fit <- brm(Reaction ~ Days, data = d)\n"), SLEEP));
        assertTrue(s.getMessage().contains("sbc draws parameters from their priors"), s.getMessage());
    }

    @Test
    void twoModelCallsAreRefused() {
        UlamException e = assertThrows(UlamException.class, () -> Compiler.compile(new Source("m.R",
                "a <- brm(Reaction ~ Days, data = d)\nb <- brm(Reaction ~ 1, data = d)\n"), Compiler.schema(SLEEP)));
        assertTrue(e.getMessage().contains("second model call"), e.getMessage());
        assertEquals(2, e.location().line());
    }
}
