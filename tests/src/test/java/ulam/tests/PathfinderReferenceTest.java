package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.runtime.Model;
import ulam.runtime.approx.Pathfinder;
import ulam.runtime.diagnostics.VariableSummary;
import ulam.tests.support.Fits;
import ulam.tests.support.Reference;

/**
 * Pathfinder's draws against the reference posteriors (Stan, see the references' README). On the
 * seed models whose posterior is near-Gaussian, every reference mean within 0.3 reference sd
 * and the diagnostics not flagging the approximation. On the hierarchical ones
 * (mBTnc, m13.2, m12.2: scale parameters with skewed posteriors) Pathfinder is either within
 * 0.3 sd or flags itself ({@link Pathfinder.Result#flagged()}): never a silent wrong answer.
 * On the centred funnel (examples/funnel.ulam) the diagnostics must flag it.
 */
class PathfinderReferenceTest {

    static Stream<Arguments> models() {
        String d = "examples/data/";
        return Stream.of(
                Arguments.of("examples/funnel_nc.ulam", null, "funnel_nc.csv", true),
                Arguments.of("examples/ucbadmit_betabinom.ulam", d + "UCBadmit.csv", "m12_1.csv", true),
                Arguments.of("examples/trolley.ulam", d + "Trolley.csv", "m12_5.csv", true),
                Arguments.of("examples/chimpanzees_nc.ulam", d + "chimpanzees.csv", "mBTnc.csv", false),
                Arguments.of("examples/reedfrogs.ulam", d + "reedfrogs.csv", "reedfrogs.csv", false),
                Arguments.of("examples/kline_gampois.ulam", d + "Kline.csv", "m12_2.csv", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void meansWithinAThirdOfAnSdOrFlagged(String model, String data, String reference, boolean nearGaussian) throws Exception {
        Model m = data == null ? Fits.bind(model) : Fits.bind(model, data);
        Pathfinder.Result r = Pathfinder.run(m, Pathfinder.Settings.defaults(), 20261207L);
        Reference ref = Reference.read(Path.of("tests/src/test/resources/reference", reference));
        List<String> names = Arrays.asList(m.outputNames());
        List<VariableSummary> ours = r.draws().summaries(0.89);
        List<String> failures = new ArrayList<>();
        double worst = 0;
        String worstName = "";
        int compared = 0;
        for (String name : ref.names()) {
            int i = names.indexOf(name);
            if (i < 0) continue;
            compared++;
            Reference.Row row = ref.row(name);
            double z = Math.abs(ours.get(i).mean() - row.mean()) / row.sd();
            if (z > worst) {
                worst = z;
                worstName = name;
            }
            if (z > 0.3) failures.add(String.format(Locale.ROOT, "%s: mean %.4g vs %.4g (%.2f sd)", name, ours.get(i).mean(), row.mean(), z));
        }
        String summary = String.format(Locale.ROOT, "%s: %d compared, worst %s at %.3f sd; Pareto k %.2f, relative efficiency %.3f",
                model, compared, worstName, worst, r.paretoK(), r.relativeEfficiency());
        System.out.println(summary);
        assertTrue(compared > 0, summary);
        if (nearGaussian) {
            assertTrue(!r.flagged(), "a near-Gaussian posterior flagged: " + summary);
            assertTrue(failures.isEmpty(), summary + "\n  " + String.join("\n  ", failures));
        } else {
            assertTrue(failures.isEmpty() || r.flagged(), "off and not flagged: " + summary + "\n  " + String.join("\n  ", failures));
        }
    }

    @Test
    void theCentredFunnelIsFlagged() throws Exception {
        Pathfinder.Result r = Pathfinder.run(Fits.bind("examples/funnel.ulam"), Pathfinder.Settings.defaults(), 20261207L);
        assertTrue(r.flagged(), "k " + r.paretoK() + ", relative efficiency " + r.relativeEfficiency());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("do not use these draws")), r.notes().toString());
    }
}
