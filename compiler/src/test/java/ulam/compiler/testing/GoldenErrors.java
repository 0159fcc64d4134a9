package ulam.compiler.testing;

import java.nio.file.Path;
import ulam.runtime.UlamException;
import ulam.runtime.testing.Golden;

/**
 * The golden text of located errors in this module's tests: each case's input and the error's
 * full text ({@link UlamException#format()}: message, file:line:col, the line, the caret, the
 * help) in {@code src/test/resources/golden/errors/TEST_CLASS/CASE.txt}.
 *
 * <p>To add a case: call {@link #assertGolden} from the test (its name unique in the class), run
 * the test once with {@code -Dgolden.update=true}, read the new file and commit it.
 */
public final class GoldenErrors {
    private GoldenErrors() {}

    /** Where the golden errors of this module live. */
    public static final Path DIR = Path.of("src/test/resources/golden/errors");

    /**
     * Compares an error's full text with its golden file (writes it with {@code -Dgolden.update=true}).
     *
     * @param test  the test class (the folder)
     * @param name  the case, unique within the class (the file, as {@link Golden#slug})
     * @param input the model text that fails
     * @param error the error
     */
    public static void assertGolden(Class<?> test, String name, String input, UlamException error) {
        Golden.assertMatches(DIR.resolve(test.getSimpleName()).resolve(Golden.slug(name) + ".txt"),
                Golden.errorCase(input, error.format()));
    }
}
