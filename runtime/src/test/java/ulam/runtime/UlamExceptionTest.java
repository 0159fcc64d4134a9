package ulam.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The printed diagnostic: the source line with a caret under the span, a long line cut around it. */
class UlamExceptionTest {

    @Test
    void aShortLineIsShownWholeWithTheCaretUnderTheSpan() {
        String line = "a[actor] ~ dnrom(a_bar, sigma_a)";
        String text = new UlamException("unknown distribution 'dnrom'", new SourceLocation("m.ulam", 3, 12, 5, line),
                "did you mean 'dnorm'?").format();
        assertEquals("error: unknown distribution 'dnrom'\n --> m.ulam:3:12\n  |\n3 | " + line
                + "\n  |            ^^^^^\n  = help: did you mean 'dnorm'?\n", text);
    }

    /** A 30,000-character line used to be echoed whole, twice (the line and the caret's padding). */
    @Test
    void aLongLineIsCutToAWindowAroundTheCaret() {
        String line = "y ~ normal(mu, 1) + " + "x".repeat(15_000) + " + oops + " + "z".repeat(15_000);
        int col = line.indexOf("oops") + 1;
        String text = new UlamException("unknown name 'oops'", new SourceLocation("m.ulam", 1, col, 4, line), null).format();
        assertTrue(text.length() < 400, text.length() + " characters");
        String[] lines = text.split("\n");
        String shown = lines[3].substring("1 | ".length());
        String caret = lines[4].substring("  | ".length());
        assertTrue(shown.startsWith("...") && shown.endsWith("..."), shown);
        assertEquals("oops", shown.substring(caret.indexOf('^'), caret.indexOf('^') + 4), shown + "\n" + caret);
        assertEquals("^^^^", caret.strip());
    }

    @Test
    void aCaretNearTheEndOfALongLineStaysOnTheLine() {
        String line = "x".repeat(500) + " + oops";
        int col = line.length() - 3;
        String[] lines = new UlamException("unknown name 'oops'", new SourceLocation("m.ulam", 1, col, 4, line), null)
                .format().split("\n");
        String shown = lines[3].substring("1 | ".length());
        String caret = lines[4].substring("  | ".length());
        assertTrue(shown.startsWith("...") && shown.endsWith("oops"), shown);
        assertEquals(shown.length() - 4, caret.indexOf('^'));
    }
}
