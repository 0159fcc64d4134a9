package ulam.compiler.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ulam.compiler.ast.Expr;
import ulam.compiler.ast.Span;
import ulam.runtime.UlamException;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.FunctionSpec;
import ulam.stdlib.Registry;
import ulam.stdlib.Signatures;
import ulam.stdlib.ValueType;

/**
 * Types expressions whose value is a whole vector or matrix ({@link AExpr}): matrix algebra,
 * concatenation, transposition, the library's BLOCK functions and the macros that expand to them
 * ({@code compose_noncentered}, {@code Chol_to_Corr}; language reference 2.14). Parts that are
 * not element by element and not a whole symbol are materialized as anonymous locals
 * ({@link #materialize}), so every element read is an array read.
 *
 * <p>Products follow Stan, whose programs ulam writes: {@code *} and {@code %*%} between a matrix
 * and a matrix or vector is the matrix product; between two vectors {@code *} multiplies element
 * by element, as in R.
 */
final class ArrayTyper {

    /** Names that make an expression a whole-array one when called. */
    static final Set<String> CONSTRUCTS = Set.of("c", "append_row", "append_col", "rep_vector", "rep", "to_vector", "t",
            "compose_noncentered", "Chol_to_Corr", "as.vector", "rep_matrix", "sapply", "cumulative_sum");

    private final Typer typer;
    private final Map<String, Symbol> symbols;
    private final List<Symbol> made;
    private int anonymous;
    private Kind context = Kind.LOCAL;

    /** The kind of the anonymous locals made now. */
    Kind context() {
        return context;
    }

    /** The kind given to the anonymous locals made from now on: that of the symbol being typed. */
    void context(Kind kind) {
        this.context = kind;
    }

    /**
     * An array typer of the model being checked: reads its symbols; materialized anonymous symbols
     * go to {@link CheckState#made}, in the order they must be computed.
     */
    ArrayTyper(Typer typer, CheckState state) {
        this.typer = typer;
        this.symbols = state.symbols;
        this.made = state.made;
    }

    /** Whether {@code e}'s value can only be typed as a whole array (it uses matrix algebra or a construct above). */
    static boolean needsArray(Expr e) {
        if (e instanceof Expr.Binary b) {
            return b.op() == Expr.BinaryOp.MATMUL || needsArray(b.left()) || needsArray(b.right());
        }
        if (e instanceof Expr.Unary u) return needsArray(u.operand());
        if (e instanceof Expr.Call c) {
            if (CONSTRUCTS.contains(c.function())) return true;
            if (c.function().endsWith("_rng")) {
                DistributionSpec d = Registry.distribution(c.function().substring(0, c.function().length() - 4)).orElse(null);
                if (d != null && !d.scalarOutcome()) return true;
            }
            FunctionSpec f = Registry.function(c.function()).orElse(null);
            if (f != null && f.kind() == FunctionSpec.Kind.BLOCK && !f.resultShape().isEmpty()) return true;
            for (Expr a : c.args()) if (needsArray(a)) return true;
        }
        return false;
    }

    /**
     * Whether {@code e} multiplies a matrix with {@code *} ({@code L_SIGMA * z}, book m14.8nc): in
     * Stan, whose programs ulam writes, that is the matrix product, so the line is typed as a whole
     * array. Reads the shapes of the symbols typed so far.
     */
    boolean multipliesMatrix(Expr e) {
        if (e instanceof Expr.Binary b) {
            // a matrix times a single value (z_b * sigma_B) stays element by element
            if (b.op() == Expr.BinaryOp.MUL && (isMatrix(b.left()) && !isSingle(b.right()) || isMatrix(b.right()) && !isSingle(b.left()))) {
                return true;
            }
            return multipliesMatrix(b.left()) || multipliesMatrix(b.right());
        }
        if (e instanceof Expr.Unary u) return multipliesMatrix(u.operand());
        if (e instanceof Expr.Call c) {
            for (Expr a : c.args()) if (multipliesMatrix(a)) return true;
        }
        return false;
    }

    private boolean isSingle(Expr e) {
        return e instanceof Expr.Num || e instanceof Expr.Name n && typer.resolve(n.name()) != null && typer.resolve(n.name()).shape().isScalar();
    }

    private boolean isMatrix(Expr e) {
        return e instanceof Expr.Name n && typer.resolve(n.name()) != null && typer.resolve(n.name()).shape() instanceof Shape.Matrix;
    }

    private UlamException error(Span span, String message, String help) {
        return typer.error(span, message, help);
    }

    // ------------------------------------------------------------------ typing

    /** The whole-array value of {@code e}, or null if it is a single value. */
    ArrayArg operand(Expr e, Typer.Ctx ctx) {
        if (e instanceof Expr.Name n && typer.resolve(n.name()) != null && !typer.resolve(n.name()).shape().isScalar()) {
            return whole(typer.resolve(n.name()), n, ctx);
        }
        if (needsArray(e) || isArrayArithmetic(e)) return array(e, ctx);
        return typer.expr(e, ctx);
    }

    /** A whole vector or matrix named in an expression, if it may be read there (no gq> value in the model). */
    private AExpr whole(Symbol s, Expr.Name n, Typer.Ctx ctx) {
        typer.checkUse(s, n.span(), ctx);
        return new AExpr.Whole(s);
    }

    /** Arithmetic in which some operand is a whole vector or matrix. */
    private boolean isArrayArithmetic(Expr e) {
        if (e instanceof Expr.Name n) {
            Symbol s = symbols.get(n.name());
            return s != null && !s.shape().isScalar();
        }
        if (e instanceof Expr.Binary b && b.op() != Expr.BinaryOp.RANGE && !b.op().isComparison()) {
            return isArrayArithmetic(b.left()) || isArrayArithmetic(b.right());
        }
        if (e instanceof Expr.Unary u) return isArrayArithmetic(u.operand());
        if (e instanceof Expr.Call c) {
            FunctionSpec f = Registry.function(c.function()).orElse(null);
            if (f != null && f.kind() == FunctionSpec.Kind.SCALAR) {
                for (Expr a : c.args()) if (isArrayArithmetic(a)) return true;
            }
        }
        return false;
    }

    /** A whole-array value. */
    AExpr array(Expr e, Typer.Ctx ctx) {
        ArrayArg o = e instanceof Expr.Name || e instanceof Expr.Binary || e instanceof Expr.Call || e instanceof Expr.Unary
                ? typeArray(e, ctx) : typer.expr(e, ctx);
        if (o instanceof AExpr a) return a;
        throw error(e.span(), "a vector or matrix is needed here, not a single value", null);
    }

    private ArrayArg typeArray(Expr e, Typer.Ctx ctx) {
        if (e instanceof Expr.Name n) {
            Symbol s = typer.resolve(n.name());
            if (s != null && !s.shape().isScalar()) return whole(s, n, ctx);
            return typer.expr(e, ctx);
        }
        if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG) {
            ArrayArg x = typeArray(u.operand(), ctx);
            if (x instanceof AExpr a) return map(a, v -> new TExpr.Neg(v, Elem.REAL));
            return new TExpr.Neg((TExpr) x, ((TExpr) x).elem() == Elem.INT ? Elem.INT : Elem.REAL);
        }
        if (e instanceof Expr.Binary b) return binary(b, ctx);
        if (e instanceof Expr.Call c) return call(c, ctx);
        return typer.expr(e, ctx);
    }

    private ArrayArg binary(Expr.Binary b, Typer.Ctx ctx) {
        ArrayArg l = typeArray(b.left(), ctx);
        ArrayArg r = typeArray(b.right(), ctx);
        if (!(l instanceof AExpr) && !(r instanceof AExpr)) return typer.expr(b, ctx);
        boolean product = b.op() == Expr.BinaryOp.MATMUL
                || (b.op() == Expr.BinaryOp.MUL && l instanceof AExpr la && r instanceof AExpr ra
                    && (la.shape() instanceof Shape.Matrix || ra.shape() instanceof Shape.Matrix));
        if (product) return matrixProduct(b, l, r);
        if (b.op() == Expr.BinaryOp.MATMUL || b.op().isComparison() || b.op() == Expr.BinaryOp.RANGE) {
            throw error(b.span(), "'" + b.op().symbol + "' does not apply to whole vectors or matrices here", null);
        }
        Shape shape = l instanceof AExpr la ? la.shape() : ((AExpr) r).shape();
        if (l instanceof AExpr la && r instanceof AExpr ra) {
            sameShape(la.shape(), ra.shape(), b.span());
        }
        Loop j = typer.newLoop("k", shape.count());
        TExpr x = l instanceof AExpr la ? element(la, new TExpr.LoopIndex(j)) : (TExpr) l;
        TExpr y = r instanceof AExpr ra ? element(ra, new TExpr.LoopIndex(j)) : (TExpr) r;
        TExpr.Op op = switch (b.op()) {
            case ADD -> TExpr.Op.ADD;
            case SUB -> TExpr.Op.SUB;
            case MUL -> TExpr.Op.MUL;
            case DIV -> TExpr.Op.DIV;
            default -> TExpr.Op.POW;
        };
        TExpr body = op == TExpr.Op.POW
                ? new TExpr.Call(Registry.function("pow").orElseThrow(), List.of(x, y))
                : new TExpr.Arith(op, x, y, Elem.REAL);
        return new AExpr.Elementwise(j, shape, body);
    }

    private AExpr matrixProduct(Expr.Binary b, ArrayArg l, ArrayArg r) {
        if (!(l instanceof AExpr a) || !(r instanceof AExpr c)) {
            throw error(b.span(), "%*% multiplies two matrices, or a matrix and a vector", null);
        }
        if (a.shape() instanceof Shape.Matrix && c.shape() instanceof Shape.Matrix) {
            return block("multiply", List.of(a, c), b.span());
        }
        if (a.shape() instanceof Shape.Matrix && c.shape() instanceof Shape.Vector) {
            return block("multiply_mv", List.of(a, c), b.span());
        }
        throw error(b.span(), "cannot multiply a " + a.shape() + " by a " + c.shape(),
                "a matrix product needs a matrix on the left");
    }

    private ArrayArg call(Expr.Call c, Typer.Ctx ctx) {
        String fn = c.function();
        switch (fn) {
            case "c", "append_row" -> {
                return concat(c, ctx, false);
            }
            case "append_col" -> {
                return concat(c, ctx, true);
            }
            case "t" -> {
                arity(c, 1);
                AExpr m = array(c.args().get(0), ctx);
                if (!(m.shape() instanceof Shape.Matrix mm)) throw error(c.span(), "t() transposes a matrix", null);
                return new AExpr.Transpose(simple(m), new Shape.Matrix(mm.cols(), mm.rows()));
            }
            case "cumulative_sum" -> {
                // Stan's cumulative_sum(v): element k is v[1] + ... + v[k]; read from the padded sums
                arity(c, 1);
                AExpr v = array(c.args().get(0), ctx);
                if (!(v.shape() instanceof Shape.Vector vv)) throw error(c.span(), "cumulative_sum() takes a vector", null);
                Symbol cs = materialize(new AExpr.CumulativeSum(simple(v), new Shape.Vector(sum(new Size.Const(1), vv.length()))), context);
                Loop j = typer.newLoop("k", vv.length());
                TExpr next = new TExpr.Arith(TExpr.Op.ADD, new TExpr.LoopIndex(j), new TExpr.Num(1, Elem.INT), Elem.INT);
                return new AExpr.Elementwise(j, vv, new TExpr.Ref(cs, next, Elem.REAL));
            }
            case "to_vector", "as.vector" -> {
                arity(c, 1);
                AExpr m = array(c.args().get(0), ctx);
                Loop j = typer.newLoop("k", m.shape().count());
                return new AExpr.Elementwise(j, new Shape.Vector(m.shape().count()), element(m, new TExpr.LoopIndex(j)));
            }
            case "rep_vector", "rep" -> {   // R's rep(x, times) of a single value
                arity(c, 2);
                String named = c.argNames() == null ? null : c.argNames().get(1);
                if (named != null && !named.equals("times")) {
                    throw error(c.span(), "'" + fn + "' here takes a value and a number of times, not '" + named + "='",
                            "write rep(x, K) or rep_vector(x, K) for a vector of K copies of x");
                }
                TExpr x = typer.expr(c.args().get(0), ctx);
                Size n = size(c.args().get(1));
                Loop j = typer.newLoop("k", n);
                return new AExpr.Elementwise(j, new Shape.Vector(n), x);
            }
            case "compose_noncentered" -> {
                // t(diag_pre_multiply(sigma, L_Rho) %*% z)
                arity(c, 3);
                AExpr scaled = block("diag_pre_multiply", List.of(operand(c.args().get(0), ctx), operand(c.args().get(1), ctx)), c.span());
                AExpr product = block("multiply", List.of(scaled, array(c.args().get(2), ctx)), c.span());
                Shape.Matrix pm = (Shape.Matrix) product.shape();
                return new AExpr.Transpose(simple(product), new Shape.Matrix(pm.cols(), pm.rows()));
            }
            case "dirichlet_rng", "multi_normal_rng", "multi_normal_cholesky_rng", "lkj_corr_rng", "lkj_corr_cholesky_rng" -> {
                if (!ctx.generated()) {
                    throw error(c.functionSpan(), "random draws (" + fn + ") can only be made in gq> lines", null);
                }
                DistributionSpec d = Registry.distribution(fn.substring(0, fn.length() - 4)).orElseThrow();
                return typer.vectors().draw(d, c, ctx);
            }
            case "sapply" -> {
                return sapply(c, ctx);
            }
            case "Chol_to_Corr" -> {
                arity(c, 1);
                return block("multiply_lower_tri_self_transpose", List.of(array(c.args().get(0), ctx)), c.span());
            }
            default -> { }
        }
        FunctionSpec f = Registry.function(fn).orElse(null);
        if (f != null && f.kind() == FunctionSpec.Kind.BLOCK) {
            List<ArrayArg> args = new ArrayList<>();
            for (Expr a : c.args()) args.add(operand(a, ctx));
            if (args.size() != f.arity()) {
                throw error(c.span(), "'" + fn + "' takes " + f.arity() + " arguments, not " + args.size(), null);
            }
            AExpr out = block(fn, args, c.span());
            return out;
        }
        if (f != null && f.kind() == FunctionSpec.Kind.SCALAR) {
            List<ArrayArg> args = new ArrayList<>();
            AExpr shaped = null;
            for (Expr a : c.args()) {
                ArrayArg o = typeArray(a, ctx);
                args.add(o);
                if (o instanceof AExpr ae && shaped == null) shaped = ae;
            }
            if (shaped == null) return typer.expr(c, ctx);
            Loop j = typer.newLoop("k", shaped.shape().count());
            List<TExpr> elems = new ArrayList<>();
            for (ArrayArg o : args) {
                if (o instanceof AExpr ae) sameShape(shaped.shape(), ae.shape(), c.span());
                elems.add(o instanceof AExpr ae ? element(ae, new TExpr.LoopIndex(j)) : (TExpr) o);
            }
            return new AExpr.Elementwise(j, shaped.shape(), new TExpr.Call(f, elems));
        }
        return typer.expr(c, ctx);
    }

    /**
     * R's {@code sapply(1:N, function(i) sum(X[i,] * v))} (book m4.7alt): element i is the dot
     * product of row i of the matrix X with the vector v, so the whole is the matrix-vector product
     * {@code X %*% v} of N = rows(X) elements (checked when the data are bound). Other functions
     * given to sapply get a located error.
     */
    private AExpr sapply(Expr.Call c, Typer.Ctx ctx) {
        arity(c, 2);
        Expr over = c.args().get(0);
        Size n = null;
        if (over instanceof Expr.Binary r && r.op() == Expr.BinaryOp.RANGE && r.left() instanceof Expr.Num one && one.value() == 1) {
            n = size(r.right());
        } else if (over instanceof Expr.Call sl && sl.function().equals("seq_len") && sl.args().size() == 1) {
            n = size(sl.args().get(0));
        }
        if (n == null) throw error(over.span(), "sapply here runs over 1:N", "write sapply(1:N, function(i) ...)");
        if (!(c.args().get(1) instanceof Expr.Lambda f) || f.params().size() != 1) {
            throw error(c.args().get(1).span(), "the second argument of sapply is a function of one index, function(i) ...", null);
        }
        String i = f.params().get(0).name();
        if (f.body() instanceof Expr.Call sum && sum.function().equals("sum") && sum.args().size() == 1
                && sum.args().get(0) instanceof Expr.Binary b && b.op() == Expr.BinaryOp.MUL) {
            Expr row = isRow(b.left(), i) ? b.left() : isRow(b.right(), i) ? b.right() : null;
            Expr other = row == b.left() ? b.right() : b.left();
            if (row != null) {
                Expr.Name x = (Expr.Name) ((Expr.Index) row).target();
                AExpr product = matrixProduct(new Expr.Binary(Expr.BinaryOp.MATMUL, x, other, f.body().span()),
                        typeArray(x, ctx), typeArray(other, ctx));
                typer.sameSize(((Shape.Vector) product.shape()).length(), n, "the rows of " + x.name() + " and the length of "
                        + "sapply's 1:N", over.span());
                return product;
            }
        }
        throw error(f.body().span(), "a function given to sapply " + Unsupported.LATER + ", except sum(X[i,] * v): row i of a"
                + " matrix times a vector", "write the line without sapply: it runs over every row by itself, with i the row"
                + " (e.g. mu <- a + X %*% v)");
    }

    /** Whether {@code e} is {@code X[i, ]}: row {@code i} of a matrix symbol. */
    private boolean isRow(Expr e, String i) {
        return e instanceof Expr.Index ix && isMatrix(ix.target()) && ix.indices().size() == 2
                && ix.indices().get(0) instanceof Expr.Name n && n.name().equals(i)
                && (ix.indices().get(1) instanceof Expr.Empty || ix.indices().get(1) instanceof Expr.All);
    }

    private void arity(Expr.Call c, int n) {
        if (c.args().size() != n) {
            throw error(c.span(), "'" + c.function() + "' takes " + n + (n == 1 ? " argument" : " arguments") + ", not " + c.args().size(), null);
        }
    }

    private Size size(Expr e) {
        if (e instanceof Expr.Num n && n.integer() && n.value() >= 0) return new Size.Const((int) n.value());
        if (e instanceof Expr.Name n && symbols.get(n.name()) != null && symbols.get(n.name()).isData()) {
            Symbol s = symbols.get(n.name());
            return s.shape().isScalar() ? new Size.DataScalar(s) : new Size.Levels(s);
        }
        throw error(e.span(), "a size must be a whole number or a data value", null);
    }

    /** {@code c(a, b, ...)}, {@code append_row(a, b)}: a vector; {@code append_col(a, b)}: a matrix. */
    private AExpr concat(Expr.Call c, Typer.Ctx ctx, boolean columns) {
        if (c.args().isEmpty()) throw error(c.span(), c.function() + "() needs something to join", null);
        List<ArrayArg> parts = new ArrayList<>();
        Size total = null;
        Size rows = null;
        for (Expr a : c.args()) {
            ArrayArg o = operand(a, ctx);
            if (o instanceof AExpr ae) o = simple(ae);
            parts.add(o);
            if (columns) {
                if (!(o instanceof AExpr ae) || ae.shape() instanceof Shape.Scalar) {
                    throw error(a.span(), "append_col joins vectors or matrices side by side", null);
                }
                Size r = ae.shape() instanceof Shape.Matrix m ? m.rows() : ((Shape.Vector) ae.shape()).length();
                Size cols = ae.shape() instanceof Shape.Matrix m ? m.cols() : new Size.Const(1);
                if (rows == null) rows = r;
                else typer.sameSize(rows, r, "the rows of the parts of append_col", a.span());
                total = total == null ? cols : sum(total, cols);
            } else {
                Size n = o instanceof AExpr ae ? vectorLength(ae, a.span()) : new Size.Const(1);
                total = total == null ? n : sum(total, n);
            }
        }
        Shape shape = columns ? new Shape.Matrix(rows, total) : new Shape.Vector(total);
        return new AExpr.Concat(parts, shape, columns);
    }

    private Size vectorLength(AExpr a, Span at) {
        if (a.shape() instanceof Shape.Vector v) return v.length();
        throw error(at, "append_row and c() join single values and vectors, not a " + a.shape(), null);
    }

    private static Size sum(Size a, Size b) {
        int x = a.constant();
        int y = b.constant();
        if (x >= 0 && y >= 0) return new Size.Const(x + y);
        return new Size.Sum(a, b);
    }

    /**
     * A BLOCK function call: the function's shape signature ({@code vector[K]}, {@code matrix[K,N]})
     * bound to the operands' sizes (equal names checked when data are bound).
     */
    AExpr block(String name, List<ArrayArg> given, Span at) {
        List<ArrayArg> args = new ArrayList<>(given);
        FunctionSpec f = Registry.function(name).filter(x -> x.kind() == FunctionSpec.Kind.BLOCK).orElseThrow(() ->
                error(at, "'" + name + "' " + Unsupported.LATER, "this build's library does not have it"));
        Map<String, Size> bound = new HashMap<>();
        for (int k = 0; k < f.arity(); k++) {
            String want = f.argShapes().get(k);
            ArrayArg o = args.get(k);
            if (want.isEmpty()) {
                if (o instanceof AExpr) throw error(at, "argument " + (k + 1) + " of " + name + " is a single value", null);
                continue;
            }
            if (!(o instanceof AExpr a)) throw error(at, "argument " + (k + 1) + " of " + name + " is a " + want, null);
            List<String> names = Signatures.sizeNames(want);
            List<Size> sizes = sizesOf(a.shape(), Signatures.shapeKind(want), name, k, at);
            for (int i = 0; i < names.size(); i++) {
                Size prev = bound.putIfAbsent(names.get(i), sizes.get(i));
                if (prev != null) typer.sameSize(prev, sizes.get(i), "the sizes of the arguments of " + name, at);
            }
            if (!(a instanceof AExpr.Whole w && stored(w.symbol()))) {
                args.set(k, new AExpr.Whole(materialize(copyOf(a), context)));   // a library function reads arrays
            }
        }
        List<Size> dims = new ArrayList<>();
        List<String> all = new ArrayList<>(f.argShapes());
        all.add(f.resultShape());
        for (String d : Signatures.dims(all)) {
            Size s = bound.get(d);
            if (s == null) throw error(at, name + ": the size " + d + " of its result is not set by its arguments", null);
            dims.add(s);
        }
        Shape shape;
        List<String> rn = Signatures.sizeNames(f.resultShape());
        String kind = Signatures.shapeKind(f.resultShape());
        if (kind.isEmpty()) shape = new Shape.Vector(new Size.Const(1));
        else if (kind.equals("matrix")) shape = new Shape.Matrix(bound.get(rn.get(0)), bound.get(rn.get(1)));
        else shape = new Shape.Vector(bound.get(rn.get(0)));
        return new AExpr.Block(f, args, dims, shape);
    }

    /** Whether a symbol's whole value lies in an array: parameters, data, materialized locals. */
    static boolean stored(Symbol s) {
        return s.kind() == Kind.PARAMETER || s.isData() && s.dataFunction() == null && s.loop() == null || s.materialized()
                || s.isData();
    }

    /** {@code a} as something that can be materialized: whole inline locals become element-by-element copies. */
    AExpr copyOf(AExpr a) {
        if (a instanceof AExpr.Whole w) {
            Loop j = typer.newLoop("k", a.shape().count());
            return new AExpr.Elementwise(j, a.shape(), new TExpr.Ref(w.symbol(), new TExpr.LoopIndex(j), Elem.REAL));
        }
        return a;
    }

    private List<Size> sizesOf(Shape s, String kind, String fn, int k, Span at) {
        if (kind.equals("matrix") && s instanceof Shape.Matrix m) return List.of(m.rows(), m.cols());
        if (!kind.equals("matrix") && s instanceof Shape.Vector v) return List.of(v.length());
        throw error(at, "argument " + (k + 1) + " of " + fn + " must be a " + kind + ", not a " + s, null);
    }

    private void sameShape(Shape a, Shape b, Span at) {
        if (a instanceof Shape.Vector va && b instanceof Shape.Vector vb) {
            typer.sameSize(va.length(), vb.length(), "the lengths of two vectors combined element by element", at);
        } else if (a instanceof Shape.Matrix ma && b instanceof Shape.Matrix mb) {
            typer.sameSize(ma.rows(), mb.rows(), "the rows of two matrices combined element by element", at);
            typer.sameSize(ma.cols(), mb.cols(), "the columns of two matrices combined element by element", at);
        } else {
            throw error(at, "cannot combine a " + a + " and a " + b + " element by element", null);
        }
    }

    /** Every symbol read whole inside an array expression (into {@code out}). */
    static void wholes(AExpr a, java.util.Set<Symbol> out) {
        a.accept(new AExpr.Visitor<Void>() {
            @Override public Void whole(AExpr.Whole w) { out.add(w.symbol()); return null; }
            @Override public Void elementwise(AExpr.Elementwise e) { return null; }
            @Override public Void concat(AExpr.Concat c) { return each(c.parts()); }
            @Override public Void transpose(AExpr.Transpose t) { return t.of().accept(this); }
            @Override public Void cumulativeSum(AExpr.CumulativeSum c) { return c.of().accept(this); }
            @Override public Void draw(AExpr.Draw d) {
                for (TExpr t : d.operands()) if (t instanceof TExpr.Slice s) out.add(s.symbol());
                return null;
            }
            @Override public Void block(AExpr.Block b) { return each(b.args()); }

            private Void each(List<ArrayArg> parts) {
                for (ArrayArg o : parts) o.fold(t -> null, p -> p.accept(this));
                return null;
            }
        });
    }

    /** Every scalar expression inside an array expression, and the sizes it uses (for the data's views). */
    static void parts(AExpr a, List<TExpr> out, List<Size> sizes) {
        sizes.add(a.shape().count());
        a.accept(new AExpr.Visitor<Void>() {
            @Override public Void whole(AExpr.Whole w) {
                out.add(new TExpr.Ref(w.symbol(), new TExpr.Num(0, Elem.INT), Elem.REAL));   // its elements are read as reals
                return null;
            }
            @Override public Void elementwise(AExpr.Elementwise e) { out.add(e.body()); return null; }
            @Override public Void concat(AExpr.Concat c) { return each(c.parts()); }
            @Override public Void transpose(AExpr.Transpose t) { parts(t.of(), out, sizes); return null; }
            @Override public Void cumulativeSum(AExpr.CumulativeSum c) { parts(c.of(), out, sizes); return null; }
            @Override public Void draw(AExpr.Draw d) {
                sizes.addAll(d.dims());
                out.addAll(d.operands());
                return null;
            }
            @Override public Void block(AExpr.Block b) {
                sizes.addAll(b.dims());
                return each(b.args());
            }

            private Void each(List<ArrayArg> args) {
                for (ArrayArg o : args) o.fold(out::add, p -> { parts(p, out, sizes); return null; });
                return null;
            }
        });
    }

    // ------------------------------------------------------------------ elements

    /** The element of {@code a} at the flat (column-major) position {@code index}. */
    TExpr element(AExpr a, TExpr index) {
        if (a instanceof AExpr.Whole w) return new TExpr.Ref(w.symbol(), index, Elem.REAL);
        if (a instanceof AExpr.Elementwise e) return TExprs.substitute(e.body(), e.loop(), index);
        Symbol s = materialize(a, context);
        return new TExpr.Ref(s, index, Elem.REAL);
    }

    private AExpr map(AExpr a, java.util.function.UnaryOperator<TExpr> f) {
        Loop j = typer.newLoop("k", a.shape().count());
        return new AExpr.Elementwise(j, a.shape(), f.apply(element(a, new TExpr.LoopIndex(j))));
    }

    /** {@code a} itself if its elements can be read directly (a whole symbol, element by element); else materialized. */
    AExpr simple(AExpr a) {
        if (a instanceof AExpr.Whole || a instanceof AExpr.Elementwise) return a;
        return new AExpr.Whole(materialize(a, context));
    }

    /** An anonymous local computed into an array: the value of a part of an expression. */
    Symbol materialize(AExpr a, Kind kind) {
        Symbol s = new Symbol("#" + (++anonymous), kind);
        s.shape(a.shape());
        s.elem(Elem.REAL);
        s.defineArray(a);
        symbols.put(s.name(), s);
        made.add(s);
        return s;
    }

    /** {@code sum(v[from:to])} for a vector symbol: {@code cs[to] - cs[from - 1]} of v's padded cumulative sums. */
    TExpr sliceSum(Symbol v, TExpr from, TExpr to) {
        Symbol cs = cumulative(v);
        TExpr upper = new TExpr.Ref(cs, to, Elem.REAL);
        if (from instanceof TExpr.Num n && n.value() == 1) return upper;
        TExpr below = new TExpr.Arith(TExpr.Op.SUB, from, new TExpr.Num(1, Elem.INT), Elem.INT);
        return new TExpr.Arith(TExpr.Op.SUB, upper, new TExpr.Ref(cs, below, Elem.REAL), Elem.REAL);
    }

    private final Map<Symbol, Symbol> cumulative = new HashMap<>();

    private Symbol cumulative(Symbol v) {
        return cumulative.computeIfAbsent(v, k -> {
            Size n = ((Shape.Vector) v.shape()).length();
            Size padded = sum(new Size.Const(1), n);
            AExpr of = stored(v) ? new AExpr.Whole(v) : new AExpr.Whole(materialize(copyOf(new AExpr.Whole(v)), context));
            return materialize(new AExpr.CumulativeSum(of, new Shape.Vector(padded)), context);
        });
    }
}
