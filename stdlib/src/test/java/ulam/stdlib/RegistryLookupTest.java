package ulam.stdlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Name lookup, alias uniqueness and "did you mean" suggestions. */
class RegistryLookupTest {

    @Test
    void canonicalNamesAndAliasesResolve() {
        String[][] expected = {
            {"normal", "normal"}, {"dnorm", "normal"}, {"dhalfnorm", "half_normal"}, {"dcauchy", "cauchy"},
            {"dhalfcauchy", "half_cauchy"}, {"dstudent", "student_t"}, {"log_normal", "lognormal"},
            {"dlnorm", "lognormal"}, {"dgamma", "gamma"}, {"dgamma2", "gamma2"}, {"dexp", "exponential"},
            {"dunif", "uniform"}, {"dbeta", "beta"}, {"dbeta2", "beta2"}, {"dbern", "bernoulli"},
            {"bernoulli_logit", "bernoulli_logit"}, {"dbinom", "binomial"}, {"binomial_logit", "binomial_logit"},
            {"dpois", "poisson"}, {"poisson_log", "poisson_log"},
        };
        for (String[] e : expected) {
            assertEquals(e[1], Registry.distribution(e[0]).orElseThrow().name(), e[0]);
        }
        assertEquals("inv_logit", Registry.function("logistic").orElseThrow().name());
        assertEquals("abs", Registry.function("fabs").orElseThrow().name());
        assertFalse(Registry.distribution("dnormal").isPresent());
        assertFalse(Registry.distribution("exp").isPresent(), "a function is not a distribution");
        assertFalse(Registry.function("normal").isPresent(), "a distribution is not a function");
    }

    @Test
    void everyNameAndAliasIsUniqueAndResolvesToItsEntry() {
        Set<String> seen = new HashSet<>();
        for (DistributionSpec d : Registry.distributions()) {
            for (String n : names(d.name(), d.aliases())) {
                assertTrue(seen.add(n), "ambiguous name " + n);
                assertEquals(d, Registry.distribution(n).orElseThrow());
            }
        }
        for (FunctionSpec f : Registry.functions()) {
            for (String n : names(f.name(), f.aliases())) {
                assertTrue(seen.add(n), "ambiguous name " + n);
                assertEquals(f, Registry.function(n).orElseThrow());
            }
        }
    }

    @Test
    void closestSuggestsNearbyNamesBestFirst() {
        assertEquals("dnorm", Registry.closest("dnrom", 3).get(0), "adjacent transposition costs 1");
        assertEquals("normal", Registry.closest("Normal", 1).get(0), "case is ignored first");
        assertEquals("inv_logit", Registry.closest("invlogit", 1).get(0));
        assertEquals("binomial", Registry.closest("dbinomial", 1).get(0));
        assertEquals("exponential", Registry.closest("exponental", 1).get(0));
        assertEquals(List.of(), Registry.closest("x", 0));
        assertEquals(5, Registry.closest("zzz", 5).size());
    }

    @Test
    void editDistanceIsTheOptimalStringAlignmentDistance() {
        assertEquals(0, Registry.editDistance("abc", "abc"));
        assertEquals(1, Registry.editDistance("abc", "acb"));
        assertEquals(1, Registry.editDistance("abc", "ab"));
        assertEquals(1, Registry.editDistance("abc", "abd"));
        assertEquals(3, Registry.editDistance("", "abc"));
        assertEquals(3, Registry.editDistance("kitten", "sitting"));
        assertEquals(3, Registry.editDistance("ca", "abc"), "OSA, not unrestricted Damerau-Levenshtein (2)");
    }

    private static List<String> names(String name, List<String> aliases) {
        List<String> all = new java.util.ArrayList<>(aliases);
        all.add(0, name);
        return all;
    }
}
