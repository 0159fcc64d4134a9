package ulam.compiler.check;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ulam.compiler.ast.Expr;
import ulam.compiler.ast.Statement;
import ulam.stdlib.DistributionSpec;
import static ulam.compiler.check.Syntax.isEscape;
import static ulam.compiler.check.Syntax.names;

/**
 * Automatic imputation (language reference 2.15): a data variable with NA values on the left of a
 * {@code ~} line gets a parameter {@code name_impute} for its missing values, and every use reads
 * the merged value row by row. Writes {@link CheckState#imputations}, {@link CheckState#redirect},
 * the helper symbols and a note; runs right after {@link Classification}.
 */
final class Imputation {

    private final CheckState state;
    private final Typer typer;

    Imputation(CheckState state, Typer typer) {
        this.state = state;
        this.typer = typer;
    }

    /**
     * A variable with NA values (in the data, or derived from a column that has them) on the left
     * of a {@code ~} line is imputed: its missing values become a parameter {@code name_impute}
     * with that line as their prior, and every use of the variable reads the observed value or the
     * parameter, row by row. The columns it comes from are read with their NA.
     */
    void impute() {
        if (state.schema == null || state.schema.missing().isEmpty()) return;
        for (Map.Entry<String, Statement> e : state.firstSample.entrySet()) {
            Symbol b = state.symbols.get(e.getKey());
            if (b == null || !b.isData()) continue;
            Set<Symbol> columns = new LinkedHashSet<>();
            missingSources(b, columns, new HashSet<>());
            if (columns.isEmpty()) continue;
            Statement st = e.getValue();
            Expr.Call call = (Expr.Call) st.rhs();
            if (isEscape(call)) {
                throw state.error(call.functionSpan(), "'" + b.name() + "' has missing values; a " + call.function()
                        + "(...) line cannot impute them", "give it an ordinary distribution, e.g. " + b.name() + " ~ dnorm(nu, sigma)");
            }
            DistributionSpec spec = typer.distributionOf(call);
            if (spec.outcome() == ulam.stdlib.ValueType.INT) {
                throw state.error(st.target().span(), "'" + b.name() + "' has missing values, but only real-valued variables can be imputed",
                        "remove the rows with NA, or model the missing values with a mixture");
            }
            for (Symbol c : columns) c.allowMissing();
            String name = b.name() + "_impute";
            for (String[] m : state.merges.values()) if (m[0].equals(b.name())) name = m[1];
            if (state.symbols.containsKey(name)) {
                throw state.error(st.target().span(), "'" + name + "' would hold the imputed values of " + b.name() + " but the model already uses that name", null);
            }
            Symbol impute = state.symbol(name, Kind.PARAMETER, st.target().span(), st);
            impute.shape(new Shape.Vector(new Size.Missing(b)));
            impute.elem(Elem.REAL);
            Symbol isna = new Symbol("#" + b.name() + "_missing", Kind.TRANSFORMED_DATA);
            isna.defineByFunction(ulam.runtime.model.ModelSupport.class, "missingMask", List.of(new TExpr.Ref(b, null, Elem.REAL)));
            isna.shape(new Shape.Vector(new Size.Length(isna)));
            isna.elem(Elem.INT);
            Symbol slot = new Symbol("#" + b.name() + "_slot", Kind.TRANSFORMED_DATA);
            slot.defineByFunction(ulam.runtime.model.ModelSupport.class, "imputeSlots", List.of(new TExpr.Ref(isna, null, Elem.INT)));
            slot.shape(new Shape.Vector(new Size.Length(slot)));
            slot.elem(Elem.INT);
            Symbol merge = new Symbol("#" + b.name() + "_merge", Kind.LOCAL);
            Loop i = typer.newLoop("i", new Size.Length(b));
            TExpr row = new TExpr.LoopIndex(i);
            merge.define(i, new TExpr.IfElse(new TExpr.Logic(Expr.BinaryOp.NE, new TExpr.Ref(isna, row, Elem.INT), new TExpr.Num(0, Elem.INT)),
                    new TExpr.Ref(impute, new TExpr.Ref(slot, row, Elem.INT), Elem.REAL), new TExpr.Ref(b, row, Elem.REAL), Elem.REAL));
            merge.shape(new Shape.Vector(new Size.Length(b)));
            merge.span(b.span());
            state.rowLocal.put(merge, true);
            for (Symbol x : List.of(isna, slot, merge)) state.symbols.put(x.name(), x);
            state.redirect.put(b.name(), merge);
            for (Map.Entry<String, String[]> m : state.merges.entrySet()) if (m.getValue()[0].equals(b.name())) state.redirect.put(m.getKey(), merge);
            state.imputations.put(b, new Symbol[] {impute, isna, slot, merge});
            int count = 0;
            for (Symbol c : columns) count = Math.max(count, state.schema.missing().getOrDefault(c.name(), 0));
            state.notes.add("Found " + count + " NA values in " + String.join(", ", columns.stream().map(Symbol::name).toList())
                    + " and attempting imputation: " + b.name() + "'s missing values are the parameters " + name);
        }
    }

    /** The data columns with NA that a data variable is (transitively) computed from. */
    private void missingSources(Symbol s, Set<Symbol> out, Set<Symbol> seen) {
        if (!seen.add(s)) return;
        if (s.kind() == Kind.DATA) {
            if (state.schema.missing().containsKey(s.name())) out.add(s);
            return;
        }
        Statement def = state.definitions.get(s.name());
        if (def == null) return;
        names(def.rhs(), n -> {
            Symbol x = state.symbols.get(n.name());
            if (x != null && x.isData()) missingSources(x, out, seen);
        }, n -> { });
    }
}
