package ulam.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;
import ulam.runtime.sampler.TestModels;

class ModelMainTest {

    /** What the compiler generates: a model with a public constructor taking the data. */
    public static final class GeneratedLike extends TestModels.Base {
        static final UlamException BAD_DATA = new UlamException("column 'y' holds NA in row 4");

        public GeneratedLike(DataSet data) {
            super("generated", 1, "mu");
            if (data == null) throw BAD_DATA;
        }

        @Override
        public double logDensityGradient(double[] q, double[] g) {
            g[0] = -q[0];
            return -0.5 * q[0] * q[0];
        }

        @Override
        public Model copy() {
            return this;
        }
    }

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @Test
    void helpListsTheOptions() {
        assertEquals(0, ModelMain.run(new String[] {"--help"}, GeneratedLike.class.getName(), out, err));
        String usage = outBytes.toString(StandardCharsets.UTF_8);
        for (String opt : new String[] {"--data", "--data-value", "--chains", "--cores", "--iter", "--warmup", "--seed",
                "--adapt-delta", "--max-treedepth", "--metric", "--output", "--overwrite", "--depth", "--prob", "--quiet", "--init"}) {
            assertTrue(usage.contains(opt), opt + " missing from\n" + usage);
        }
    }

    @Test
    void unknownOptionIsAUserError() {
        assertEquals(1, ModelMain.run(new String[] {"--chain", "4"}, GeneratedLike.class.getName(), out, err));
        String e = errBytes.toString(StandardCharsets.UTF_8);
        assertTrue(e.startsWith("error: unknown options: '--chain', '4'"), e);
        assertTrue(e.contains("help: did you mean '--chains'? 'java -jar <model>.jar --help' lists the options"), e);
    }

    @Test
    void missingModelClassIsAnInternalError() {
        assertEquals(2, ModelMain.run(new String[0], "no.such.Model", out, err));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).startsWith("internal error: cannot load the model class"));
    }

    @Test
    void constructorErrorsReachTheUserUnwrapped() throws Exception {
        var factory = ModelMain.factory(GeneratedLike.class.getConstructor(DataSet.class));
        assertSame(GeneratedLike.BAD_DATA, assertThrows(UlamException.class, () -> factory.apply(null)));
    }

    @Test
    void noManifestAttributeOnTheTestClassPath() throws Exception {
        assertEquals(null, ModelMain.modelClassName());
    }
}
