package ulam.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.commons.CodeSizeEvaluator;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import ulam.compiler.Compiler;
import ulam.compiler.parse.Source;
import ulam.compiler.testing.Cli;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * Models of thousands of lines (docs/architecture.md, "The compiler, as built": its step 6,
 * generated methods under a bytecode budget): 111 scalar prior lines used to fail with MethodTooLargeException in the generated
 * constructor, 3,000 with StackOverflowError. Now every generated method stays under the budget
 * (hot ones under the JIT's 8,000 bytes), and the log density and its gradient are those of
 * independent standard normals: log p(q) - log p(0) = -sum q^2 / 2, gradient -q.
 */
class BigModelTest {

    private static String priors(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append('a').append(i).append(" ~ normal(0, 1)\n");
        return sb.toString();
    }

    @Test
    void threeThousandPriorLinesHaveTheClosedFormDensityAndSmallMethods() throws Exception {
        int n = 3_000;
        Compiler.Compiled c = Compiler.compile(new Source("big.ulam", priors(n)), null);
        Model m = c.factory().apply(DataSet.empty());
        assertEquals(n, m.dimension());
        double[] q = new double[n];
        double expected = 0;
        for (int i = 0; i < n; i++) {
            q[i] = Math.sin(i) * 1.5;
            expected -= q[i] * q[i] / 2;
        }
        double[] g = new double[n];
        double lp = m.logDensityGradient(q, g) - m.logDensity(new double[n]);
        assertEquals(expected, lp, 1e-9 * n);
        for (int i = 0; i < n; i++) assertEquals(-q[i], g[i], 1e-12, "gradient " + i);

        ClassNode cls = new ClassNode();
        new ClassReader(c.classFile()).accept(cls, 0);
        int hotMax = 0;
        for (MethodNode mn : cls.methods) {
            CodeSizeEvaluator size = new CodeSizeEvaluator(null);
            mn.accept(size);
            assertTrue(size.getMaxSize() <= MethodSplitter.COLD + 2_000, mn.name + " has " + size.getMaxSize() + " bytes");
            boolean cold = mn.name.equals("<init>") || mn.name.matches("[cwnd][0-9]+") || mn.name.equals("allocateWork");
            if (!cold) hotMax = Math.max(hotMax, size.getMaxSize());
        }
        assertTrue(hotMax <= 8_000, "a hot method has " + hotMax + " bytes, over the 8,000 the JIT compiles");
    }

    /** m0 <- a0, m1 <- m0 + a1, ...: locals inline into the likelihood, so the passes recurse as deep as the chain. */
    private static String chain(int n) {
        StringBuilder sb = new StringBuilder("Y ~ normal(m" + (n - 1) + ", 1)\nm0 <- a0\n");
        for (int i = 1; i < n; i++) sb.append('m').append(i).append(" <- m").append(i - 1).append(" + a").append(i).append('\n');
        return sb.append(priors(n)).toString();
    }

    /** Used to fail with StackOverflowError: 800 chained locals have the closed-form density; 3,000 are a located error. */
    @Test
    void aLongChainOfLocalsCompilesOrIsALocatedError(@TempDir Path tmp) throws Exception {
        Path d = tmp.resolve("y.csv");
        Files.writeString(d, "Y\n0.5\n");
        DataSet data = DataSet.read(List.of(d), Map.of());
        int n = 800;
        Model m = Compiler.compile(new Source("chain.ulam", chain(n)), Compiler.schema(data)).factory().apply(data);
        double[] q = new double[n];
        double sum = 0;
        double expected = 0;
        for (int i = 0; i < n; i++) {
            q[i] = 0.01 * Math.cos(i);
            sum += q[i];
            expected -= q[i] * q[i] / 2;
        }
        expected -= (0.5 - sum) * (0.5 - sum) / 2 - 0.5 * 0.5 / 2;   // the likelihood, against its value at q = 0
        assertEquals(expected, m.logDensity(q) - m.logDensity(new double[n]), 1e-9);

        UlamException e = org.junit.jupiter.api.Assertions.assertThrows(UlamException.class,
                () -> Compiler.compile(new Source("chain.ulam", chain(3_000)), Compiler.schema(data)));
        assertTrue(e.getMessage().startsWith("this line is too large to compile: its code takes "), e.getMessage());
        assertEquals(1, e.location().line());
        assertTrue(e.help().startsWith("compute a long chain or sum of locals in parts"), e.help());
    }

    /** A model compiled without data took Y for a parameter: data with a column Y are refused at its line. */
    @Test
    void aModelCompiledWithoutDataRefusesAColumnNamedAsAParameter(@TempDir Path tmp) throws Exception {
        Compiler.Compiled c = Compiler.compile(new Source("j.ulam", "Y ~ normal(mu, sigma)\nmu ~ normal(0, 1)\nsigma ~ exponential(1)\n"), null);
        Path d = tmp.resolve("d.csv");
        Files.writeString(d, "Y,x\n1,2\n");
        UlamException e = org.junit.jupiter.api.Assertions.assertThrows(UlamException.class,
                () -> c.factory().apply(DataSet.read(List.of(d), Map.of())));
        assertTrue(e.getMessage().startsWith("Y is a parameter of this model, but the data have a column Y"), e.getMessage());
        assertEquals(1, e.location().line());
        assertTrue(e.help().contains("recompile it with --data FILE"), e.help());

    }

    /** The size: 20,000 scalar parameters on 20,000 lines compile and sample (bench/compile_lines.sh times it). */
    @Tag("validation")
    @Test
    void twentyThousandLinesCompileAndSample(@TempDir Path tmp) throws Exception {
        Path model = tmp.resolve("p20000.ulam");
        Files.writeString(model, priors(20_000));
        String[] r = Cli.run("run", model.toString(), "--chains", "1", "--iter", "40", "--seed", "1", "--quiet",
                "--output-dir", tmp.resolve("fit").toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(Files.size(tmp.resolve("fit").resolve("p20000_1.csv")) > 0);
    }
}
