package ulam.runtime.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ulam.runtime.UlamException;

/**
 * Writes a Zarr version 2 directory store (docs/cli.md, "ulam draws", describes the layout: a
 * group is a folder with {@code .zgroup} and {@code .zattrs}; an array is a folder with
 * {@code .zarray}, {@code .zattrs} and its chunks) holding xarray Datasets, one per group, as
 * ArviZ's {@code InferenceData.to_zarr} lays them out: each array's {@code _ARRAY_DIMENSIONS}
 * attribute names its dimensions, every dimension has a coordinate array ({@code chain},
 * {@code draw}, {@code a_dim_0}, ...), and {@code .zmetadata} consolidates the metadata.
 *
 * <p>Arrays are stored as one uncompressed chunk, C order: float64 ({@code <f8}), int64
 * ({@code <i8}) or bool ({@code |b1}).
 */
public final class ZarrStore {
    /** An array's element type. */
    public enum Type {
        /** little-endian IEEE double, {@code <f8}. */
        FLOAT64("<f8", 8),
        /** little-endian 64-bit integer, {@code <i8}. */
        INT64("<i8", 8),
        /** one byte, 0 or 1, {@code |b1}. */
        BOOL("|b1", 1);

        final String dtype;
        final int bytes;

        Type(String dtype, int bytes) {
            this.dtype = dtype;
            this.bytes = bytes;
        }
    }

    /**
     * One data variable of a group.
     *
     * @param name   the variable's name (a folder name: no {@code /})
     * @param dims   its dimension names, e.g. {@code chain, draw, a_dim_0}
     * @param shape  its shape, one length per dimension
     * @param values its values in C order (last index fastest), {@code product(shape)} of them
     * @param type   how to store them (integers and booleans are rounded from the doubles)
     */
    public record Variable(String name, List<String> dims, int[] shape, double[] values, Type type) {
        /** Checks the lengths. */
        public Variable {
            if (dims.size() != shape.length) throw new IllegalArgumentException(name + ": " + dims + " vs " + shape.length + " lengths");
            long n = 1;
            for (int s : shape) n *= s;
            if (n != values.length) throw new IllegalArgumentException(name + ": shape holds " + n + " values, got " + values.length);
        }
    }

    private final Path root;
    private final Map<String, Object> metadata = new LinkedHashMap<>();
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ZarrStore(Path root) {
        this.root = root;
    }

    /**
     * Starts a store: creates the folder and its root group.
     *
     * @param root       the store's folder (created; must not hold a store already)
     * @param attributes the root group's attributes
     * @throws UlamException if the folder exists and is not empty, or cannot be written
     */
    public static ZarrStore create(Path root, Map<String, Object> attributes) {
        try {
            if (Files.isDirectory(root)) {
                try (var s = Files.list(root)) {
                    if (s.findAny().isPresent()) {
                        throw new UlamException(root + " exists and is not empty: it is not overwritten", null,
                                "give another folder, or remove it first");
                    }
                }
            }
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UlamException("cannot create " + root + ": " + e.getMessage(), null, null);
        }
        ZarrStore z = new ZarrStore(root);
        z.group("", attributes);
        return z;
    }

    /**
     * Writes a group (an xarray Dataset): its variables and, for each dimension they use, a
     * coordinate array {@code 0..n-1} (ArviZ's default coordinates: chains and draws count from 0).
     *
     * @param name       the group, e.g. {@code posterior}
     * @param attributes the group's attributes (ArviZ: {@code created_at}, {@code inference_library}, ...)
     * @param variables  its variables
     * @throws UlamException if a file cannot be written
     * @throws IllegalArgumentException if two variables give one dimension two lengths
     */
    public void writeGroup(String name, Map<String, Object> attributes, List<Variable> variables) {
        group(name, attributes);
        Map<String, Integer> dims = new LinkedHashMap<>();
        for (Variable v : variables) {
            for (int d = 0; d < v.shape().length; d++) {
                Integer had = dims.putIfAbsent(v.dims().get(d), v.shape()[d]);
                if (had != null && had != v.shape()[d]) {
                    throw new IllegalArgumentException(name + ": dimension " + v.dims().get(d) + " is " + had + " and " + v.shape()[d]);
                }
            }
        }
        List<Variable> all = new ArrayList<>();
        for (Map.Entry<String, Integer> d : dims.entrySet()) {
            double[] idx = new double[d.getValue()];
            for (int i = 0; i < idx.length; i++) idx[i] = i;
            all.add(new Variable(d.getKey(), List.of(d.getKey()), new int[] {d.getValue()}, idx, Type.INT64));
        }
        all.addAll(variables);
        for (Variable v : all) array(name + "/" + v.name(), v);
    }

    /**
     * Writes the consolidated metadata ({@code .zmetadata}, what {@code zarr.open_consolidated} and
     * xarray read first). Call once, after the last group.
     *
     * @throws UlamException if it cannot be written
     */
    public void close() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metadata", metadata);
        m.put("zarr_consolidated_format", 1);
        writeJson(root.resolve(".zmetadata"), m);
    }

    private void group(String name, Map<String, Object> attributes) {
        Path dir = name.isEmpty() ? root : root.resolve(name);
        String prefix = name.isEmpty() ? "" : name + "/";
        Map<String, Object> g = Map.of("zarr_format", 2);
        mkdirs(dir);
        writeJson(dir.resolve(".zgroup"), g);
        writeJson(dir.resolve(".zattrs"), attributes);
        metadata.put(prefix + ".zgroup", g);
        metadata.put(prefix + ".zattrs", attributes);
    }

    private void array(String path, Variable v) {
        Path dir = root.resolve(path);
        mkdirs(dir);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("chunks", v.shape());
        a.put("compressor", null);
        a.put("dtype", v.type().dtype);
        a.put("fill_value", v.type() == Type.FLOAT64 ? "NaN" : null);
        a.put("filters", null);
        a.put("order", "C");
        a.put("shape", v.shape());
        a.put("zarr_format", 2);
        Map<String, Object> attrs = Map.of("_ARRAY_DIMENSIONS", v.dims());
        writeJson(dir.resolve(".zarray"), a);
        writeJson(dir.resolve(".zattrs"), attrs);
        metadata.put(path + "/.zarray", a);
        metadata.put(path + "/.zattrs", attrs);
        ByteBuffer b = ByteBuffer.allocate(v.values().length * v.type().bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v.values()) {
            switch (v.type()) {
                case FLOAT64 -> b.putDouble(x);
                case INT64 -> b.putLong(Math.round(x));
                case BOOL -> b.put((byte) (x != 0 ? 1 : 0));
            }
        }
        String chunk = String.join(".", java.util.Collections.nCopies(Math.max(1, v.shape().length), "0"));
        try {
            Files.write(dir.resolve(chunk), b.array());
        } catch (IOException e) {
            throw new UlamException("cannot write " + dir.resolve(chunk) + ": " + e.getMessage(), null, null);
        }
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UlamException("cannot create " + dir + ": " + e.getMessage(), null, null);
        }
    }

    private void writeJson(Path file, Object value) {
        try {
            json.writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new UlamException("cannot write " + file + ": " + e.getMessage(), null, null);
        }
    }
}
