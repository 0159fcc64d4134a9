package ulam.compiler.check;

import java.util.ArrayList;
import java.util.List;
import ulam.compiler.ast.Expr;
import ulam.compiler.ast.Statement;
import ulam.stdlib.FunctionSpec;
import ulam.stdlib.Registry;
import static ulam.compiler.check.Syntax.names;

/**
 * Types one {@code <-} line (language reference 2.2, 3.4, A.4): a whole-vector data function
 * ({@code standardize}, {@code 1:N}, {@code as_index}), an array expression (matrix algebra,
 * {@code c(...)}) computed into an array, or a value in its implicit loop over rows or elements,
 * with the inverse link applied when the left is {@code logit(p)}. Writes the symbol's
 * definition, shape and element type, and {@link CheckState#rowLocal}.
 */
final class Locals {

    private final CheckState state;
    private final Typer typer;
    private final ArrayTyper arrays;
    private final Shapes shapes;

    Locals(CheckState state, Typer typer, ArrayTyper arrays, Shapes shapes) {
        this.state = state;
        this.typer = typer;
        this.arrays = arrays;
        this.shapes = shapes;
    }

    void typeLocal(Symbol s) {
        Statement st = s.statement();
        boolean data = s.kind() == Kind.TRANSFORMED_DATA;
        boolean gq = s.kind() == Kind.GENERATED;
        Expr rhs = st.rhs();
        String link = st.target() instanceof Statement.Target.Link l ? l.link() : null;
        if (data && st.type() == null && link == null && wholeVectorDataFunction(s, rhs)) {
            return;
        }
        if (link == null && (ArrayTyper.needsArray(rhs) || arrays.multipliesMatrix(rhs))) {
            // matrix algebra, concatenation, library functions of arrays: computed into an array
            AExpr a = arrays.array(rhs, Typer.Ctx.scalar(data, gq));
            Shape shape = a.shape();
            if (st.type() != null) {
                Shape decl = shapes.declared(st.type(), s);
                shapes.sameShapeAs(decl, shape, st.type().span());
                shape = decl;
            }
            s.shape(shape);
            s.elem(Elem.REAL);
            s.defineArray(a);
            state.rowLocal.put(s, false);
            return;
        }
        if (recurrence(s.name(), st)) {
            typeRecurrence(s, st, data, gq);
            return;
        }
        Shape shape;
        Typer.Ctx ctx;
        Loop loop = null;
        boolean rows = false;
        if (st.type() != null) {
            shape = shapes.declared(st.type(), s);
            if (shape.isScalar()) {
                ctx = Typer.Ctx.scalar(data, gq);
            } else {
                loop = typer.newLoop("i", shape.count());
                rows = st.op() == Statement.Op.ASSIGN && shape instanceof Shape.Vector;
                ctx = rows ? Typer.Ctx.rows(loop, data, gq) : Typer.Ctx.elements(loop, shape, data, gq);
            }
        } else {
            Symbol rowSource = st.op() == Statement.Op.ASSIGN ? firstRowVector(rhs) : null;
            if (rowSource != null) {
                Size count = rowSource.isData() ? new Size.Length(rowSource) : rowSource.loop().count();
                loop = typer.newLoop("i", count);
                rows = true;
                shape = data ? new Shape.Vector(new Size.Length(s)) : new Shape.Vector(count);
                ctx = Typer.Ctx.rows(loop, data, gq);
            } else {
                shape = wholeShape(rhs);
                if (shape.isScalar()) {
                    ctx = Typer.Ctx.scalar(data, gq);
                } else {
                    loop = typer.newLoop("i", shape.count());
                    ctx = Typer.Ctx.elements(loop, shape, data, gq);
                }
            }
        }
        TExpr value = typer.expr(rhs, ctx);
        if (value.elem() == Elem.STRING) {   // derived text reached the IR as a number (IllegalArgumentException)
            throw state.error(rhs.span(), data ? "a derived value holding text is not supported yet" : "text can only be used in derived data",
                    data ? "compare the text where it is used, e.g. G <- ifelse(pred == \"no\", 1, 2)" : null);
        }
        if (link != null) {
            FunctionSpec inv = Registry.function(Definitions.INVERSE_LINKS.get(link)).orElseThrow();
            value = new TExpr.Call(inv, List.of(value.elem() == Elem.BOOL ? new TExpr.IfElse(value, new TExpr.Num(1, Elem.INT),
                    new TExpr.Num(0, Elem.INT), Elem.INT) : value));
        }
        if (data && shape instanceof Shape.Vector && rows) shape = new Shape.Vector(new Size.Length(s));
        s.shape(shape);
        s.elem(value.elem() == Elem.BOOL ? Elem.INT : value.elem());
        s.define(loop, value);
        s.link(link);
        state.rowLocal.put(s, rows);
    }

    /**
     * Whether a line defines a recurrence: a typed {@code vector[N]:v <<- ...} whose right side
     * reads {@code v} itself (language.md, "Statement forms").
     */
    static boolean recurrence(String name, Statement st) {
        if (st.op() != Statement.Op.ASSIGN_VECTOR || st.type() == null || st.rhs() == null) return false;
        boolean[] self = {false};
        Syntax.names(st.rhs(), n -> { if (n.name().equals(name)) self[0] = true; }, n -> { });
        return self[0];
    }

    /**
     * {@code vector[N]:v <<- f(v[idx], ...)}: element k (from the first) may read earlier
     * elements of v itself; it is materialized, computed in element order, and an element read
     * at or after the one being computed reads 0 (so {@code ifelse(k > 1, f(v[k - 1]), init)}
     * with a lag column that is 1 at the first element is the recurrence it says). The IR
     * marks its loop carried: its adjoint runs from the last element to the first.
     */
    private void typeRecurrence(Symbol s, Statement st, boolean data, boolean gq) {
        Shape shape = shapes.declared(st.type(), s);
        if (!(shape instanceof Shape.Vector) || data) {
            throw state.error(st.rhs().span(), "'" + s.name() + "' is defined in terms of itself",
                    "only a vector of the model (vector[N]:v <<- ...) may read its own earlier elements");
        }
        s.shape(shape);
        s.elem(Elem.REAL);
        Loop loop = typer.newLoop("i", shape.count());
        TExpr value = typer.expr(st.rhs(), Typer.Ctx.elements(loop, shape, false, gq));
        TExprs.walk(value, r -> {
            if (r instanceof TExpr.Ref ref && ref.symbol() == s && (ref.index() == null || ref.index() instanceof TExpr.LoopIndex)) {
                throw state.error(st.rhs().span(), "'" + s.name() + "' reads its own element at the same position",
                        "read earlier elements through an index column (v[lag] with lag[k] < k)");
            }
        });
        s.defineArray(new AExpr.Elementwise(loop, shape, value));
        state.rowLocal.put(s, false);
    }

    /** {@code x <- standardize(y)}, {@code t <- 1:N}, {@code k <- as_index(g)}: computed as a whole. */
    private boolean wholeVectorDataFunction(Symbol s, Expr rhs) {
        if (rhs instanceof Expr.Binary b && b.op() == Expr.BinaryOp.RANGE) {
            TExpr from = typer.toInt(typer.expr(b.left(), Typer.Ctx.scalar(true, false)), b.left().span(), "the start of a:b");
            TExpr to = typer.toInt(typer.expr(b.right(), Typer.Ctx.scalar(true, false)), b.right().span(), "the end of a:b");
            FunctionSpec seq = Registry.function("seq").orElseThrow();
            s.defineByFunction(seq.method(), List.of(from, to));
            s.shape(new Shape.Vector(new Size.Length(s)));
            s.elem(Elem.INT);
            return true;
        }
        if (rhs instanceof Expr.Call c) {
            FunctionSpec f = Registry.function(c.function()).orElse(null);
            if (f == null || f.kind() != FunctionSpec.Kind.DATA) return false;
            if (List.of("mean", "sd", "length").contains(f.name())) return false;
            if (c.args().size() != f.arity()) {
                throw state.error(c.span(), "'" + c.function() + "' takes " + f.arity() + " argument" + (f.arity() == 1 ? "" : "s"), null);
            }
            List<TExpr> args = new ArrayList<>();
            if (f.name().equals("as_index") && c.args().get(0) instanceof Expr.Name n
                    && state.symbols.get(n.name()) != null && state.symbols.get(n.name()).kind() == Kind.DATA) {
                // a data column is coded when read: text in R's factor order, numbers by rank
                args.add(new TExpr.Str(n.name()));
                s.defineByFunction(Checker.COLUMN_INDEX, args);
                s.shape(new Shape.Vector(new Size.Length(s)));
                s.elem(Elem.INT);
                return true;
            }
            for (Expr a : c.args()) args.add(typer.wholeData(a, Typer.Ctx.scalar(true, false), f));
            s.defineByFunction(f.method(), args);
            s.shape(new Shape.Vector(new Size.Length(s)));
            s.elem(f.name().equals("as_index") || f.name().equals("seq") ? Elem.INT : Elem.REAL);
            return true;
        }
        return false;
    }

    /** The first data vector or row-wise local in an expression, read left to right (3.4). */
    private Symbol firstRowVector(Expr e) {
        Symbol[] found = {null};
        names(e, n -> {
            if (found[0] != null) return;
            Symbol s = state.symbols.get(n.name());
            if (s == null) return;
            if (s.isData() && s.shape() instanceof Shape.Vector) found[0] = s;
            else if (Boolean.TRUE.equals(state.rowLocal.get(s)) && s.kind() != Kind.TRANSFORMED_DATA) found[0] = s;
        }, n -> { });
        return found[0];
    }

    /** The shape of a whole-vector expression: the first non-scalar name not under an index. */
    private Shape wholeShape(Expr e) {
        if (e instanceof Expr.Name n) {
            Symbol s = state.symbols.get(n.name());
            return s == null ? Shape.SCALAR : s.shape();
        }
        if (e instanceof Expr.Index) return Shape.SCALAR;
        List<Expr> kids = new ArrayList<>();
        if (e instanceof Expr.Call c) {
            FunctionSpec f = Registry.function(c.function()).orElse(null);
            if (f != null && f.kind() != FunctionSpec.Kind.SCALAR) return Shape.SCALAR;
            kids.addAll(c.args());
        } else if (e instanceof Expr.Binary b) {
            kids.add(b.left());
            kids.add(b.right());
        } else if (e instanceof Expr.Unary u) {
            kids.add(u.operand());
        }
        for (Expr k : kids) {
            Shape s = wholeShape(k);
            if (!s.isScalar()) return s;
        }
        return Shape.SCALAR;
    }
}
