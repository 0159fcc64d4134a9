package ulam.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import ulam.compiler.cli.fit.LooCommand;

/** The command line builds only the command it runs; help and an unknown command see them all. */
class CommandSelectionTest {

    @Test
    void aNamedCommandOrAliasIsTheOnlyOneBuilt() {
        assertEquals(List.of(Main.Compile.class), Main.commandsFor(new String[] {"compile", "m.ulam"}));
        assertEquals(List.of(LooCommand.class), Main.commandsFor(new String[] {"psis", "fit"}));
        assertEquals(Main.commands(), Main.commandsFor(new String[] {"--help"}));
        assertEquals(Main.commands(), Main.commandsFor(new String[] {"compil", "m.ulam"}));
        assertEquals(Main.commands(), Main.commandsFor(new String[0]));
    }

    @Test
    void helpListsEveryCommandAndAnUnknownOneGetsTheNearest() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, Main.execute(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String c : List.of("run", "compile", "quap", "precis, summary", "loo, psis", "report", "posterior_epred")) {
            assertTrue(help.contains("  " + c + " "), c + " in\n" + help);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).isEmpty(), err.toString(StandardCharsets.UTF_8));
        ByteArrayOutputStream e2 = new ByteArrayOutputStream();
        assertEquals(1, Main.execute(new String[] {"compil", "m.ulam"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(e2, true, StandardCharsets.UTF_8)));
        assertTrue(e2.toString(StandardCharsets.UTF_8).contains("compile"), e2.toString(StandardCharsets.UTF_8));
    }
}
