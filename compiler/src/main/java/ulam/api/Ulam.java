package ulam.api;

import java.io.PrintStream;
import java.nio.file.Path;
import ulam.compiler.Compiler;
import ulam.compiler.cli.Main;
import ulam.compiler.parse.Source;
import ulam.runtime.UlamException;

/**
 * The entry point of the Java API: compiles a model (from a file or from text) for the data it
 * will be fitted to, and runs any command-line command in-process.
 *
 * <pre>{@code
 * UlamData data = UlamData.read(Path.of("examples/data/reedfrogs.csv"));
 * UlamModel model = Ulam.compile(Path.of("examples/reedfrogs.ulam"), data);
 * Posterior post = model.sample(SampleOptions.defaults().seed(1));
 * System.out.println(post.summary("a_bar").mean());
 * }</pre>
 */
public final class Ulam {
    private Ulam() {}

    /**
     * Compiles a model file for the given data (the data tell the compiler which names are data
     * and which are parameters, as {@code ulam run --data} does).
     *
     * @param file the model file ({@code .ulam}: an {@code ulam(alist(...))} call or its lines)
     * @param data the data the model will be fitted to ({@link UlamData#empty()} for none)
     * @return the model bound to the data, ready to sample
     * @throws UlamException if the file cannot be read, the model has an error (located at
     *                       file:line:col with a caret), or the data do not fit it
     */
    public static UlamModel compile(Path file, UlamData data) {
        return compile(Source.read(file), data);
    }

    /**
     * Compiles a model given as text.
     *
     * @param name the model's name (its fits and messages use it; as a file's stem)
     * @param text the model, as in a {@code .ulam} file
     * @param data the data the model will be fitted to
     * @return the model bound to the data
     * @throws UlamException if the model has an error (located in {@code name.ulam}) or the data
     *                       do not fit it
     */
    public static UlamModel compile(String name, String text, UlamData data) {
        return compile(new Source(name + ".ulam", text), data);
    }

    private static UlamModel compile(Source source, UlamData data) {
        if (data == null) throw new UlamException("no data given", null, "pass UlamData.empty() for a model without data");
        Compiler.Compiled c = Compiler.compile(source, data.isEmpty() ? null : Compiler.schema(data.dataSet()));
        return new UlamModel(c.factory().apply(data.dataSet()), source, data.dataSet());
    }

    /**
     * Runs an {@code ulam} command in-process, as the command line would ({@code ulam run},
     * {@code link}, {@code sim}, {@code loo}, {@code compare}, {@code report}, ...; docs/cli.md).
     * This is how a Java program saves a fit and asks the commands that read fit folders.
     *
     * @param out  where the command's results go (its standard output)
     * @param err  where its messages and warnings go (its standard error)
     * @param args the command and its arguments, e.g. {@code "run", "m.ulam", "--seed", "1"}
     * @return the exit code: 0 on success, 1 for a user error (explained on {@code err}), 2 for
     *         an internal error
     */
    public static int cli(PrintStream out, PrintStream err, String... args) {
        return Main.execute(args, out, err);
    }
}
