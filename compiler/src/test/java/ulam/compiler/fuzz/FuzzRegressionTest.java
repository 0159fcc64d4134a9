package ulam.compiler.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.compiler.testing.Models;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * The bugs fuzzing found ({@link CompilerFuzzTest}), one reproducer each, checked with the
 * fuzzing property ({@link Oracle}: compiles and evaluates, or a located error; on a 1 MiB stack).
 */
class FuzzRegressionTest {

    private static Oracle.Outcome check(String model) {
        return Oracle.check("r.ulam", model, null, "(none)");
    }

    /** Asserts that the model compiles and evaluates (showing the error if it does not). */
    private static void assertAccepted(String model) {
        if (check(model) == Oracle.Outcome.ACCEPTED) return;
        try {
            Models.inline(model, null);
        } catch (UlamException e) {
            throw new AssertionError(e.format() + "\n" + model);
        }
    }

    /**
     * Asserts the fuzzing property's refusal (a located error, {@link Oracle}) and that the error
     * is at {@code line} with {@code fragment} in its message; returns it.
     */
    private static UlamException assertRefused(String model, DataSet data, int line, String fragment) {
        assertEquals(Oracle.Outcome.REJECTED, Oracle.check("r.ulam", model, data, data == null ? "(none)" : data.names().toString()), model);
        UlamException e = assertThrows(UlamException.class, () -> Models.inline(model, data));
        assertTrue(e.getMessage().contains(fragment), e.format());
        assertEquals(line, e.location().line(), e.format());
        return e;
    }

    /** Asserts the fuzzing property's acceptance (compiles and evaluates) and returns the outputs drawn at {@code q}. */
    private static double[] draw(String model, DataSet data, double... q) {
        assertEquals(Oracle.Outcome.ACCEPTED, Oracle.check("a.ulam", model, data, data == null ? "(none)" : data.names().toString()), model);
        Model m = Models.inline(model, data);
        double[] out = new double[m.outputNames().length];
        m.writeDraw(q, RandomSource.XO_RO_SHI_RO_128_PP.create(1L), out);
        return out;
    }

    /** A CSV file of {@code text} read as data, with {@code --data-value} scalars. */
    private static DataSet data(Path dir, String text, Map<String, String> values) throws IOException {
        return DataSet.read(List.of(Files.writeString(dir.resolve("d" + text.hashCode() + ".csv"), text)), values);
    }

    /** Expressions nested up to the parser's bound compile and run on the command line's stack. */
    @Test
    void nestingAtTheBoundCompilesOnTheDefaultStack() {
        int n = 250;
        String[] deep = {"(".repeat(n) + "a" + ")".repeat(n), "-".repeat(n) + "a", "a^".repeat(n) + "1",
                "a + ".repeat(n) + "a", "exp(".repeat(n / 2) + "a" + ")".repeat(n / 2), "a * b - ".repeat(n / 2) + "a",
                "fmax(".repeat(n / 2) + "a, b)" + ", a)".repeat(n / 2 - 1)};
        for (String e : deep) {
            assertAccepted("a ~ dnorm(0, 1)\nb ~ dnorm(0, 1)\nx ~ dnorm(mu, 1)\nmu <- " + e + "\n");
            assertAccepted("a ~ dnorm(0, 1)\nb ~ dnorm(0, 1)\ngq> g <- " + e + "\n");
        }
    }

    /** Found by fuzzing: a draw in a generated quantity outside any loop was never computed (IllegalStateException). */
    @Test
    void drawOfAScalarGeneratedQuantity() {
        String model = "a_bar ~ normal(0, 1.5)\ngq> y_sim <- normal_rng(a_bar, 1)\n";
        assertAccepted(model);
        Model m = Models.inline(model, null);
        assertArrayEquals(new String[] {"a_bar", "y_sim"}, m.outputNames());
        double[] out = new double[2];
        double sum = 0;
        double squares = 0;
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
        for (int k = 0; k < 2000; k++) {
            m.writeDraw(new double[] {3.0}, rng, out);
            sum += out[1];
            squares += out[1] * out[1];
        }
        double mean = sum / 2000;
        assertEquals(3.0, mean, 0.1, "normal_rng(a_bar, 1) at a_bar = 3");
        assertEquals(1.0, squares / 2000 - mean * mean, 0.15, "its variance");
    }

    /** Found by fuzzing: a data scalar as an index ({@code a[K]}) made a class that failed verification. */
    @Test
    void dataScalarAsIndex(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("d.csv"), "y,g\n1.0,1\n2.0,2\n0.5,3\n");
        String model = "y ~ normal(mu, 1)\nmu <- a[K] + b[g, K]\na[g] ~ normal(0, 1)\nmatrix[g,g]:b ~ normal(0, 1)\n";
        DataSet data = DataSet.read(List.of(csv), Map.of("K", "2"));
        assertEquals(Oracle.Outcome.ACCEPTED, Oracle.check("k.ulam", model, data, "K=2"));
        Model m = Models.inline(model, data);
        double[] q = new double[12];
        q[1] = 0.5;                // a[2]
        q[3 + 3 * 1 + 1] = -0.25;  // b[2,2] (column-major, after a[1..3])
        double expected = 0;
        for (double v : q) expected += -0.5 * v * v - 0.5 * Math.log(2 * Math.PI);
        double[] y = {1.0, 2.0, 0.5};
        int[] g = {1, 2, 3};
        for (int i = 0; i < 3; i++) {
            double mu = q[1] + q[3 + 3 * 1 + (g[i] - 1)];
            expected += -0.5 * (y[i] - mu) * (y[i] - mu) - 0.5 * Math.log(2 * Math.PI);
        }
        assertEquals(expected, m.logDensity(q), 1e-9);
        DataSet beyond = DataSet.read(List.of(csv), Map.of("K", "4"));
        UlamException e = assertThrows(UlamException.class, () -> Models.inline(model, beyond));
        assertTrue(e.getMessage().contains("index 'K' is 4, but what it indexes has 3 elements"), e.format());
        assertEquals(2, e.location().line());
    }

    /** Found by fuzzing: a local holding text ({@code x <- "no"}, {@code logit(eta) <- "no"}) crashed the lowering. */
    @Test
    void textInALocalIsALocatedError(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("d.csv"), "y,s\n1.0,a\n2.0,b\n");
        DataSet data = DataSet.read(List.of(csv), Map.of());
        for (String line : new String[] {"x <- \"no\"", "logit(eta) <- \"no\"", "x <<- \"no\"", "s2 <- s", "s2 <- ifelse(y > 1, s, s)"}) {
            assertRefused(line + "\ny ~ normal(mu, 1)\nmu ~ normal(0, 1)\n", data, 1, "text");
        }
    }

    /** Found by fuzzing: {@code tank <- -2147483649:length(surv)} ran out of memory; now an error at the line. */
    @Test
    void hugeSequenceIsALocatedError(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("d.csv"), "y\n1.0\n2.0\n");
        DataSet data = DataSet.read(List.of(csv), Map.of("N", "2000000000"));
        for (String range : new String[] {"-2147483649:length(y)", "1:3e9", "1:N"}) {
            assertRefused("y ~ normal(mu, 1)\nmu ~ normal(0, 1)\nt <- " + range + "\ngq> s <- sum(t)\n", data, 3, "more than 10000000");
        }
    }

    /** Found by fuzzing: {@code x2 <- standardize(N)} with N a single value failed with NoSuchMethodError when bound. */
    @Test
    void columnFunctionOfASingleValue(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("d.csv"), "y,g\n1.0,1\n2.0,2\n4.0,2\n");
        DataSet data = DataSet.read(List.of(csv), Map.of("N", "3"));
        for (String line : new String[] {"x2 <- standardize(N)", "x2 <- standardize(N + 1)"}) {
            assertRefused("y ~ normal(mu, 1)\nmu ~ normal(0, 1)\n" + line + "\ngq> s <- sum(x2)\n", data, 3,
                    "works on a column of data, not a single value");
        }
        String fine = "y ~ normal(mu[t], 1)\nmu[t] ~ normal(0, 1)\nt <- seq(1, N)\nz <- standardize(y)\nk <- as_index(g)\n";
        assertEquals(Oracle.Outcome.ACCEPTED, Oracle.check("c.ulam", fine, data, "y, g, N=3"));
    }

    /**
     * Found by fuzzing: sizes known only from the data were not checked ({@code vector[N]} with
     * N = -1 or 2e9 gave NegativeArraySizeException or OutOfMemoryError, {@code matrix[N,N]} with
     * N = 100000 overflowed); now an error at the declaration.
     */
    @Test
    void sizesFromTheDataAreChecked(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("d.csv"), "y\n1.0\n2.0\n");
        String[][] cases = {
            {"vector[N]:a ~ normal(0, 1)", "-1", "'a' (vector[N]) has a size of -1"},
            {"vector[N]:a ~ normal(0, 1)", "2000000000", "'a' (vector[N]) would have 2000000000 elements, more than 10000000"},
            {"matrix[N,N]:a ~ normal(0, 1)", "100000", "would have 100000 x 100000 = 10000000000 elements"},
            {"gq> real[N]:g <<- m", "-3", "'g' (vector[N]) has a size of -3"},
        };
        for (String[] c : cases) assertRefused("real:m ~ normal(0, 1)\n" + c[0] + "\n", DataSet.read(List.of(csv), Map.of("N", c[1])), 2, c[2]);
        for (String literal : new String[] {"gq> real[2147483647]:x <<- m", "gq> matrix[100000,100000]:x <<- m"}) {
            assertRefused("real:m ~ normal(0, 1)\n" + literal + "\n", null, 2, "more than 10000000");
        }
        DataSet fine = DataSet.read(List.of(csv), Map.of("N", "3"));
        assertEquals(4, Models.inline("real:m ~ normal(0, 1)\nvector[N]:a ~ normal(0, 1)\n", fine).dimension());
    }

    /** Found by fuzzing: {@code int[g]:g <- 3.95} (a size naming the value it sizes) crashed the lowering. */
    @Test
    void aSizeCannotNameItsOwnValue(@TempDir Path dir) throws IOException {
        UlamException e = assertRefused("real:a ~ normal(0, 1)\nint[g]:g <- 3.95\n", data(dir, "y,h\n1.0,1\n2.0,3\n", Map.of()), 2,
                "the size of 'g' cannot depend on 'g' itself");
        assertEquals(5, e.location().column());
        // with a data column g the line would also hide the column: refused for that first
        e = assertRefused("real:a ~ normal(0, 1)\nint[g]:g <- 3.95\n", data(dir, "y,g\n1.0,1\n2.0,3\n", Map.of()), 2,
                "'g' is defined on this line, but the data also have a column g");
        assertEquals(8, e.location().column());
    }

    /** Found by fuzzing: a size computed by a line that is not a literal ({@code N <- TRUE}) made a class that failed verification. */
    @Test
    void aComputedScalarIsASize() {
        assertEquals(1, Models.inline("vector[N]:a ~ normal(0, 1)\nN <- TRUE\n", null).dimension());
        assertEquals(3, Models.inline("vector[N]:a ~ normal(0, 1)\nN <- 2 + 1\n", null).dimension());
        assertEquals(Oracle.Outcome.ACCEPTED, check("vector[N]:a ~ dnorm(a_bar, tau)\ntau ~ dexp(1)\nN <- TRUE\na_bar ~ normal(0, 1)\n"));
    }

    /** Found by fuzzing: derived data joining columns ({@code T <- c(y, g)}, {@code exp(c(y, y))}) failed with a NullPointerException. */
    @Test
    void derivedDataJoiningColumns(@TempDir Path dir) throws IOException {
        DataSet data = data(dir, "y,g\n1.5,1\n2.0,3\n", Map.of());
        String model = "real:a ~ normal(0, 1)\nT <- c(y, g)\nE <- exp(c(y, y))\ngq> s <- sum(T)\ngq> e <- sum(E)\n";
        // a gq> line reading data has a value per row of its data (here the 4 rows of the joined columns)
        assertEquals("[a, s[1], s[2], s[3], s[4], e[1], e[2], e[3], e[4]]", Arrays.toString(Models.inline(model, data).outputNames()));
        double[] out = draw(model, data, 0.25);
        assertEquals(1.5 + 2.0 + 1 + 3, out[1], 1e-12, "sum(c(y, g))");
        assertEquals(2 * (Math.exp(1.5) + Math.exp(2.0)), out[5], 1e-9, "sum(exp(c(y, y)))");
    }

    /** Found by fuzzing: a matrix product of an expression ({@code z %*% (z*2)}) failed with UnsupportedOperationException. */
    @Test
    void matrixProductOfAnExpression() {
        double[] z = {1, 2, 3, 4};   // column-major: z = [[1, 3], [2, 4]]
        double[] out = draw("matrix[2,2]:z ~ normal(0, 1)\ngq> matrix[2,2]:b <<- z %*% (z*2)\n", null, z);
        // z %*% (2z) = 2 * [[1*1+3*2, 1*3+3*4], [2*1+4*2, 2*3+4*4]] = [[14, 30], [20, 44]], column-major
        assertArrayEquals(new double[] {14, 20, 30, 44}, Arrays.copyOfRange(out, 4, 8), 1e-12);
    }

    /** Found by fuzzing: a built-in constant indexed ({@code TRUE[g]}, {@code pi[1]}) failed with IllegalStateException. */
    @Test
    void anIndexedConstantIsALocatedError() {
        for (String term : new String[] {"TRUE[g]", "FALSE[1]", "pi[g]", "i[2]"}) {
            UlamException e = assertRefused("y ~ normal(mu, 1)\nmu <- b + " + term + "\nb ~ normal(0, 1)\n", null, 2,
                    "is a single built-in value and cannot be indexed");
            assertEquals(11, e.location().column(), e.format());
        }
    }

    /** Found by fuzzing: TRUE and the integer 1 were one shared value of two types ({@code ifelse(pred == TRUE, 1, 2)} failed in ASM). */
    @Test
    void trueAndOneAreDifferentValues(@TempDir Path dir) throws IOException {
        double[] out = draw("real:z ~ normal(0, 1)\nP <- ifelse(pred == TRUE, 1, 2)\ngq> q <- P\n", data(dir, "pred\n1\n0\n1\n", Map.of()), 0);
        assertArrayEquals(new double[] {0, 1, 2, 1}, out);
    }

    /**
     * Found by fuzzing: a multinomial outcome that is a parameter ({@code a[g] ~ dmultinom(...)})
     * failed in the lowering; a text comparison with computed numbers ({@code alpha == "x"}) too;
     * a typed derived value longer than the column it reads ({@code simplex[g]:q <- x}) read past
     * the column's end. Each is now an error at its line.
     */
    @Test
    void refusedInsteadOfCrashing(@TempDir Path dir) throws IOException {
        DataSet data = data(dir, "k,g,x\n7,3,0.5\n3,1,2.5\n", Map.of());
        String[][] cases = {
            {"vector[g]:a ~ normal(0, 1)\na[x] ~ dmultinom(0)\n", "2", "the outcome of multinomial is whole numbers (counts), so it must be data"},
            {"real:m ~ normal(0, 1)\nE <- ifelse(alpha == \"x\", 1, 2)\nvector[7]:alpha <- rep_vector(2, 7)\n", "2", "only data columns can be compared with text"},
            {"real:m ~ normal(0, 1)\nsimplex[g]:q <- x\n", "2", "has 2 rows, but"},
        };
        for (String[] c : cases) assertRefused(c[0], data, Integer.parseInt(c[1]), c[2]);
    }

    /** Found by fuzzing: the end of {@code sum(v[1:E])} was not checked against the length of v (E = 88 read past its end). */
    @Test
    void rangeEndsAreCheckedIndices(@TempDir Path dir) throws IOException {
        String model = "y ~ normal(mu, 1)\nmu <- sum(dj[1:E])\nvector[3]:dj <<- append_row(0, d)\nsimplex[2]:d ~ dirichlet(rep_vector(2, 2))\n";
        DataSet fine = data(dir, "y,E\n0.5,1\n1.5,3\n", Map.of());
        draw(model, fine, 0.1);
        assertRefused(model, data(dir, "y,E\n0.5,1\n1.5,88\n", Map.of()), 2, "index 'E' is 88 in row 2, but what it indexes has 3 elements");
        assertRefused(model.replace("1:E", "1:(E-1)"), fine, 2, "an index must be a data column, a whole number or i");
    }

    /** Found by fuzzing: a gq> matrix used whole by the model ({@code multi_normal(0, SIGMA)}) failed in the lowering. */
    @Test
    void aGeneratedMatrixUsedWholeByTheModel() {
        UlamException e = assertRefused("vector[3]:k ~ multi_normal(0, SIGMA)\ns ~ exponential(1)\ngq> matrix[3,3]:SIGMA <<- s\n", null, 1,
                "'SIGMA' is a generated quantity (gq>), computed after sampling: the model cannot use it");
        assertEquals(31, e.location().column(), e.format());
    }
}
