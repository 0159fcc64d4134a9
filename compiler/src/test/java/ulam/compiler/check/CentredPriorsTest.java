package ulam.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ulam.compiler.Compiler;
import ulam.compiler.parse.Source;
import ulam.runtime.Model;
import ulam.runtime.data.DataSet;

/** The non-centred advice printed beside divergent transitions names each centred prior, and only those. */
class CentredPriorsTest {

    private static final DataSet FROGS = DataSet.read(List.of(Path.of("../examples/data/reedfrogs.csv")), Map.of());

    private static List<String> advice(String text, DataSet data) {
        Compiler.Compiled c = Compiler.compile(new Source("t.ulam", text), data == null ? null : Compiler.schema(data));
        List<String> fromSpec = CentredPriors.advice(c.spec());
        Model m = c.factory().apply(data == null ? DataSet.empty() : data);
        assertEquals(fromSpec, m.reparameterisations(), "the generated class reports the checker's advice");
        return fromSpec;
    }

    @Test
    void theFunnelGetsItsNonCentredForm() throws Exception {
        List<String> a = advice(Files.readString(Path.of("../examples/funnel.ulam")), null);
        assertEquals(1, a.size(), a.toString());
        assertTrue(a.get(0).startsWith("line 4, x ~ normal(0, exp(v)): its scale exp(v) depends on v, so x and v can form a funnel."), a.get(0));
        assertTrue(a.get(0).contains("z_x ~ normal(0, 1) with z_x*exp(v) wherever x was used"), a.get(0));
        assertEquals(List.of(), advice(Files.readString(Path.of("../examples/funnel_nc.ulam")), null));
    }

    @Test
    void aVaryingInterceptKeepsItsIndexAndLocation() throws Exception {
        List<String> a = advice(Files.readString(Path.of("../examples/reedfrogs.ulam")), FROGS);
        assertEquals(1, a.size(), a.toString());
        assertTrue(a.get(0).startsWith("line 5, a[tank] ~ dnorm(a_bar, sigma):"), a.get(0));
        assertTrue(a.get(0).contains("z_a[tank] ~ dnorm(0, 1) with a_bar + z_a[tank]*sigma wherever a[tank] was used"), a.get(0));
    }

    @Test
    void explicitTypesKeepTheirPrefixAndStackedPriorsGetNoAdvice() {
        List<String> a = advice("""
                y ~ normal(mu, 1)
                mu <- a[1] + b + c
                vector[3]:a ~ normal(0, tau)
                c(b, c) ~ normal(0, tau)
                tau ~ exponential(1)
                """, DataSet.read(List.of(), Map.of("y", "1.5")));
        assertEquals(1, a.size(), a.toString());
        assertTrue(a.get(0).contains("vector[3]:z_a ~ normal(0, 1) with z_a*tau wherever a was used"), a.get(0));
    }

    @Test
    void onlyPriorsWhoseScaleIsAParameterOfAnUnboundedParameter() {
        List<String> a = advice("""
                y ~ normal(mu, s)
                mu ~ student_t(3, m, tau)   # centred, student_t keeps its degrees of freedom
                m ~ normal(0, 1.5)
                tau ~ exponential(1)
                s ~ normal(0, tau)
                real:u ~ normal(0, 2.5)
                """, DataSet.read(List.of(), Map.of("y", "1.5")));
        assertEquals(1, a.size(), a.toString());   // s is bounded (half-normal), u's scale is a constant
        assertTrue(a.get(0).startsWith("line 2, mu ~ student_t(3, m, tau): its scale tau is a parameter, so mu and tau can form a funnel"), a.get(0));
        assertTrue(a.get(0).contains("z_mu ~ student_t(3, 0, 1) with m + z_mu*tau"), a.get(0));
    }
}
