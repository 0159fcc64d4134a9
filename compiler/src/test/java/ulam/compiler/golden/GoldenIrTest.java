package ulam.compiler.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.compiler.testing.Cli;
import ulam.compiler.testing.Examples;
import ulam.runtime.testing.Golden;

/**
 * {@code ulam check --ir} of every example with its data equals its golden file under
 * {@code src/test/resources/golden/ir/}: what the checker inferred and the IR after the passes,
 * so a change to the checker, the lowering or a pass shows in the diff. Regenerate with
 * {@code -Dgolden.update=true} (see {@link Golden}).
 */
class GoldenIrTest {

    static final Path DIR = Path.of("src/test/resources/golden/ir");

    @ParameterizedTest(name = "{0}")
    @MethodSource("ulam.compiler.testing.Examples#all")
    void checkIrEqualsItsGoldenFile(Examples.Example example) {
        List<String> args = new ArrayList<>(List.of("check", example.file().toString()));
        args.addAll(example.dataOptions());
        args.add("--ir");
        String[] r = Cli.run(args.toArray(String[]::new));
        assertEquals("0", r[0], r[2]);
        Golden.assertMatches(DIR.resolve(example.name() + ".txt"), Golden.untimed(r[1]));
    }

    @Test
    void everyGoldenFileIsAnExample() throws IOException {
        if (Golden.updating()) return;
        List<String> names = Examples.ALL.stream().map(e -> e.name() + ".txt").toList();
        try (Stream<Path> files = Files.list(DIR)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> !names.contains(n)).sorted().toList(),
                    "golden files of no example (delete them)");
        }
    }
}
