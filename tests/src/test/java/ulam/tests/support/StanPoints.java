package ulam.tests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ulam.runtime.Model;

/**
 * Our model's log density and gradient against a Stan program's at fixed points, matched by
 * parameter name, whatever order either declares its parameters in.
 *
 * <p>The file (bench/book/ulam_refs.R, {@code fixed/ID.json}) holds Stan's parameter blocks in
 * Stan's order (name, Stan type, dims, unconstrained size) and, per point, Stan's unconstrained
 * vector {@code u}, the constrained values by element name ({@code a[1]}, {@code b[1,2]},
 * column-major), {@code log_prob(u)} and {@code grad_log_prob(u)}, both with the log Jacobian
 * (Stan reference manual, "Constraint transforms"). Our point is {@link Model#unconstrain} of those
 * constrained values; it must equal {@code u} block by block (the same transforms); the gradients
 * must be equal coordinate by coordinate, and our {@code lp__} ({@link Model#lp(double)}, the log
 * density less the summands Stan's {@code ~} leaves out) equal to Stan's {@code log_prob}. Within a block both are
 * column-major, except Stan's {@code array[N] vector[K]}, which is stored array element by array
 * element (Stan reference manual, "Variable representation"), while ours is the matrix[N,K] of the
 * same values, column-major.
 */
public final class StanPoints {
    private StanPoints() {}

    /** Relative tolerance of the comparisons: |ours - Stan's| <= TOL * max(1, |Stan's|). */
    public static final double TOL = 1e-7;

    /** The number of points in the file. */
    public static int points(Path json) {
        return read(json).get("points").size();
    }

    /**
     * Compares, at every point of the file, {@code lp__} absolutely.
     *
     * @return one line per disagreement, with the numbers (empty when the model agrees)
     */
    public static List<String> compare(Model m, Path json) {
        return compare(m, json, true);
    }

    /**
     * Compares, at every point of the file.
     *
     * @param absolute whether {@code lp__} must equal Stan's {@code log_prob}; false: the
     *                 differences from the first point must be equal (for a Stan program that
     *                 writes with {@code target +=} what the model writes with {@code ~})
     * @return one line per disagreement, with the numbers (empty when the model agrees)
     */
    public static List<String> compare(Model m, Path json, boolean absolute) {
        JsonNode f = read(json);
        List<String> out = new ArrayList<>();
        int k = f.get("dimension").asInt();
        if (m.dimension() != k) return List.of("dimension " + m.dimension() + ", Stan's " + k);
        // Stan's blocks: name -> offset, size
        Map<String, int[]> stan = new LinkedHashMap<>();
        Map<String, int[]> arrayOfVectors = new LinkedHashMap<>(); // name -> {N, K} of array[N] vector[K]
        int off = 0;
        for (JsonNode b : f.get("blocks")) {
            int n = b.get("unconstrained").asInt();
            stan.put(b.get("name").asText(), new int[] {off, n});
            JsonNode dims = b.get("dims");
            String type = b.get("type").asText();
            if ((type.equals("vector") || type.equals("row_vector")) && dims.isArray() && dims.size() == 2) {
                arrayOfVectors.put(b.get("name").asText(), new int[] {dims.get(0).asInt(), dims.get(1).asInt()});
            }
            off += n;
        }
        String[] names = m.outputNames();
        int np = m.parameterOutputs();
        // ours, in our order: perm[i] = Stan's coordinate of our coordinate i
        int[] perm = new int[k];
        int at = 0;
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < np; i++) {
            String base = names[i].contains("[") ? names[i].substring(0, names[i].indexOf('[')) : names[i];
            if (seen.contains(base)) continue;
            seen.add(base);
            int[] s = stan.get(base);
            if (s == null) return List.of("parameter " + base + " is not a parameter of Stan's program " + stan.keySet());
            if (at + s[1] > k) return List.of("parameter sizes differ from Stan's at " + base);
            int[] nk = arrayOfVectors.get(base);
            for (int j = 0; j < s[1]; j++) {
                // ours column-major (i + k N); Stan's array of vectors array element by element (i K + k)
                perm[at + j] = s[0] + (nk == null ? j
                        : (j % nk[0]) * nk[1] + j / nk[0]);
            }
            at += s[1];
        }
        if (at != k || seen.size() != stan.size()) {
            return List.of("parameters " + seen + " vs Stan's " + stan.keySet());
        }
        double lp0 = Double.NaN;
        double stanLp0 = Double.NaN;
        int p = 0;
        for (JsonNode pt : f.get("points")) {
            double[] constrained = new double[np];
            for (int i = 0; i < np; i++) {
                JsonNode v = pt.get("constrained").get(names[i]);
                if (v == null) return List.of("point " + p + ": Stan gives no value for " + names[i]);
                constrained[i] = v.asDouble();
            }
            double[] q = new double[k];
            m.unconstrain(constrained, q);
            for (int i = 0; i < k; i++) {
                double u = at(pt.get("u"), perm[i]);
                if (!(Math.abs(q[i] - u) <= 1e-6 * Math.max(1, Math.abs(u)))) {
                    out.add(String.format("point %d: unconstrained coordinate %d is %.10g, Stan's %.10g", p, i, q[i], u));
                }
            }
            double[] g = new double[k];
            double lp = m.logDensityGradient(q, g);
            double stanLp = pt.get("lp").asDouble();
            for (int i = 0; i < k; i++) {
                double sg = at(pt.get("gradient"), perm[i]);
                if (!(Math.abs(g[i] - sg) <= TOL * Math.max(1, Math.abs(sg)))) {
                    out.add(String.format("point %d: gradient[%d] (%s block) %.10g, Stan's %.10g", p, i, blockOf(stan, perm[i]), g[i], sg));
                }
            }
            double ours = m.lp(lp);
            if (p == 0) {
                lp0 = ours;
                stanLp0 = stanLp;
            }
            if (absolute && !(Math.abs(ours - stanLp) <= TOL * Math.max(1, Math.abs(stanLp)))) {
                out.add(String.format("point %d: lp__ %.10g, Stan's %.10g (differ by %.6g)", p, ours, stanLp, ours - stanLp));
            }
            double d = ours - lp0;
            double sd = stanLp - stanLp0;
            if (!absolute && !(Math.abs(d - sd) <= TOL * Math.max(1, Math.max(Math.abs(ours), Math.abs(stanLp))))) {
                out.add(String.format("point %d: lp - lp(point 0) %.10g, Stan's %.10g", p, d, sd));
            }
            p++;
        }
        return out;
    }

    /** Element i of a JSON array; a lone number is an array of one (R's jsonlite writes a length-1 vector so). */
    private static double at(JsonNode v, int i) {
        return v.isArray() ? v.get(i).asDouble() : v.asDouble();
    }

    private static String blockOf(Map<String, int[]> stan, int coordinate) {
        for (Map.Entry<String, int[]> e : stan.entrySet()) {
            if (coordinate >= e.getValue()[0] && coordinate < e.getValue()[0] + e.getValue()[1]) return e.getKey();
        }
        return "?";
    }

    private static JsonNode read(Path json) {
        try {
            return new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
