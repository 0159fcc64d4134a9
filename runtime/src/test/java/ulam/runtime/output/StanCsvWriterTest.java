package ulam.runtime.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.runtime.Model;
import ulam.runtime.sampler.ChainResult;
import ulam.runtime.sampler.Fit;
import ulam.runtime.sampler.MetricKind;
import ulam.runtime.sampler.ProgressListener;
import ulam.runtime.sampler.Sampler;
import ulam.runtime.sampler.SamplerConfig;
import ulam.runtime.sampler.TestModels;

class StanCsvWriterTest {

    /** A model with vector and matrix outputs, to check the column names. */
    private static Model matrixModel() {
        return new TestModels.Base("mat", 4, "a[1]", "a[2]", "b[1,1]", "b[2,1]") {
            @Override
            public double logDensityGradient(double[] q, double[] g) {
                double lp = 0;
                for (int i = 0; i < 4; i++) {
                    lp -= 0.5 * q[i] * q[i];
                    g[i] = -q[i];
                }
                return lp;
            }

            @Override
            public Model copy() {
                return matrixModel();
            }
        };
    }

    private static Fit run(Model m, SamplerConfig config, Path dir) {
        return Sampler.run(m, config, ProgressListener.NONE,
                StanCsvWriter.factory(dir, m.name(), m.outputNames(), config, List.of("d.csv")));
    }

    @Test
    void columnNamesAsStan() {
        assertEquals("a.3", StanCsvWriter.stanColumnName("a[3]"));
        assertEquals("b.1.2", StanCsvWriter.stanColumnName("b[1,2]"));
        assertEquals("b.1.2", StanCsvWriter.stanColumnName("b[1, 2]"));
        assertEquals("sigma", StanCsvWriter.stanColumnName("sigma"));
        assertEquals("mat_3.csv", StanCsvWriter.fileName("mat", 3));
    }

    @Test
    void csvReadsBackToTheDrawsInMemory(@TempDir Path dir) throws IOException {
        SamplerConfig config = SamplerConfig.builder().chains(2).cores(2).warmup(60).draws(40).seed(5).build();
        Fit fit = run(matrixModel(), config, dir);
        for (ChainResult chain : fit.chains()) {
            Path file = dir.resolve("mat_" + chain.id() + ".csv");
            List<CSVRecord> records;
            List<String> header;
            CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader()
                    .setSkipHeaderRecord(true).build();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                 CSVParser p = CSVParser.parse(r, format)) {
                header = p.getHeaderNames();
                records = p.getRecords();
            }
            assertEquals(List.of("lp__", "accept_stat__", "stepsize__", "treedepth__", "n_leapfrog__", "divergent__",
                    "energy__", "a.1", "a.2", "b.1.1", "b.2.1"), header);
            assertEquals(100, records.size(), "warmup draws are saved");
            for (int i = 0; i < 100; i++) {
                boolean warm = i < 60;
                double[] stats = warm ? chain.warmupStats()[i] : chain.stats()[i - 60];
                double[] values = warm ? chain.warmupValues()[i] : chain.values()[i - 60];
                CSVRecord rec = records.get(i);
                for (int k = 0; k < 7; k++) assertEquals(stats[k], Double.parseDouble(rec.get(k)), 0.0);
                for (int k = 0; k < 4; k++) assertEquals(values[k], Double.parseDouble(rec.get(7 + k)), 0.0);
            }
            List<String> lines = Files.readAllLines(file);
            assertTrue(lines.contains("# model = mat"));
            assertTrue(lines.contains("#     num_samples = 40"));
            assertTrue(lines.contains("#     num_warmup = 60"));
            assertTrue(lines.contains("#     save_warmup = 1"));
            assertTrue(lines.contains("#         metric = diag_e"));
            assertTrue(lines.contains("# id = " + chain.id()));
            assertTrue(lines.contains("#   seed = 5"));
            int adapt = lines.indexOf("# Adaptation terminated");
            int headerLine = lines.indexOf(String.join(",", header));
            assertEquals(headerLine + 61, adapt, "the adaptation block follows the 60 warmup draws");
            assertEquals("# Step size = " + CsvNumbers.format(chain.stepSize()), lines.get(adapt + 1));
            assertEquals("# Diagonal elements of inverse mass matrix:", lines.get(adapt + 2));
            String[] metric = lines.get(adapt + 3).substring(2).split(", ");
            assertEquals(4, metric.length);
            for (int k = 0; k < 4; k++) assertEquals(chain.inverseMetric()[k], Double.parseDouble(metric[k]), 0.0);
            assertTrue(lines.get(lines.size() - 4).startsWith("#  Elapsed Time: "));
            assertTrue(lines.get(lines.size() - 2).endsWith("seconds (Total)"));
        }
    }

    @Test
    void denseMetricBlockHasOneLinePerRow(@TempDir Path dir) throws IOException {
        SamplerConfig config = SamplerConfig.builder().chains(1).cores(1).warmup(30).draws(5).seed(5)
                .metric(MetricKind.DENSE).build();
        run(matrixModel(), config, dir);
        List<String> lines = Files.readAllLines(dir.resolve("mat_1.csv"));
        assertTrue(lines.contains("#         metric = dense_e"));
        int at = lines.indexOf("# Elements of inverse mass matrix:");
        assertTrue(at > 0);
        for (int r = 1; r <= 4; r++) assertEquals(4, lines.get(at + r).substring(2).split(", ").length);
        assertTrue(!lines.get(at + 5).startsWith("#"), "draws follow the metric");
    }

    /** Same seed: byte-identical files for 1 and 2 threads, apart from the measured elapsed times. */
    @Test
    void filesIdenticalForOneAndTwoCores(@TempDir Path dir) throws IOException {
        Model m = new TestModels.StdNormal(3);
        SamplerConfig one = SamplerConfig.builder().chains(3).cores(1).warmup(100).draws(50).seed(77).build();
        run(m, one, dir.resolve("one"));
        run(m, one.toBuilder().cores(2).build(), dir.resolve("two"));
        for (int c = 1; c <= 3; c++) {
            List<String> a = withoutTimes(dir.resolve("one").resolve("std_normal_" + c + ".csv"));
            List<String> b = withoutTimes(dir.resolve("two").resolve("std_normal_" + c + ".csv"));
            assertEquals(a, b, "chain " + c);
            // 38 comment lines (3 stan_version_*, prior_only), column names, 100 warmup draws, 4 adaptation lines,
            // 50 draws, 2 of 5 trailer lines
            assertEquals(38 + 1 + 100 + 4 + 50 + 2, a.size(), "line count");
        }
    }

    /** A run that dies half-way keeps every draw made before, each on a complete line. */
    @Test
    void drawsAreOnDiskAsSoonAsTheyAreMade(@TempDir Path dir) throws IOException {
        Model dying = new TestModels.StdNormal(2) {
            private int evaluations;

            @Override
            public double logDensityGradient(double[] q, double[] g) {
                if (++evaluations > 400) throw new IllegalStateException("killed");
                return super.logDensityGradient(q, g);
            }

            @Override
            public Model copy() {
                return this;
            }
        };
        SamplerConfig config = SamplerConfig.builder().chains(1).cores(1).warmup(500).draws(500).seed(3).build();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> run(dying, config, dir));
        List<String> lines = Files.readAllLines(dir.resolve("std_normal_1.csv"));
        long draws = lines.stream().filter(l -> !l.startsWith("#") && !l.startsWith("lp__")).count();
        assertTrue(draws > 10 && draws < 500, draws + " draws");
        for (String l : lines) if (!l.startsWith("#")) assertEquals(9, l.split(",").length, l);
    }

    private static List<String> withoutTimes(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.contains("seconds (")) continue;
            out.add(line);
        }
        return out;
    }
}
