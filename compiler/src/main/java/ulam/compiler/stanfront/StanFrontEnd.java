package ulam.compiler.stanfront;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ulam.compiler.ast.Program;
import ulam.compiler.ast.Span;
import ulam.compiler.check.DataSchema;
import ulam.compiler.parse.Parser;
import ulam.compiler.parse.Source;
import ulam.grammar.StanParser;
import ulam.runtime.SourceLocation;
import ulam.runtime.UlamException;

/**
 * The Stan front end (docs/stan.md): a Stan program ({@code .stan}) becomes the alist of the same
 * model, parsed by the alist parser into the same {@link Program}, so that the checker and
 * everything after it see an ordinary ulam model, with the program's own names. The data block
 * becomes the data schema (names, ranks, which are integers), so data and parameters are told
 * apart as the program declares them. This is the reading side; {@code ulam stancode}'s writer is
 * the package {@code ulam.compiler.stan}.
 */
public final class StanFrontEnd {
    private StanFrontEnd() {}

    /**
     * The alist a Stan program became.
     *
     * @param alist   the alist as a model file (what {@code ulam check} prints), named {@code FILE (alist)}
     * @param program the alist parsed
     * @param schema  the data schema the data block declares (the data's own when data are given)
     * @param notes   notes for the user (ignored print() statements, offset/multiplier)
     * @param origins for each line of the alist (0-based), the Stan statement it came from, or null
     * @param transformedData the data with the program's transformed data added, computed as Stan
     *                computes them once when it reads the data ({@link StanInterpreter}), for a
     *                transformed data block with statements (loops, element and slice
     *                assignments); null otherwise. It throws a located
     *                {@link UlamException} for data the data block rejects or an error in the block.
     * @param quantities the generated quantities block when it is imperative code run per draw
     *                ({@link InterpretedQuantities}: its values are added to the model's draws), or
     *                null when it is {@code gq>} lines (or absent)
     */
    public record Translation(Source stan, Source alist, Program program, DataSchema schema, List<String> notes, List<Span> origins,
                              java.util.function.UnaryOperator<ulam.runtime.data.DataSet> transformedData,
                              InterpretedQuantities quantities) {

        /**
         * An error the checker found in the alist, moved to the Stan statement the line came from,
         * with the alist line shown in the message. Other errors pass unchanged.
         */
        public UlamException relocate(UlamException e) {
            SourceLocation at = e.location();
            if (at == null || !at.file().equals(alist.file()) || at.line() < 1 || at.line() > origins.size()
                    || origins.get(at.line() - 1) == null) {
                return e;
            }
            Span s = origins.get(at.line() - 1);
            return new UlamException(e.getMessage() + " (in the alist line `" + at.lineText().strip() + "`)", stan.at(s), e.help());
        }
    }

    /** Whether the file is a Stan program: its name ends in {@code .stan}. */
    public static boolean recognises(Source source) {
        return source.file().endsWith(".stan");
    }

    /**
     * Translates a Stan program.
     *
     * @param source the program
     * @param schema the data's schema, or null without data
     * @throws UlamException for a syntax error, a construct the front end does not support, or
     *                       data that do not match the data block (a variable missing, a size,
     *                       an int, a bound: {@link DataChecks}); located
     */
    public static Translation translate(Source source, DataSchema schema) {
        source = FunctionInliner.inline(source);   // user-defined functions: their calls inlined, the lines kept
        StanLowering low = new StanLowering(source, schema == null ? null : schema.values());
        low.lower(StanParse.parse(source));
        DataSchema declared = declaredSchema(low.data());
        if (schema != null && schema.values() != null) DataChecks.check(source, low.data(), schema.values());
        else if (schema != null) {
            for (Decl d : low.data()) {
                if (!schema.has(d.name())) {
                    throw source.error(d.span(), "the data have no '" + d.name() + "', which the data block declares",
                            "add it to the data file (Stan JSON: \"" + d.name() + "\": ...)");
                }
            }
        }
        List<StanLowering.Line> lines = low.lines();
        List<Span> origins = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        sb.append("stan <- ulam(\n");
        origins.add(null);
        sb.append("  alist(\n");
        origins.add(null);
        for (int i = 0; i < lines.size(); i++) {
            sb.append("    ").append(lines.get(i).text()).append(i + 1 < lines.size() ? ",\n" : "\n");
            origins.add(lines.get(i).origin());
        }
        sb.append("  )");
        if (!low.constraints().isEmpty()) {   // one line per parameter: an error in a bound is shown at its declaration
            sb.append(",\n  constraints = list(");
            origins.add(null);   // "  ),"
            origins.add(null);   // "  constraints = list("
            int k = 0;
            for (Map.Entry<String, String> c : low.constraints().entrySet()) {
                sb.append(k++ > 0 ? "," : "").append("\n    ").append(c.getKey()).append(" = \"").append(c.getValue()).append('"');
                origins.add(low.constraintOrigins().get(c.getKey()));
            }
            sb.append(")");
        }
        sb.append(")\n");
        Source alist = new Source(source.file() + " (alist)", sb.toString());
        Program program;
        try {
            program = Parser.parse(alist);
        } catch (UlamException e) {
            throw new IllegalStateException("the alist of " + source.file() + " does not parse: " + e.format(), e);
        }
        java.util.function.UnaryOperator<ulam.runtime.data.DataSet> prepare = transformedData(source, low);
        DataSchema given = schema != null ? schema : declared;
        List<Decl> computed = low.interpretedDecls();
        if (!computed.isEmpty()) {
            DataSchema td = declaredSchema(computed);
            ulam.runtime.data.DataSet values = schema != null && schema.values() != null ? prepare.apply(schema.values()) : null;
            DataSchema over = DataSchema.overlay(given, td);
            given = new DataSchema(over.ranks(), over.integers(), over.missing(), values);
        }
        return new Translation(source, alist, program, given, List.copyOf(low.notes()), java.util.Collections.unmodifiableList(origins), prepare,
                low.quantities());
    }

    /** The data with the interpreted transformed data added, or null when there are none. */
    private static java.util.function.UnaryOperator<ulam.runtime.data.DataSet> transformedData(Source source, StanLowering low) {
        List<StanParser.BlockItemContext> items = low.interpretedData();
        if (items == null) return null;
        Map<String, Decl> scope = Map.copyOf(low.scope());
        List<Decl> data = low.data();
        ulam.runtime.data.DataSet[] last = new ulam.runtime.data.DataSet[2];   // the last data and their result: translate and bind give the same data
        return values -> {
            synchronized (last) {
                if (last[0] == values) return last[1];
            }
            DataChecks.check(source, data, values);
            StanInterpreter in = new StanInterpreter(source, scope, values);
            in.runBlock(items);
            Map<String, Map.Entry<int[], double[]>> added = new LinkedHashMap<>();
            for (Map.Entry<String, StanValue> e : in.results().entrySet()) {
                if (values.has(e.getKey())) {
                    throw source.error(scope.get(e.getKey()).span(), "the data have a value '" + e.getKey() + "', which transformed data computes",
                            "remove it from the data, or rename the transformed data variable");
                }
                added.put(e.getKey(), Map.entry(e.getValue().dims(), e.getValue().v()));
            }
            ulam.runtime.data.DataSet out = values.withAdded(added, "transformed data of " + source.file());
            synchronized (last) {
                last[0] = values;
                last[1] = out;
            }
            return out;
        };
    }

    /** Names, ranks (capped at 2, a matrix) and integer-ness of the data block's variables. */
    private static DataSchema declaredSchema(List<Decl> data) {
        Map<String, Integer> ranks = new LinkedHashMap<>();
        Set<String> integers = new HashSet<>();
        for (Decl d : data) {
            ranks.put(d.name(), Math.min(2, d.rank()));
            if (d.isInt()) integers.add(d.name());
        }
        return new DataSchema(ranks, integers, Map.of());
    }
}
