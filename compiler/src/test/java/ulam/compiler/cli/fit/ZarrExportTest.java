package ulam.compiler.cli.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.compiler.testing.Cli;
import ulam.runtime.fit.FitDirectory;
import ulam.runtime.loo.Loo;

/**
 * {@code ulam draws --zarr}: the InferenceData store of a real fit (reed frogs m13.2, 2 chains),
 * read back from its bytes as any Zarr reader would (the .zmetadata, each array's .zarray and
 * its one chunk): the posterior holds the saved draws at their indices, sample_stats the
 * divergences, log_likelihood gives ulam loo's elpd, observed_data is the data column.
 */
class ZarrExportTest {
    @TempDir
    static Path tmp;
    static Path fit;
    static Path store;
    static String out;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void export() throws Exception {
        Path model = tmp.resolve("m13_2.ulam");
        Files.writeString(model, PrecisDrawsTest.M13_2);
        fit = tmp.resolve("fit");
        String[] r = Cli.run("run", model.toString(), "--data", "../examples/data/reedfrogs.csv", "--seed", "3", "--iter", "400",
                "--chains", "2", "--quiet", "--output-dir", fit.toString());
        assertEquals("0", r[0], r[2]);
        store = tmp.resolve("m13_2.zarr");
        String[] z = Cli.run("draws", fit.toString(), "--zarr", store.toString());
        assertEquals("0", z[0], z[2]);
        out = z[1];
    }

    /** An array read back: its dimension names, shape and values in C order. */
    record Array(List<String> dims, int[] shape, double[] values) {
    }

    static Array read(String path) throws Exception {
        JsonNode meta = JSON.readTree(store.resolve(".zmetadata").toFile()).get("metadata");
        JsonNode a = meta.get(path + "/.zarray");
        assertEquals(2, a.get("zarr_format").asInt());
        assertTrue(a.get("compressor").isNull());
        int[] shape = new int[a.get("shape").size()];
        for (int i = 0; i < shape.length; i++) shape[i] = a.get("shape").get(i).asInt();
        List<String> dims = new ArrayList<>();
        for (JsonNode d : meta.get(path + "/.zattrs").get("_ARRAY_DIMENSIONS")) dims.add(d.asText());
        String chunk = String.join(".", java.util.Collections.nCopies(shape.length, "0"));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(store.resolve(path).resolve(chunk))).order(ByteOrder.LITTLE_ENDIAN);
        int n = 1;
        for (int s : shape) n *= s;
        double[] v = new double[n];
        String dtype = a.get("dtype").asText();
        for (int i = 0; i < n; i++) v[i] = dtype.equals("<f8") ? b.getDouble() : dtype.equals("<i8") ? b.getLong() : b.get();
        assertEquals(0, b.remaining(), path + ": the chunk holds exactly the array");
        return new Array(dims, shape, v);
    }

    @Test
    void theGroupsAreArviZs() throws Exception {
        assertTrue(out.contains("posterior, sample_stats, log_likelihood, posterior_predictive, observed_data"), out);
        JsonNode root = JSON.readTree(store.resolve(".zattrs").toFile());
        assertEquals("ulam", root.get("inference_library").asText());
        for (String g : List.of("posterior", "sample_stats", "log_likelihood", "posterior_predictive", "observed_data")) {
            assertTrue(Files.exists(store.resolve(g).resolve(".zgroup")), g);
        }
    }

    @Test
    void thePosteriorHoldsTheDrawsAtTheirIndices() throws Exception {
        FitDirectory f = FitDirectory.read(fit);
        Array a = read("posterior/a");
        assertEquals(List.of("chain", "draw", "a_dim_0"), a.dims());
        assertArrayEquals(new int[] {2, 200, 48}, a.shape());
        int col = f.indexOf("a[17]");
        double want = f.chains().get(1).values()[41][col];
        assertEquals(want, a.values()[(200 + 41) * 48 + 16], 0.0, "chain 2, draw 42, a[17]");
        Array sigma = read("posterior/sigma");
        assertArrayEquals(new int[] {2, 200}, sigma.shape());
        assertEquals(f.chains().get(0).values()[5][f.indexOf("sigma")], sigma.values()[5], 0.0);
        Array chain = read("posterior/chain");
        assertArrayEquals(new double[] {0, 1}, chain.values(), 0.0);
    }

    @Test
    void sampleStatsLogLikelihoodAndObservedData() throws Exception {
        FitDirectory f = FitDirectory.read(fit);
        Array div = read("sample_stats/diverging");
        assertEquals(f.chains().get(0).stats()[3][ulam.runtime.sampler.SamplerStat.DIVERGENT.index()], div.values()[3], 0.0);
        Array depth = read("sample_stats/tree_depth");
        assertTrue(depth.values()[0] >= 1 && depth.values()[0] <= 10);
        Array ll = read("log_likelihood/S");
        assertEquals(List.of("chain", "draw", "S_dim_0"), ll.dims());
        double[][] rows = new double[400][48];
        for (int s = 0; s < 400; s++) System.arraycopy(ll.values(), s * 48, rows[s], 0, 48);
        double elpd = LoadedFit.load(fit).loo(false).elpd();
        assertEquals(elpd, Loo.of(rows).elpd(), 1e-9, "PSIS-LOO from the store is ulam loo's");
        Array obs = read("observed_data/S");
        assertEquals(9, obs.values()[0], 0.0, "surv[1] of reedfrogs.csv");
        assertArrayEquals(new int[] {48}, obs.shape());
        Array pp = read("posterior_predictive/S");
        assertArrayEquals(new int[] {2, 200, 48}, pp.shape());
        for (int t = 0; t < 48; t++) assertTrue(pp.values()[t] >= 0 && pp.values()[t] <= 35, "a count of survivors");
    }

    /** Where Python has xarray and zarr (ArviZ's readers), they open every group and agree with the draws. */
    @Test
    void xarrayOpensTheStore() throws Exception {
        String python = "/usr/bin/python3";
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of(python)), "no /usr/bin/python3");
        Process probe = new ProcessBuilder(python, "-c", "import xarray, zarr").redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(probe.waitFor() == 0, "Python lacks xarray or zarr");
        String script = String.join("\n",
                "import sys, xarray as xr",
                "p = sys.argv[1]",
                "for g in ['posterior', 'sample_stats', 'log_likelihood', 'posterior_predictive', 'observed_data']:",
                "    ds = xr.open_zarr(p, group=g, consolidated=True)",
                "    print(g, ' '.join(f'{k}={v}' for k, v in sorted(ds.sizes.items())))",
                "post = xr.open_zarr(p, group='posterior')",
                "print('a_bar', repr(float(post.a_bar.mean())))",
                "print('a17', repr(float(post.a.isel(chain=1, draw=41, a_dim_0=16))))");
        Process py = new ProcessBuilder(python, "-c", script, store.toString()).redirectErrorStream(true).start();
        String text = new String(py.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, py.waitFor(), text);
        assertTrue(text.contains("posterior a_dim_0=48 chain=2 draw=200"), text);
        assertTrue(text.contains("log_likelihood S_dim_0=48 chain=2 draw=200"), text);
        assertTrue(text.contains("observed_data S_dim_0=48"), text);
        FitDirectory f = FitDirectory.read(fit);
        double mean = 0;
        int col = f.indexOf("a_bar");
        for (double[] row : f.draws()) mean += row[col];
        mean /= f.totalDraws();
        double read = Double.parseDouble(text.replaceAll("(?s).*a_bar (\\S+).*", "$1"));
        assertEquals(mean, read, 1e-12, text);
        assertEquals(f.chains().get(1).values()[41][f.indexOf("a[17]")],
                Double.parseDouble(text.replaceAll("(?s).*a17 (\\S+).*", "$1")), 0.0, text);
    }

    @Test
    void badUse() {
        String[] again = Cli.run("draws", fit.toString(), "--zarr", store.toString());
        assertEquals("1", again[0]);
        assertTrue(again[2].contains("not overwritten"), again[2]);
        String[] both = Cli.run("draws", fit.toString(), "--zarr", tmp.resolve("x").toString(), "--pars", "a");
        assertEquals("1", both[0]);
        assertTrue(both[2].contains("leave out --pars"), both[2]);
    }
}
