package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ulam.tests.support.HotLoop;

/**
 * docs/design.md step 6: the generated gradient methods must be compiled by C2 (tier 4). A method over
 * 8000 bytes of bytecode is never compiled, and C2 gives up on some shapes of code; either would
 * make sampling several times slower without any other sign. This test runs the gradient hot in a
 * child JVM with {@code -XX:+PrintCompilation} and fails if a generated gradient method never
 * reaches tier 4 or a compilation of one is skipped.
 */
class JitTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "examples/chimpanzees.ulam, examples/data/chimpanzees.csv, Chimpanzees",
        "examples/reedfrogs_spg.ulam, examples/data/reedfrogs.csv, Reedfrogs_spg"})
    void gradientMethodsAreC2Compiled(String model, String data, String cls) throws IOException, InterruptedException {
        List<String> problems = c2Problems(model, data, cls, List.of());
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** The check can fail: with C2 switched off in the child JVM it reports the methods. */
    @org.junit.jupiter.api.Test
    void detectsMethodsLeftToC1() throws IOException, InterruptedException {
        List<String> problems = c2Problems("examples/reedfrogs_spg.ulam", "examples/data/reedfrogs.csv", "Reedfrogs_spg",
                List.of("-XX:TieredStopAtLevel=3"));
        assertFalse(problems.isEmpty());
        assertTrue(problems.stream().anyMatch(p -> p.contains("logDensityGradient")), problems.toString());
    }

    /** Hot generated methods that did not reach C2, or whose compilation was skipped; empty if all is well. */
    private static List<String> c2Problems(String model, String data, String cls, List<String> jvmArgs)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UnlockDiagnosticVMOptions", "-XX:+PrintCompilation", "-XX:+PrintInlining"));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), HotLoop.class.getName(), model, data));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out.lines().filter(l -> !l.contains("::")).reduce("", (a, b) -> a + "\n" + b));

        // compilations: "  1234  567 %  4   ulam.model.Chimpanzees::g13 @ 84 (254 bytes)"; "inline (hot)" is C2's
        // wording (C1 says "inline"), so a method reported so was inlined into a C2 compilation: it counts as tier 4.
        // (C2 prints its inlining decisions when a compilation ends, so they cannot be paired with its first line;
        // compiler threads may also interleave their output, so a compilation is matched anywhere in a line.)
        Pattern compilation = Pattern.compile("(?<![@\\d])\\s\\d+\\s+\\d+\\s+([%sbn!]*)\\s*(\\d)\\s+(\\S+)::(\\w+)");
        Pattern inlined = Pattern.compile("@\\s*\\d+\\s+ulam\\.model\\." + cls + "::(\\w+).*inline \\(hot\\)");
        String prefix = "ulam.model." + cls;
        Map<String, Integer> bestTier = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        for (String l : out.lines().toList()) {
            if (l.contains(prefix + "::") && (l.contains("COMPILE SKIPPED") || l.contains("not compilable"))) {
                skipped.add(l.trim());
            }
            Matcher c = compilation.matcher(l);
            if (c.find()) {
                if (c.group(3).equals(prefix) && !c.group(1).contains("%")) {
                    bestTier.merge(c.group(4), Integer.parseInt(c.group(2)), Math::max);
                }
                continue;
            }
            Matcher i = inlined.matcher(l);
            if (i.find()) bestTier.merge(i.group(1), 4, Math::max);
        }
        List<String> problems = new ArrayList<>();
        List<String> hot = bestTier.keySet().stream().filter(n -> n.matches("g\\d+|logDensityGradient|tf|tb")).toList();
        if (!hot.contains("logDensityGradient")) problems.add("logDensityGradient was never compiled; tiers seen: " + bestTier);
        for (String method : hot) {
            if (bestTier.get(method) != 4) problems.add(method + " was not compiled by C2; tiers seen: " + bestTier);
        }
        for (String s : skipped) problems.add("compilation skipped: " + s);
        return problems;
    }
}
