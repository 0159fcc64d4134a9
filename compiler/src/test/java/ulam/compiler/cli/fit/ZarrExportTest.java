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
