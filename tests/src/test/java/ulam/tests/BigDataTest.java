package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.runtime.data.DataSet;
import ulam.tests.support.Cli;
import ulam.tests.support.Jvm;

/**
 * A 200 MB CSV, generated at test time: it is read whole and right, in a JVM
 * whose heap is 3 times the bytes of the arrays it becomes (plus 64 MB for the JVM itself), and
 * {@code ulam check} binds the GLMM to its 8 million rows. Speed is measured by
 * {@code bench/csv.sh}, not here.
 */
@Tag("validation")
class BigDataTest {

    @TempDir
    static Path dir;

    /** Rows of the generated file: about 25 bytes each. */
    private static final int ROWS = 8_000_000;

    private static Path generate() throws IOException {
        Path f = dir.resolve("glmm_200mb.csv");
        if (Files.exists(f)) return f;
        SplittableRandom rng = new SplittableRandom(1);
        try (BufferedWriter w = Files.newBufferedWriter(f)) {
            w.write("y,g,x1,x2,pred\n");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < ROWS; i++) {
                sb.setLength(0);
                sb.append(rng.nextInt(2)).append(',').append(1 + rng.nextInt(500)).append(',');
                decimal(sb, rng.nextDouble() * 4 - 2);
                sb.append(',');
                decimal(sb, rng.nextDouble() * 4 - 2);
                sb.append(i % 3 == 0 ? ",no\n" : ",pred\n");
                w.write(sb.toString());
            }
        }
        return f;
    }

    /** x with 4 decimals, as R's write.csv of rounded values. */
    private static void decimal(StringBuilder sb, double x) {
        long v = Math.round(x * 10_000);
        if (v < 0) sb.append('-');
        v = Math.abs(v);
        sb.append(v / 10_000).append('.');
        String frac = Long.toString(v % 10_000);
        sb.append("0".repeat(4 - frac.length())).append(frac);
    }

    @Test
    void aFileOf200MbIsReadIntoThreeTimesItsArrays() throws IOException, InterruptedException {
        Path f = generate();
        assertTrue(Files.size(f) > 190_000_000L, "about 200 MB: " + Files.size(f));
        DataSet d = DataSet.read(List.of(f), Map.of());
        assertEquals(ROWS, d.length("y", null));
        assertEquals(ROWS, d.ints("g", null).length);
        assertEquals(DataSet.Kind.REAL, d.kind("x1", null));
        assertEquals(DataSet.Kind.STRING, d.kind("pred", null));
        long bytes = d.elementBytes();
        assertEquals(ROWS * (8L * 4 + 4), bytes, "four columns of doubles and one of codes");
        long cap = (3 * bytes >> 20) + 64;
        Cli.Result r = Jvm.run(List.of(Jvm.java(), "-Xmx" + cap + "m", "-cp", System.getProperty("java.class.path"),
                Reader.class.getName(), f.toString()), 600);
        assertEquals(0, r.status(), "read within -Xmx" + cap + "m:\n" + r.out());
        assertTrue(r.out().contains("rows " + ROWS), r.out());
    }

    @Test
    void checkBindsTheModelToEightMillionRows() throws IOException {
        Path f = generate();
        Cli.Result r = Cli.run("check", "examples/glmm_100k.ulam", "--data", f.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("with these data: 504 unconstrained parameters, " + ROWS + " observations"), r.out());
    }

    /** Reads a data file and prints its rows: the child JVM of the heap test. */
    public static final class Reader {
        public static void main(String[] args) {
            DataSet d = DataSet.read(List.of(Path.of(args[0])), Map.of());
            System.out.println("rows " + d.length(d.names().get(0), null) + ", " + d.elementBytes() + " bytes");
        }
    }
}
