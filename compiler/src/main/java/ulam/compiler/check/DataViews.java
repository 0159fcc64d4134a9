package ulam.compiler.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How each data value is read (as integers, reals or text), from every use in the typed model:
 * indices and sizes are read as integers, values as reals, whole arrays given to library code as
 * reals; whole numbers used as reals are read as integers and converted on use. Writes the views
 * and element types of the data symbols; runs last.
 */
final class DataViews {

    private final CheckState state;

    DataViews(CheckState state) {
        this.state = state;
    }

    /** How each data value is read: as integers, reals or text, from every use. */
    void assignViews(List<Term> terms) {
        List<TExpr> all = new ArrayList<>();
        for (Term t : terms) {
            all.add(t.value());
            if (t.condition() != null) all.add(t.condition());
        }
        List<Size> arraySizes = new ArrayList<>();
        Set<Symbol> wholeData = new HashSet<>();   // data read as whole arrays by library code: real arrays
        for (Symbol s : state.symbols.values()) {
            if (s.array() != null) ArrayTyper.wholes(s.array(), wholeData);
            if (s.array() != null) ArrayTyper.parts(s.array(), all, arraySizes);
            if (s.value() != null) all.add(s.value());
            if (s.dataFunctionArgs() != null) all.addAll(s.dataFunctionArgs());
            if (s.constraint().lower() != null) all.add(s.constraint().lower());
            if (s.constraint().upper() != null) all.add(s.constraint().upper());
        }
        for (TExpr e : all) {
            TExprs.walk(e, x -> {
                if (x instanceof TExpr.Ref r && r.symbol().isData()) need(r.symbol(), r.elem());
                if (x instanceof TExpr.SizeOf sz) sizeViews(sz.size());
                if (x instanceof TExpr.Reduce rd) sizeViews(rd.loop().count());
                if (x instanceof TExpr.Slice sl && sl.symbol().isData()) {
                    if (sl.elem() == Elem.INT) need(sl.symbol(), Elem.INT);
                    else wholeData.add(sl.symbol());
                }
            });
        }
        for (Symbol s : wholeData) if (s.kind() == Kind.DATA) s.view(Elem.REAL);
        for (Size z : arraySizes) sizeViews(z);
        for (Symbol s : state.symbols.values()) {
            sizeViews(s.shape().count());
            if (s.loop() != null) sizeViews(s.loop().count());
        }
        for (Term t : terms) if (t.loop() != null) sizeViews(t.loop().count());
        for (Check c : state.checks) {
            if (c instanceof Check.IndexRange r) need(r.index(), Elem.INT);
            if (c instanceof Check.TextLevel t) need(t.column(), Elem.STRING);
        }
        for (Symbol s : state.byKind(Kind.DATA)) {
            if (state.schema != null && state.schema.integers().contains(s.name()) && !wholeData.contains(s) && s.views().remove(Elem.REAL)) {
                s.view(Elem.INT);   // whole numbers used as reals: read as integers, converted on use
            }
            s.elem(s.views().contains(Elem.INT) ? Elem.INT : s.views().contains(Elem.REAL) ? Elem.REAL : Elem.STRING);
        }
    }

    private void need(Symbol s, Elem elem) {
        if (s.kind() == Kind.DATA) {
            s.view(elem == Elem.BOOL ? Elem.INT : elem);
        } else if (s.kind() == Kind.TRANSFORMED_DATA) {
            if (elem == Elem.INT && s.elem() == Elem.REAL) s.view(Elem.INT);   // computed as reals, read as integers
        }
    }

    /** Data read as integers because a size is computed from them (a length or a matrix's dimensions need no view). */
    private void sizeViews(Size size) {
        size.accept(new Size.Visitor<Void>() {
            @Override public Void constant(Size.Const s) { return null; }
            @Override public Void dataScalar(Size.DataScalar s) { need(s.symbol(), Elem.INT); return null; }
            @Override public Void levels(Size.Levels s) { need(s.symbol(), Elem.INT); return null; }
            @Override public Void length(Size.Length s) { return null; }
            @Override public Void dim(Size.Dim s) { return null; }
            @Override public Void missing(Size.Missing s) { return null; }

            @Override
            public Void product(Size.Product s) {
                sizeViews(s.left());
                sizeViews(s.right());
                return null;
            }

            @Override
            public Void sum(Size.Sum s) {
                sizeViews(s.left());
                sizeViews(s.right());
                return null;
            }
        });
    }
}
