package ulam.compiler.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ulam.compiler.Compiler;
import ulam.compiler.check.Elem;
import ulam.compiler.check.Kind;
import ulam.compiler.check.ModelSpec;
import ulam.compiler.check.AExpr;
import ulam.compiler.check.Symbol;
import ulam.compiler.check.TExprs;
import ulam.compiler.check.Term;
import ulam.runtime.Model;

/**
 * What {@code ulam check} prints: every symbol with its kind, type, size and constraint as the
 * compiler inferred them, the log density terms, and with data the concrete sizes.
 */
final class CheckReport {
    private CheckReport() {}

    static String format(Compiler.Compiled compiled, Model bound) {
        ModelSpec spec = compiled.spec();
        Map<String, String> sizes = bound == null ? Map.of() : concreteSizes(bound);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "model %s (%s), compiled in %.0f ms%n", spec.name(), spec.source().file(),
                compiled.nanos() / 1e6));
        if (bound != null) {
            sb.append(String.format(Locale.ROOT, "with these data: %d unconstrained parameters, %d observations%n",
                    bound.dimension(), bound.observations()));
        }
        sb.append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"name", "kind", "type", "constraint", "line", bound == null ? "" : "size"});
        List<Symbol> all = new ArrayList<>();
        all.addAll(spec.data());
        all.addAll(spec.derived());
        all.addAll(spec.parameters());
        all.addAll(spec.locals());
        for (Symbol g : spec.generated()) if (!all.contains(g)) all.add(g);
        for (Symbol s : all) {
            String line = s.statement() != null ? Integer.toString(s.statement().span().line())
                    : s.span() != null ? "(" + s.span().line() + ")" : "";
            rows.add(new String[] {s.name(), s.kind().description, type(s), s.constraint().describe()
                    + (s.constraint().origin() == null ? "" : " from " + s.constraint().origin()), line,
                    sizes.getOrDefault(s.name(), "")});
        }
        table(sb, rows);
        sb.append("\nlog density terms:\n");
        for (Term t : spec.terms()) {
            String text = spec.source().line(t.statement().span().line()).strip().replaceAll(",$", "");
            String over = t.loop() == null ? "one term"
                    : t.likelihood() ? "one term per row (" + t.loop().count() + " rows)"
                    : t.value() instanceof ulam.compiler.check.TExpr.VDensity ? "one term per level (" + t.loop().count() + ")"
                    : "one term per element (" + t.loop().count() + ")";
            String how = "";
            if (t.density() != null) {
                String used = t.density().distribution().name();
                String written = ((ulam.compiler.ast.Expr.Call) t.statement().rhs()).function();
                boolean rewritten = ulam.stdlib.Registry.distribution(written).map(d -> !d.name().equals(used)).orElse(false);
                how = rewritten ? "; computed as " + used + " on the link scale" : "";
            } else {
                how = "; computed as " + TExprs.show(t.value());
            }
            sb.append(String.format(Locale.ROOT, "  line %-3d %-40s %s, %s%s%n", t.statement().span().line(), text,
                    t.likelihood() ? "likelihood of " + t.lhs().name() : "prior of " + t.lhs().name(), over, how));
        }
        List<Symbol> arrays = spec.materialized();
        if (!arrays.isEmpty()) {
            sb.append(String.format("%nwhole vectors and matrices (macros and matrix algebra as lowered; #n are the compiler's parts):%n"));
            for (Symbol m : arrays) {
                sb.append(String.format(Locale.ROOT, "  %s %s <- %s%n", m.name(), m.shape(), show(m.array())));
            }
        }
        if (!spec.options().isEmpty()) sb.append("\nsampler options from the source: ").append(spec.options()).append('\n');
        for (String n : spec.notes()) sb.append(ulam.runtime.Notes.line(n)).append('\n');
        if (bound != null) {   // warnings found when the data were bound (a text that never occurs in its column)
            for (String n : bound.notes()) if (ulam.runtime.Notes.isWarning(n) && !spec.notes().contains(n)) sb.append(n).append('\n');
        }
        return sb.toString();
    }

    /** A whole-array expression as text: {@code t(append_col(a_cafe, b_cafe))}, {@code quad_form_diag(Rho, sigma)}. */
    static String show(AExpr a) {
        return a.accept(new AExpr.Visitor<String>() {
            @Override public String whole(AExpr.Whole w) { return w.symbol().name(); }
            @Override public String elementwise(AExpr.Elementwise e) {
                return "[" + TExprs.show(e.body()) + " for each " + e.loop().name() + "]";
            }
            @Override public String concat(AExpr.Concat c) { return call(c.columns() ? "append_col" : "c", c.parts()); }
            @Override public String transpose(AExpr.Transpose t) { return "t(" + show(t.of()) + ")"; }
            @Override public String cumulativeSum(AExpr.CumulativeSum c) { return "cumulative_sum(0, " + show(c.of()) + ")"; }
            @Override public String draw(AExpr.Draw d) {
                List<String> parts = new ArrayList<>();
                for (ulam.compiler.check.TExpr t : d.operands()) parts.add(TExprs.show(t));
                return d.distribution().name() + "_rng(" + String.join(", ", parts) + ")";
            }
            @Override public String block(AExpr.Block b) { return call(b.function().name(), b.args()); }

            private String call(String fn, List<ulam.compiler.check.ArrayArg> args) {
                List<String> parts = new ArrayList<>();
                for (ulam.compiler.check.ArrayArg o : args) parts.add(o.fold(TExprs::show, CheckReport::show));
                return fn + "(" + String.join(", ", parts) + ")";
            }
        });
    }

    private static String type(Symbol s) {
        String elem = s.elem() == Elem.INT || s.views().contains(Elem.INT) ? "int" : s.elem() == Elem.STRING ? "text" : "real";
        if (s.kind() == Kind.DATA && s.views().size() > 1) elem = String.join("/", s.views().stream().map(v -> v.name().toLowerCase()).toList());
        String shape = s.shape().isScalar() ? "" : " " + s.shape();
        String link = s.link() == null ? "" : " (link " + s.link() + ")";
        return elem + shape + link;
    }

    /** Sizes of the outputs, from the element names of a bound model: {@code 7} or {@code 4 x 6}. */
    private static Map<String, String> concreteSizes(Model m) {
        Map<String, String> last = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String n : m.outputNames()) {
            int b = n.indexOf('[');
            String base = b < 0 ? n : n.substring(0, b);
            counts.merge(base, 1, Integer::sum);
            last.put(base, b < 0 ? "" : n.substring(b + 1, n.length() - 1));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : last.entrySet()) {
            String idx = e.getValue();
            out.put(e.getKey(), idx.isEmpty() ? "1" : idx.contains(",") ? idx.replace(",", " x ") : Integer.toString(counts.get(e.getKey())));
        }
        return out;
    }

    private static void table(StringBuilder sb, List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] w = new int[cols];
        for (String[] r : rows) for (int c = 0; c < cols; c++) w[c] = Math.max(w[c], r[c].length());
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                line.append(r[c]).append(" ".repeat(w[c] - r[c].length() + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
