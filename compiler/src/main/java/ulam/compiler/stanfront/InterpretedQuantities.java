package ulam.compiler.stanfront;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.tree.ParseTree;
import org.apache.commons.rng.UniformRandomProvider;
import ulam.compiler.parse.Source;
import ulam.grammar.StanParser;
import ulam.runtime.ForwardingModel;
import ulam.runtime.Model;
import ulam.runtime.data.DataSet;

/**
 * A generated quantities block of imperative code (an {@code if}, {@code while}, {@code break},
 * a compound assignment, a local scope {@code { ... }}: the Viterbi pass of an HMM), which the
 * alist's {@code gq>} lines cannot say. It needs no gradient, so it is run as Stan runs it, by
 * {@link StanInterpreter}, once per draw: on the draw's constrained parameters and transformed
 * parameters (read back from the model's own {@link Model#writeDraw} output by their Stan names),
 * the data and the transformed data, with the draw's random stream for {@code _rng} calls. Its
 * top-level variables are written after the model's outputs, named as Stan names them
 * ({@code z_star[1]}, {@code b[1,2]}, column-major); an element never assigned is NaN.
 */
public final class InterpretedQuantities {
    private final Source source;
    private final Map<String, Decl> scope;
    private final List<StanParser.BlockItemContext> transformedData;
    private final List<StanParser.BlockItemContext> items;

    /**
     * @param transformedData the transformed data block's items (run once per binding, for the
     *                        values the block reads), or null without one
     * @param items           the generated quantities block's items
     */
    InterpretedQuantities(Source source, Map<String, Decl> scope, List<StanParser.BlockItemContext> transformedData,
                          List<StanParser.BlockItemContext> items) {
        this.source = source;
        this.scope = Map.copyOf(scope);
        this.transformedData = transformedData == null ? null : List.copyOf(transformedData);
        this.items = List.copyOf(items);
    }

    /**
     * Whether a generated quantities block is imperative code that is run per draw rather than
     * lowered to {@code gq>} lines: it has an {@code if}, a {@code while}, a {@code break} or
     * {@code continue}, a compound assignment anywhere, or a local scope at its top level.
     */
    static boolean imperative(List<StanParser.BlockItemContext> items) {
        for (StanParser.BlockItemContext i : items) {
            if (i.statement() instanceof StanParser.BlockStatementContext) return true;
            if (i.statement() != null && imperative(i.statement())) return true;
        }
        return false;
    }

    private static boolean imperative(ParseTree t) {
        if (t instanceof StanParser.IfStatementContext || t instanceof StanParser.WhileStatementContext
                || t instanceof StanParser.JumpStatementContext) {
            return true;
        }
        if (t instanceof StanParser.AssignStatementContext a && !a.op.getText().equals("=") && !a.op.getText().equals("<-")) return true;
        for (int k = 0; k < t.getChildCount(); k++) if (imperative(t.getChild(k))) return true;
        return false;
    }

    /**
     * The model with these generated quantities added to its draws.
     *
     * @param data  the data the model was bound to (with interpreted transformed data added)
     * @param model the compiled model
     * @throws ulam.runtime.UlamException located, for an error in the sizes of the block's
     *         variables or in the transformed data it reads
     */
    public Model wrap(DataSet data, Model model) {
        StanInterpreter in = interpreter(data);
        Map<String, StanValue> shapes = new LinkedHashMap<>();
        for (StanParser.BlockItemContext i : items) if (i.varDecl() != null) shapes.put(i.varDecl().name.getText(), in.shape(i.varDecl()));
        String[] base = model.outputNames();
        List<String> names = new ArrayList<>(List.of(base));
        for (Map.Entry<String, StanValue> e : shapes.entrySet()) names.addAll(elementNames(e.getKey(), e.getValue()));
        Map<String, int[]> reads = reads(base, model.parameterOutputs());
        return new Wrapped(model, data, base.length, names.toArray(String[]::new), shapes, reads);
    }

    private StanInterpreter interpreter(DataSet data) {
        StanInterpreter in = new StanInterpreter(source, scope, data);
        if (transformedData != null) {
            StanInterpreter td = new StanInterpreter(source, scope, data);
            td.runBlock(transformedData);
            for (Map.Entry<String, StanValue> e : td.results().entrySet()) in.give(e.getKey(), e.getValue());
        }
        return in;
    }

    /**
     * For each parameter and transformed parameter: the position of its first element in the
     * model's outputs, then its sizes (read from its last element's name, {@code theta[2,3]}).
     */
    private Map<String, int[]> reads(String[] names, int parameters) {
        Map<String, int[]> out = new LinkedHashMap<>();
        for (Decl d : scope.values()) {
            if (d.block() != Decl.Block.PARAMETERS && d.block() != Decl.Block.TRANSFORMED_PARAMETERS) continue;
            int first = -1;
            int last = -1;
            for (int k = 0; k < names.length; k++) {
                if (names[k].equals(d.name()) || names[k].startsWith(d.name() + "[")) {
                    if (first < 0) first = k;
                    last = k;
                }
            }
            if (first < 0) continue;   // not an output (a local of the model block, ...): the interpreter says it has no value
            String n = names[last];
            int[] sizes;
            if (n.equals(d.name())) sizes = new int[0];
            else {
                String[] parts = n.substring(d.name().length() + 1, n.length() - 1).split(",");
                sizes = new int[parts.length];
                for (int j = 0; j < parts.length; j++) sizes[j] = Integer.parseInt(parts[j].strip());
            }
            int[] r = new int[sizes.length + 1];
            r[0] = first;
            System.arraycopy(sizes, 0, r, 1, sizes.length);
            out.put(d.name(), r);
        }
        return out;
    }

    /** Stan's element names of a value: {@code x}, {@code x[1]}, {@code x[1,2]}, first index fastest. */
    static List<String> elementNames(String name, StanValue x) {
        List<String> out = new ArrayList<>();
        int[] dims = x.dims();
        for (int k = 0; k < x.size(); k++) {
            if (dims.length == 0) {
                out.add(name);
                continue;
            }
            StringBuilder sb = new StringBuilder(name).append('[');
            int r = k;
            for (int j = 0; j < dims.length; j++) {
                sb.append(j > 0 ? "," : "").append(r % dims[j] + 1);
                r /= dims[j];
            }
            out.add(sb.append(']').toString());
        }
        return out;
    }

    private static String baseOf(Decl d) {
        return switch (d.base()) {
            case "int", "real" -> d.base();
            case "vector", "simplex", "ordered", "positive_ordered", "unit_vector", "sum_to_zero_vector" -> "vector";
            case "row_vector" -> "row_vector";
            default -> "matrix";
        };
    }

    /** The model with the block's values after its own; one interpreter and buffer per instance (per chain). */
    private final class Wrapped extends ForwardingModel {
        private final DataSet data;
        private final int own;
        private final String[] names;
        private final Map<String, StanValue> shapes;
        private final Map<String, int[]> reads;
        private final StanInterpreter in;
        private final double[] buffer;

        Wrapped(Model delegate, DataSet data, int own, String[] names, Map<String, StanValue> shapes, Map<String, int[]> reads) {
            super(delegate);
            this.data = data;
            this.own = own;
            this.names = names;
            this.shapes = shapes;
            this.reads = reads;
            this.in = interpreter(data);
            this.buffer = new double[own];
        }

        @Override
        public Model copy() {
            return new Wrapped(delegate().copy(), data, own, names, shapes, reads);
        }

        @Override
        public String[] outputNames() {
            return names.clone();
        }

        @Override
        public void writeDraw(double[] q, UniformRandomProvider rng, double[] out) {
            delegate().writeDraw(q, rng, buffer);
            System.arraycopy(buffer, 0, out, 0, own);
            for (Map.Entry<String, int[]> e : reads.entrySet()) {
                int[] r = e.getValue();
                int[] dims = java.util.Arrays.copyOfRange(r, 1, r.length);
                int n = 1;
                for (int d : dims) n *= d;
                Decl d = scope.get(e.getKey());
                String base = StanValue.typeRank(baseOf(d)) == 0 ? "real" : baseOf(d);
                in.give(e.getKey(), new StanValue(dims, java.util.Arrays.copyOfRange(buffer, r[0], r[0] + n), base));
            }
            in.rng(rng);
            in.run(items);
            int k = own;
            for (Map.Entry<String, StanValue> e : in.results().entrySet()) {
                StanValue x = e.getValue();
                System.arraycopy(x.v(), 0, out, k, x.size());
                k += x.size();
            }
        }
    }
}
