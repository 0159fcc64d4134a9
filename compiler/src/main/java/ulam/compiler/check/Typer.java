package ulam.compiler.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ulam.compiler.ast.Expr;
import ulam.compiler.ast.Span;
import ulam.compiler.parse.Source;
import ulam.runtime.UlamException;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.FunctionSpec;
import ulam.stdlib.Registry;
import ulam.stdlib.Support;
import ulam.stdlib.ValueType;

/**
 * Types one expression in its context: resolves names to symbols, makes the implicit loops of
 * the language explicit (a data vector in a per-observation line is read at the current row,
 * language reference 2.2 and 4), turns indices into 0-based flat positions, and checks element
 * types and argument counts against the library {@link Registry}.
 */
final class Typer {

    /**
     * Where an expression is evaluated.
     *
     * @param loop     the implicit loop, or null for a single value
     * @param shape    for an elementwise context: the shape looped over; null otherwise
     * @param rows     whether the loop runs over observations (data vectors are read row by row)
     * @param dataOnly whether only data and constants may appear (derived data, bounds, sizes)
     * @param generated whether random draws ({@code normal_rng}) are allowed (generated quantities)
     * @param outcome  what {@code !Y} stands for in a {@code custom(...)} line, or null
     */
    record Ctx(Loop loop, Shape shape, boolean rows, boolean dataOnly, boolean generated, TExpr outcome) {
        static Ctx scalar(boolean dataOnly, boolean generated) {
            return new Ctx(null, null, false, dataOnly, generated, null);
        }

        static Ctx rows(Loop loop, boolean dataOnly, boolean generated) {
            return new Ctx(loop, null, true, dataOnly, generated, null);
        }

        static Ctx elements(Loop loop, Shape shape, boolean dataOnly, boolean generated) {
            return new Ctx(loop, shape, false, dataOnly, generated, null);
        }

        /** The same context where {@code !Y} (in {@code custom(...)}) stands for {@code outcome}. */
        Ctx withOutcome(TExpr outcome) {
            return new Ctx(loop, shape, rows, dataOnly, generated, outcome);
        }
    }

    private final Source source;
    private final Map<String, Symbol> symbols;
    private final List<Check> checks;
    private int loops;
    private ArrayTyper arrays;

    /** Names that resolve to another symbol: an imputed variable to its merged value, a prior draw. */
    private final Map<String, Symbol> redirect;

    /** The symbol a name denotes, through the redirections (an imputed variable's merged values, a prior draw). */
    Symbol resolve(String name) {
        return lookup(name);
    }

    private Symbol lookup(String name) {
        Symbol r = redirect.get(name);
        return r != null ? r : symbols.get(name);
    }

    /** The typer of whole-array expressions this typer hands matrix algebra to. */
    void arrays(ArrayTyper arrays) {
        this.arrays = arrays;
        this.vectors = new VectorDensities(this, arrays);
    }

    private VectorDensities vectors;

    /** The typer of lines and draws with vector operands. */
    VectorDensities vectors() {
        return vectors;
    }

    /**
     * The log density of a {@code ~} line: {@link #density} for distributions of single values, a
     * {@link TExpr.VDensity} for those with a vector or matrix operand ({@code outcome} then a
     * single value of the row, or a {@link TExpr.Slice} of a whole parameter).
     */
    TExpr densityTerm(Expr.Call call, TExpr outcome, Span outcomeSpan, Ctx ctx) {
        DistributionSpec spec = distributionOf(call);
        if (spec.allScalar()) return density(call, outcome, outcomeSpan, ctx);
        return vectors.density(spec, call, outcome, outcomeSpan, ctx);
    }

    /** Records that two sizes must be equal when the data are bound (nothing when they are the same). */
    void sameSize(Size expected, Size actual, String what, Span at) {
        if (expected.toString().equals(actual.toString())) return;
        int a = expected.constant();
        int b = actual.constant();
        if (a >= 0 && b >= 0) {
            if (a != b) throw error(at, what + " differ: " + a + " and " + b, null);
            return;
        }
        checks.add(new Check.SameSize(expected, actual, what, at));
    }

    /** A typer of the model being checked: reads its symbols and redirections, adds to its checks. */
    Typer(CheckState state) {
        this.source = state.source;
        this.symbols = state.symbols;
        this.checks = state.checks;
        this.redirect = state.redirect;
    }

    UlamException error(Span span, String message, String help) {
        return source.error(span, message, help);
    }

    Loop newLoop(String name, Size count) {
        loops++;
        return new Loop(name, count);
    }

    // ------------------------------------------------------------------ expressions

    TExpr expr(Expr e, Ctx ctx) {
        if (e instanceof Expr.Num n) {
            return new TExpr.Num(n.value(), n.integer() ? Elem.INT : Elem.REAL);
        }
        if (e instanceof Expr.Str s) {
            return new TExpr.Str(s.value());
        }
        if (e instanceof Expr.Name n) {
            return name(n, ctx);
        }
        if (e instanceof Expr.Index ix) {
            return index(ix, ctx);
        }
        if (e instanceof Expr.Call c) {
            return call(c, ctx);
        }
        if (e instanceof Expr.Unary u) {
            if (Syntax.isPlaceholder(u)) {
                if (ctx.outcome() == null) {
                    throw error(u.span(), "!Y stands for the outcome, inside custom(...) on a data line", null);
                }
                return ctx.outcome();   // the !Y placeholder of custom(...)
            }
            TExpr x = expr(u.operand(), ctx);
            return switch (u.op()) {
                case PLUS -> numeric(x, u.operand().span());
                case NEG -> new TExpr.Neg(numeric(x, u.operand().span()), x.elem() == Elem.INT ? Elem.INT : Elem.REAL);
                case NOT -> new TExpr.Not(logical(x, u.operand().span()));
            };
        }
        if (e instanceof Expr.Binary b) {
            return binary(b, ctx);
        }
        if (e instanceof Expr.Empty || e instanceof Expr.All) {
            throw error(e.span(), "an empty index or ':' " + Unsupported.LATER, "give every index");
        }
        throw new IllegalStateException("unknown expression " + e);
    }

    private TExpr binary(Expr.Binary b, Ctx ctx) {
        switch (b.op()) {
            case RANGE -> throw error(b.span(), "the range 'a:b' can only make a derived-data vector (tank <- 1:N); inside other expressions it "
                    + Unsupported.LATER, "compute the sequence as derived data on its own line");
            case MATMUL -> throw error(b.span(), "matrix products (%*%) " + Unsupported.LATER, null);
            default -> { }
        }
        TExpr l = expr(b.left(), ctx);
        TExpr r = expr(b.right(), ctx);
        if (b.op().isComparison()) {
            if (l.elem() == Elem.STRING || r.elem() == Elem.STRING) {
                if (b.op() != Expr.BinaryOp.EQ && b.op() != Expr.BinaryOp.NE) {
                    throw error(b.span(), "text can only be compared with == or !=", null);
                }
                l = asString(l, b.left().span());
                r = asString(r, b.right().span());
                textLevel(l, r, b.right().span());
                textLevel(r, l, b.left().span());
            } else {
                l = numeric(l, b.left().span());
                r = numeric(r, b.right().span());
            }
            return new TExpr.Logic(b.op(), l, r);
        }
        if (b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR) {
            return new TExpr.Logic(b.op(), logical(l, b.left().span()), logical(r, b.right().span()));
        }
        l = numeric(l, b.left().span());
        r = numeric(r, b.right().span());
        TExpr.Op op = switch (b.op()) {
            case ADD -> TExpr.Op.ADD;
            case SUB -> TExpr.Op.SUB;
            case MUL -> TExpr.Op.MUL;
            case DIV -> TExpr.Op.DIV;
            default -> TExpr.Op.POW;
        };
        Elem elem = (op == TExpr.Op.DIV || op == TExpr.Op.POW) ? Elem.REAL : Elem.arithmetic(l.elem(), r.elem());
        return new TExpr.Arith(op, l, r, elem);
    }

    TExpr numeric(TExpr x, Span span) {
        if (x.elem() == Elem.STRING) {
            throw error(span, "text is used where a number is needed", "compare text with ==, e.g. ifelse(pred == \"no\", 1, 2)");
        }
        if (x.elem() == Elem.BOOL) {
            return new TExpr.IfElse(x, new TExpr.Num(1, Elem.INT), new TExpr.Num(0, Elem.INT), Elem.INT);
        }
        return x;
    }

    private TExpr logical(TExpr x, Span span) {
        if (x.elem() == Elem.BOOL) return x;
        if (x.elem() == Elem.STRING) throw error(span, "text is used where a condition is needed", null);
        return new TExpr.Logic(Expr.BinaryOp.NE, x, new TExpr.Num(0, Elem.INT));
    }

    /** {@code column == "text"}: the text must occur in the column, checked when the data are bound. */
    private void textLevel(TExpr column, TExpr text, Span textSpan) {
        if (column instanceof TExpr.Ref r && text instanceof TExpr.Str str) {
            checks.add(new Check.TextLevel(r.symbol(), str.value(), textSpan));
        }
    }

    private TExpr asString(TExpr x, Span span) {
        if (x instanceof TExpr.Str) return x;
        if (x instanceof TExpr.Ref r && (r.symbol().kind() == Kind.DATA || r.symbol().isData() && r.symbol().elem() == Elem.STRING)) {
            return new TExpr.Ref(r.symbol(), r.index(), Elem.STRING);
        }
        throw error(span, "only data columns can be compared with text", null);
    }

    private TExpr name(Expr.Name n, Ctx ctx) {
        Symbol s = ctx.dataOnly() ? symbols.get(n.name()) : lookup(n.name());
        if (s == null) {
            switch (n.name()) {
                case "TRUE" -> { return new TExpr.Num(1, Elem.BOOL); }
                case "FALSE" -> { return new TExpr.Num(0, Elem.BOOL); }
                case "pi" -> { return new TExpr.Num(Math.PI, Elem.REAL); }
                case "i" -> {
                    if (ctx.loop() != null) {
                        return new TExpr.Arith(TExpr.Op.ADD, new TExpr.LoopIndex(ctx.loop()), new TExpr.Num(1, Elem.INT), Elem.INT);
                    }
                    throw error(n.span(), "'i' (the current row) is only defined in a line that runs over rows", null);
                }
                default -> throw new IllegalStateException("unresolved name " + n.name());
            }
        }
        checkUse(s, n.span(), ctx);
        Shape shape = s.shape();
        Elem elem = s.elem() == Elem.STRING ? Elem.STRING : (s.elem() == Elem.INT ? Elem.INT : Elem.REAL);
        if (shape.isScalar()) {
            return new TExpr.Ref(s, null, elem);
        }
        if (ctx.loop() == null) {
            throw error(n.span(), "'" + s.name() + "' is a " + shape + " but a single value is needed here",
                    indexHint(s));
        }
        if (ctx.rows()) {
            if (shape instanceof Shape.Vector v && (s.isData() || s.loop() != null || s.materialized() || declaredVector(s))) {
                if (s.isData()) {
                    checks.add(new Check.SameLength(s, ctx.loop().count(), null, n.span()));
                } else {
                    checks.add(new Check.SameSize(ctx.loop().count(), v.length(), "'" + s.name() + "' (one value per row)", n.span()));
                }
                return new TExpr.Ref(s, new TExpr.LoopIndex(ctx.loop()), elem);
            }
            throw error(n.span(), "'" + s.name() + "' is a " + shape + " but one value per row is needed here", indexHint(s));
        }
        Shape over = ctx.shape();
        if (shape instanceof Shape.Vector v && over instanceof Shape.Vector w) {
            checks.add(new Check.SameSize(w.length(), v.length(), "'" + s.name() + "'", n.span()));
            return new TExpr.Ref(s, new TExpr.LoopIndex(ctx.loop()), elem);
        }
        if (shape instanceof Shape.Matrix m && over instanceof Shape.Matrix w) {
            checks.add(new Check.SameSize(w.rows(), m.rows(), "rows of '" + s.name() + "'", n.span()));
            checks.add(new Check.SameSize(w.cols(), m.cols(), "columns of '" + s.name() + "'", n.span()));
            return new TExpr.Ref(s, new TExpr.LoopIndex(ctx.loop()), elem);
        }
        throw error(n.span(), "'" + s.name() + "' is a " + shape + " but this line works on a " + over,
                "combine values of the same shape, or index it");
    }

    /**
     * A parameter declared as a whole vector ({@code vector[N]:D_true ~ dnorm(mu, sigma)}, book
     * m15.1), not indexed on its line: in a line over rows it is read at the row, element by
     * element as Stan's vectorised {@code D_obs ~ normal(D_true, D_sd)}; its length must be the
     * number of rows (checked when the data are bound). Vectors by group ({@code a[G] ~ ...}) are not:
     * they need their index.
     */
    private static boolean declaredVector(Symbol s) {
        return s.kind() == Kind.PARAMETER && s.statement() != null && s.statement().type() != null
                && Syntax.indexOf(s.statement().target()).isEmpty() && s.transform() == null;
    }

    private String indexHint(Symbol s) {
        if (s.kind() == Kind.PARAMETER && s.shape() instanceof Shape.Vector) {
            return "index it, e.g. " + s.name() + "[group]";
        }
        if (s.shape() instanceof Shape.Matrix) return "index it, e.g. " + s.name() + "[row, column]";
        return "index it, e.g. " + s.name() + "[i]";
    }

    /** A symbol may be read where {@code ctx} is: only data in a data line, no generated quantity (gq>) in the model. */
    void checkUse(Symbol s, Span span, Ctx ctx) {
        if (ctx.dataOnly() && !s.isData()) {
            throw error(span, "'" + s.name() + "' is a " + s.kind().description + ", but only data and constants can be used here", null);
        }
        if (s.kind() == Kind.GENERATED && !ctx.generated()) {
            throw error(span, "'" + s.name() + "' is a generated quantity (gq>), computed after sampling: the model cannot use it",
                    "drop the gq> tag from its line if the model needs it");
        }
    }

    private TExpr index(Expr.Index ix, Ctx ctx) {
        if (!(ix.target() instanceof Expr.Name n)) {
            throw error(ix.span(), "only a name can be indexed", null);
        }
        Symbol s = ctx.dataOnly() ? symbols.get(n.name()) : lookup(n.name());
        if (s == null) {   // not a symbol: one of the built-in constants TRUE, FALSE, pi, i
            throw error(n.span(), "'" + n.name() + "' is a single built-in value and cannot be indexed", null);
        }
        checkUse(s, n.span(), ctx);
        Shape shape = s.shape();
        int rank = shape instanceof Shape.Matrix ? 2 : shape instanceof Shape.Vector ? 1 : 0;
        if (rank == 0) {
            String help = s.kind() == Kind.PARAMETER
                    ? "its prior line has no index, so it is one value; to have one per group write the prior as "
                      + s.name() + "[group] ~ ..."
                    : "remove the index";
            throw error(ix.span(), "'" + s.name() + "' is a single value but is indexed here", help);
        }
        if (ix.indices().size() != rank) {
            throw error(ix.span(), "'" + s.name() + "' is a " + shape + ": it takes " + rank + (rank == 1 ? " index" : " indices")
                    + ", not " + ix.indices().size(), rank == 2 ? "write " + s.name() + "[row, column]" : "write " + s.name() + "[index]");
        }
        List<Size> bounds = shape instanceof Shape.Matrix m ? List.of(m.rows(), m.cols()) : List.of(((Shape.Vector) shape).length());
        TExpr flat = null;
        Size stride = null;
        for (int k = 0; k < rank; k++) {
            Expr ie = ix.indices().get(k);
            TExpr t = indexValue(ie, ctx, s, bounds.get(k));
            TExpr zero = new TExpr.Arith(TExpr.Op.SUB, t, new TExpr.Num(1, Elem.INT), Elem.INT);
            TExpr term = stride == null ? zero : new TExpr.Arith(TExpr.Op.MUL, zero, new TExpr.SizeOf(stride), Elem.INT);
            flat = flat == null ? term : new TExpr.Arith(TExpr.Op.ADD, flat, term, Elem.INT);
            stride = stride == null ? bounds.get(k) : new Size.Product(stride, bounds.get(k));
        }
        Elem elem = s.elem() == Elem.STRING ? Elem.STRING : (s.elem() == Elem.INT ? Elem.INT : Elem.REAL);
        return new TExpr.Ref(s, flat, elem);
    }

    /** One index, 1-based: a data column (read at the current row), a whole-number literal, or {@code i}. */
    private TExpr indexValue(Expr ie, Ctx ctx, Symbol indexed, Size bound) {
        if (ie instanceof Expr.Empty || ie instanceof Expr.All) {
            throw error(ie.span(), "slicing with an empty index or ':' " + Unsupported.LATER, "give every index");
        }
        if (ie instanceof Expr.Num num) {
            if (!num.integer() || num.value() < 1) {
                throw error(ie.span(), "an index must be a whole number from 1 up", null);
            }
            int v = (int) num.value();
            int c = bound.constant();
            if (c >= 0 && v > c) {
                throw error(ie.span(), "index " + v + " is beyond the size " + c + " of '" + indexed.name() + "'", null);
            }
            if (c < 0) checks.add(new Check.LiteralRange(v, bound, indexed, ie.span()));
            return new TExpr.Num(v, Elem.INT);
        }
        if (ie instanceof Expr.Name n && n.name().equals("i") && !symbols.containsKey("i")) {
            TExpr t = name(n, ctx);
            checks.add(new Check.SameSize(bound, ctx.loop().count(), "'" + indexed.name() + "' indexed by the row i", ie.span()));
            return t;
        }
        TExpr t = expr(ie, ctx);
        if (t instanceof TExpr.Ref r && r.symbol().isData() && r.elem() != Elem.STRING
                && (r.index() == null || r.index() instanceof TExpr.LoopIndex)) {
            Symbol idx = r.symbol();
            if (!(bound instanceof Size.Levels lv && lv.symbol() == idx)) {   // max(idx) holds every value of idx
                checks.add(new Check.IndexRange(idx, bound, indexed, ie.span()));
            }
            return new TExpr.Ref(idx, r.index(), Elem.INT);
        }
        throw error(ie.span(), "an index must be a data column, a whole number or i",
                "compute the index as derived data on its own line (e.g. g2 <- g + 1) and index by that");
    }

    // ------------------------------------------------------------------ calls

    private TExpr call(Expr.Call c, Ctx ctx) {
        String fn = c.function();
        if (fn.endsWith("_lpdf") || fn.endsWith("_lpmf") || fn.endsWith("_lupdf") || fn.endsWith("_lupmf")) {
            return densityCall(c, fn.substring(0, fn.lastIndexOf('_')), ctx);
        }
        if (fn.endsWith("_lcdf") || fn.endsWith("_lccdf")) {
            return cdfCall(c, fn.substring(0, fn.lastIndexOf('_')), fn.endsWith("_lccdf"), ctx);
        }
        if (ArrayTyper.CONSTRUCTS.contains(fn)) {
            throw error(c.functionSpan(), "'" + fn + "' makes a vector or matrix: use it on the right of a '<<-' line",
                    "e.g. v <<- " + fn + "(...), then use v[i]");
        }
        if (c.conditional() || Unsupported.function(fn)) {
            throw error(c.functionSpan(), "'" + fn + "' " + Unsupported.LATER, null);
        }
        if (fn.equals("ifelse")) {
            arity(c, 3, "ifelse(test, yes, no)");
            TExpr test = logical(expr(c.args().get(0), ctx), c.args().get(0).span());
            if (!dataOnly(test)) {
                throw error(c.args().get(0).span(), "the test of ifelse must depend on data only", null);
            }
            TExpr yes = numeric(expr(c.args().get(1), ctx), c.args().get(1).span());
            TExpr no = numeric(expr(c.args().get(2), ctx), c.args().get(2).span());
            return new TExpr.IfElse(test, yes, no, Elem.arithmetic(yes.elem(), no.elem()));
        }
        if (fn.endsWith("_rng")) {
            String base = fn.substring(0, fn.length() - 4);
            Optional<DistributionSpec> d = Registry.distribution(base);
            if (d.isEmpty()) throw unknown(c.functionSpan(), fn, "function");
            if (!ctx.generated()) {
                throw error(c.functionSpan(), "random draws (" + fn + ") can only be made in gq> lines", null);
            }
            DistributionSpec spec = d.get();
            if (!spec.allScalar()) {
                if (!spec.scalarOutcome()) {
                    throw error(c.functionSpan(), fn + " draws a whole " + spec.outcomeShape() + ": use it alone on the right of a "
                            + "gq> line with a type", "e.g. gq> " + spec.outcomeShape().replace("[K]", "[3]").replace("[K,K]", "[3,3]")
                            + ":x <- " + fn + "(...)");
                }
                return vectors.rng(spec, c, ctx);
            }
            arity(c, spec.arity(), signature(spec));
            return new TExpr.Rng(spec, arguments(spec, c, ctx));
        }
        if (fn.equals("log_sum_exp") && c.args().size() >= 2) {
            // Stan's log_sum_exp(a, b) of two values (book m15.8: custom(log_sum_exp(log(k) + poisson_lpmf(...), ...)));
            // more arguments fold left: log_sum_exp(log_sum_exp(a, b), c)
            FunctionSpec lse = library("log_sum_exp2", c);
            TExpr sum = null;
            for (Expr a : c.args()) {
                TExpr t = numeric(expr(a, ctx), a.span());
                sum = sum == null ? t : new TExpr.Call(lse, List.of(sum, t));
            }
            return sum;
        }
        Optional<FunctionSpec> f = Registry.function(fn);
        if (f.isEmpty()) {
            if (Registry.distribution(fn).isPresent()) {
                throw error(c.functionSpan(), "'" + fn + "' is a distribution, used here as a function",
                        "a distribution goes on the right of '~'; for a random draw in a gq> line write " + fn + "_rng(...)");
            }
            throw unknown(c.functionSpan(), fn, "function");
        }
        FunctionSpec spec = f.get();
        if (spec.kind() == FunctionSpec.Kind.BLOCK) {
            if (!spec.resultShape().isEmpty()) {
                throw error(c.span(), "'" + fn + "' gives a " + spec.resultShape() + ": use it on the right of a '<<-' line, or index it",
                        "e.g. m <<- " + fn + "(...)");
            }
            // a scalar-valued function of arrays: computed once per evaluation, read as one value
            List<ArrayArg> args = new ArrayList<>();
            for (Expr a : c.args()) args.add(arrays.operand(a, ctx));
            Symbol s = arrays.materialize(arrays.block(fn, args, c.span()), ctx.dataOnly() ? Kind.TRANSFORMED_DATA
                    : ctx.generated() ? Kind.GENERATED : Kind.LOCAL);
            return new TExpr.Ref(s, new TExpr.Num(0, Elem.INT), Elem.REAL);
        }
        switch (spec.kind()) {
            case SCALAR -> {
                arity(c, spec.arity(), spec.name() + "(" + "x, ".repeat(spec.arity()).replaceAll(", $", "") + ")");
                List<TExpr> args = new ArrayList<>();
                for (Expr a : c.args()) args.add(numeric(expr(a, ctx), a.span()));
                return new TExpr.Call(spec, args);
            }
            case REDUCTION -> {
                arity(c, 1, spec.name() + "(vector)");
                return reduction(spec, c.args().get(0), ctx);
            }
            default -> {
                List<TExpr> args = new ArrayList<>();
                for (Expr a : c.args()) args.add(wholeData(a, ctx, spec));
                if (!List.of("mean", "sd", "length").contains(spec.name())) {
                    throw error(c.functionSpan(), "'" + fn + "' makes a whole vector: use it alone on the right of a derived-data line",
                            "e.g. x_std <- " + fn + "(x)");
                }
                arity(c, 1, spec.name() + "(x)");
                return new TExpr.DataCall(spec, args, spec.name().equals("length") ? Elem.INT : Elem.REAL);
            }
        }
    }

    /**
     * {@code normal_lpdf(y | mu, sigma)} inside an expression: the full log density (constants
     * kept), outcome first ({@code |} or a comma may follow it).
     */
    private TExpr densityCall(Expr.Call c, String base, Ctx ctx) {
        Optional<DistributionSpec> d = Registry.distribution(base);
        if (d.isEmpty() || Unsupported.distribution(base)) {
            if (Unsupported.distribution(base)) {
                throw error(c.functionSpan(), "'" + c.function() + "' " + Unsupported.LATER, null);
            }
            throw unknown(c.functionSpan(), base, "distribution");
        }
        if (c.args().isEmpty()) {
            throw error(c.span(), "'" + c.function() + "' needs an outcome", "write " + c.function() + "(y | ...)");
        }
        Expr outcome = c.args().get(0);
        List<Expr> rest = c.args().subList(1, c.args().size());
        Expr.Call asDist = new Expr.Call(base, c.functionSpan(), rest, c.argNames().subList(1, c.argNames().size()), false, c.span());
        return density(asDist, expr(outcome, ctx), outcome.span(), ctx);
    }

    /** {@code normal_lcdf(x | mu, sigma)} and {@code _lccdf} inside an expression (the point first). */
    private TExpr cdfCall(Expr.Call c, String base, boolean complement, Ctx ctx) {
        if (c.args().isEmpty()) {
            throw error(c.span(), "'" + c.function() + "' needs the point", "write " + c.function() + "(x | ...)");
        }
        Expr at = c.args().get(0);
        Expr.Call asDist = new Expr.Call(base, c.functionSpan(), c.args().subList(1, c.args().size()),
                c.argNames().subList(1, c.argNames().size()), false, c.span());
        return cdf(asDist, expr(at, ctx), at.span(), complement, ctx);
    }

    /**
     * The log distribution function of the distribution {@code call} names at {@code at}
     * ({@code complement}: of the upper tail).
     *
     * @throws UlamException (located) if the distribution has no distribution function in the library
     */
    TExpr.Cdf cdf(Expr.Call call, TExpr at, Span atSpan, boolean complement, Ctx ctx) {
        DistributionSpec spec = distributionOf(call);
        if (!spec.hasCdf()) {
            List<String> with = new ArrayList<>();
            for (DistributionSpec d : Registry.distributions()) if (d.hasCdf()) with.add(d.name());
            throw error(call.functionSpan(), spec.name() + " has no distribution function (_lcdf) in this library",
                    "these have one: " + String.join(", ", with));
        }
        arity(call, spec.arity(), signature(spec));
        TExpr x = spec.outcome() == ValueType.INT ? toInt(at, atSpan, "the point of " + spec.name() + "'s distribution function")
                : numeric(at, atSpan);
        return new TExpr.Cdf(spec, complement, x, arguments(spec, call, ctx));
    }

    /** A whole data vector (or a scalar) as the argument of a data function. */
    TExpr wholeData(Expr a, Ctx ctx, FunctionSpec spec) {
        if (spec.name().equals("seq")) return toInt(expr(a, Ctx.scalar(true, false)), a.span(), "an argument of seq()");   // as from:to
        if (a instanceof Expr.Name n && symbols.get(n.name()) != null) {
            Symbol s = symbols.get(n.name());
            if (!s.isData()) {
                throw error(a.span(), spec.name() + "() works on data; '" + s.name() + "' is a " + s.kind().description, null);
            }
            if (s.shape().isScalar()) throw notAColumn(a, spec);
            return new TExpr.Ref(s, null, s.elem() == Elem.STRING ? Elem.STRING : Elem.REAL);
        }
        ArrayArg o = arrays.operand(a, Ctx.scalar(true, false));
        if (o instanceof AExpr v) {
            // a data expression such as log(mass): computed once when the data are bound
            return new TExpr.Ref(arrays.materialize(v, Kind.TRANSFORMED_DATA), null, Elem.REAL);
        }
        throw notAColumn(a, spec);
    }

    /** standardize(N) with N a single value had no method to call (NoSuchMethodError when bound); seq(1, N) neither. */
    private UlamException notAColumn(Expr a, FunctionSpec spec) {
        return error(a.span(), spec.name() + "() works on a column of data, not a single value", null);
    }

    private TExpr reduction(FunctionSpec spec, Expr arg, Ctx ctx) {
        if (spec.name().equals("sum") && arg instanceof Expr.Index ix && ix.target() instanceof Expr.Name n
                && ix.indices().size() == 1 && ix.indices().get(0) instanceof Expr.Binary r && r.op() == Expr.BinaryOp.RANGE
                && symbols.get(n.name()) != null && symbols.get(n.name()).shape() instanceof Shape.Vector) {
            // sum(v[from:to]) (book m12.6): a difference of cumulative sums, computed once per evaluation; both
            // ends are indices of v, checked as any index (a data column's values within 1..length when bound)
            Symbol v = symbols.get(n.name());
            Size length = ((Shape.Vector) v.shape()).length();
            TExpr from = indexValue(r.left(), ctx, v, length);
            TExpr to = indexValue(r.right(), ctx, v, length);
            return arrays.sliceSum(v, from, to);
        }
        if (arg instanceof Expr.Name n && symbols.get(n.name()) != null) {
            Symbol s = symbols.get(n.name());
            if (s.isData()) {
                return new TExpr.DataCall(spec, List.of(new TExpr.Ref(s, null, Elem.REAL)), Elem.REAL);
            }
            if (!s.shape().isScalar()) {
                Loop j = newLoop("k", s.shape().count());
                TExpr body = new TExpr.Ref(s, new TExpr.LoopIndex(j), Elem.REAL);
                return new TExpr.Reduce(spec.name().equals("sum") ? TExpr.Reduction.SUM : TExpr.Reduction.MEAN, j, body);
            }
        }
        throw error(arg.span(), spec.name() + "() takes the name of a vector", "e.g. " + spec.name() + "(a)");
    }

    /**
     * A density of a {@code ~} line: the distribution looked up by name or alias, its arguments
     * typed in {@code ctx}, integer arguments checked to be data, and cheaper equivalents used
     * where an argument is an inverse link ({@code bernoulli(inv_logit(x))} is
     * {@code bernoulli_logit(x)}).
     */
    TExpr.Density density(Expr.Call call, TExpr outcome, Span outcomeSpan, Ctx ctx) {
        DistributionSpec spec = distributionOf(call);
        if (!spec.allScalar()) {
            throw error(call.functionSpan(), spec.name() + " has a vector or matrix operand: it can be the distribution of a '~' line, "
                    + "not part of an expression", null);
        }
        arity(call, spec.arity(), signature(spec));
        List<TExpr> args = arguments(spec, call, ctx);
        TExpr y = spec.outcome() == ValueType.INT ? toInt(outcome, outcomeSpan, "the outcome of " + spec.name()) : numeric(outcome, outcomeSpan);
        return rewriteLinks(new TExpr.Density(spec, y, args));
    }

    /** The distribution a call names (by name or alias). */
    DistributionSpec distributionOf(Expr.Call call) {
        String fn = call.function();
        if (Unsupported.distribution(fn)) {
            throw error(call.functionSpan(), "distribution '" + fn + "' " + Unsupported.LATER, null);
        }
        Optional<DistributionSpec> d = Registry.distribution(fn.equals("dmvnorm2") ? "multi_normal" : fn);
        if (d.isEmpty()) {
            if (Registry.function(fn).isPresent()) {
                throw error(call.functionSpan(), "'" + fn + "' is a function, not a distribution",
                        "the right of '~' is a distribution such as dnorm(mu, sigma)");
            }
            throw unknown(call.functionSpan(), fn, "distribution");
        }
        return d.get();
    }

    private List<TExpr> arguments(DistributionSpec spec, Expr.Call call, Ctx ctx) {
        List<TExpr> args = new ArrayList<>();
        for (int k = 0; k < spec.arity(); k++) {
            Expr a = call.args().get(k);
            literalInSupport(spec, k, a);
            TExpr t = numeric(expr(a, ctx), a.span());
            if (spec.args().get(k).type() == ValueType.INT) {
                t = toInt(t, a.span(), "the argument " + spec.args().get(k).name() + " of " + spec.name());
                if (!dataOnly(t)) {
                    throw error(a.span(), "the argument " + spec.args().get(k).name() + " of " + spec.name()
                            + " must be data or a whole number", "parameters are continuous; " + spec.args().get(k).name() + " counts something");
                }
            }
            args.add(t);
        }
        return args;
    }

    /**
     * A literal argument outside its support ({@code normal(mu, -1)}, {@code normal(0, 0)},
     * {@code bernoulli(1.5)}) makes the log density NaN or infinite at every point: the sampler
     * would only say that no initial value works. A located error at the argument instead.
     */
    private void literalInSupport(DistributionSpec spec, int k, Expr a) {
        Double v = literal(a);
        if (v == null) return;
        DistributionSpec.Arg arg = spec.args().get(k);
        String value = v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf(v.longValue()) : String.valueOf(v);
        if (arg.support() == Support.POSITIVE && !(v > 0)) {
            throw error(a.span(), "the argument " + arg.name() + " of " + spec.name() + " must be > 0, but it is " + value + " here",
                    arg.name() + " is a scale or a rate, which is positive: write e.g. " + signatureWith(spec, k, "1"));
        }
        if (arg.support() == Support.UNIT && !(v >= 0 && v <= 1)) {
            throw error(a.span(), "the argument " + arg.name() + " of " + spec.name() + " is a probability, between 0 and 1, but it is "
                    + value + " here", "write a value between 0 and 1");
        }
    }

    /** The value of a numeric literal, possibly negated ({@code -1}); null for anything else. */
    private static Double literal(Expr a) {
        if (a instanceof Expr.Num n) return n.value();
        if (a instanceof Expr.Unary u && u.operand() instanceof Expr.Num n) {
            if (u.op() == Expr.UnaryOp.NEG) return -n.value();
            if (u.op() == Expr.UnaryOp.PLUS) return n.value();
        }
        return null;
    }

    /**
     * {@code mixture(theta, d1(..), d2(..), ...)} (language reference 2.12): each component is a
     * density of the outcome; two components give {@code log_mix(theta, lpdf1, lpdf2)} with theta
     * the weight of the first, more give {@code log_sum_exp} of {@code log(theta[k]) + lpdf_k}
     * with theta a vector of weights.
     */
    TExpr mixture(Expr.Call call, TExpr outcome, Span outcomeSpan, Ctx ctx) {
        if (call.args().size() < 3) {
            throw error(call.span(), "mixture(...) takes the mixing weight and at least two components",
                    "write mixture(theta, dpois(lambda1), dpois(lambda2))");
        }
        List<TExpr> parts = new ArrayList<>();
        for (Expr a : call.args().subList(1, call.args().size())) {
            if (!(a instanceof Expr.Call c) || Registry.distribution(c.function()).isEmpty()) {
                throw error(a.span(), "each component of mixture(...) is a distribution such as dnorm(mu, sigma)", null);
            }
            parts.add(density(c, outcome, outcomeSpan, ctx));
        }
        Expr thetaExpr = call.args().get(0);
        if (parts.size() == 2) {
            TExpr theta = numeric(expr(thetaExpr, ctx), thetaExpr.span());
            return new TExpr.Call(library("log_mix", call), List.of(theta, parts.get(0), parts.get(1)));
        }
        if (!(thetaExpr instanceof Expr.Name n) || symbols.get(n.name()) == null
                || !(symbols.get(n.name()).shape() instanceof Shape.Vector)) {
            throw error(thetaExpr.span(), "with " + parts.size() + " components the weights are a vector, e.g. a simplex theta", null);
        }
        Symbol theta = symbols.get(n.name());
        FunctionSpec log = library("log", call);
        FunctionSpec lse = library("log_sum_exp2", call);
        TExpr sum = null;
        for (int k = 0; k < parts.size(); k++) {
            TExpr w = new TExpr.Call(log, List.of(new TExpr.Ref(theta, new TExpr.Num(k, Elem.INT), Elem.REAL)));
            TExpr term = new TExpr.Arith(TExpr.Op.ADD, w, parts.get(k), Elem.REAL);
            sum = sum == null ? term : new TExpr.Call(lse, List.of(sum, term));
        }
        checks.add(new Check.LiteralRange(parts.size(), ((Shape.Vector) theta.shape()).length(), theta, thetaExpr.span()));
        return sum;
    }

    private FunctionSpec library(String name, Expr.Call at) {
        return Registry.function(name).orElseThrow(() -> error(at.functionSpan(), "'" + name + "', needed by "
                + at.function() + "(...), is missing from this build's library", null));
    }

    /** Applies the registry's link rewrites, looking through locals defined with a link. */
    private TExpr.Density rewriteLinks(TExpr.Density density) {
        for (DistributionSpec.LinkRewrite rw : density.distribution().linkRewrites()) {
            TExpr arg = density.args().get(rw.argIndex());
            TExpr inner = inverseLinkArgument(arg, rw.inverseLink());
            if (inner != null) {
                DistributionSpec target = Registry.distribution(rw.target()).orElseThrow();
                List<TExpr> args = new ArrayList<>(density.args());
                args.set(rw.argIndex(), inner);
                return new TExpr.Density(target, density.outcome(), args);
            }
        }
        return density;
    }

    /** If {@code e} is {@code link(x)} (directly, or a local defined so), returns {@code x} at the same element. */
    private static TExpr inverseLinkArgument(TExpr e, String link) {
        if (e instanceof TExpr.Call c && c.function().name().equals(link)) {
            return c.args().get(0);
        }
        if (e instanceof TExpr.Ref r && r.symbol().kind() == Kind.LOCAL && r.symbol().value() instanceof TExpr.Call c
                && c.function().name().equals(link)) {
            TExpr inner = c.args().get(0);
            Loop loop = r.symbol().loop();
            if (loop == null) return r.index() == null ? inner : null;
            return r.index() == null ? null : TExprs.substitute(inner, loop, r.index());
        }
        return null;
    }

    private void arity(Expr.Call c, int n, String signature) {
        if (c.args().size() != n) {
            throw error(c.span(), "'" + c.function() + "' takes " + n + (n == 1 ? " argument" : " arguments") + ", not " + c.args().size(),
                    "write " + signature);
        }
    }

    /** {@link #signature} with argument {@code k} written as {@code value}. */
    private static String signatureWith(DistributionSpec spec, int k, String value) {
        StringBuilder sb = new StringBuilder(spec.name()).append('(');
        for (int j = 0; j < spec.arity(); j++) {
            if (j > 0) sb.append(", ");
            sb.append(j == k ? value : spec.args().get(j).name());
        }
        return sb.append(')').toString();
    }

    static String signature(DistributionSpec spec) {
        StringBuilder sb = new StringBuilder(spec.name()).append('(');
        for (int k = 0; k < spec.arity(); k++) {
            if (k > 0) sb.append(", ");
            sb.append(spec.args().get(k).name());
        }
        return sb.append(')').toString();
    }

    UlamException unknown(Span span, String name, String what) {
        List<String> near = Registry.closest(name, 3);
        String help = near.isEmpty() ? "see docs/language.md for the list" : "did you mean '" + near.get(0) + "'?"
                + (near.size() > 1 ? " (or " + String.join(", ", near.subList(1, near.size())) + ")" : "");
        return error(span, "unknown " + what + " '" + name + "'", help);
    }

    // ------------------------------------------------------------------ element types

    /** The same value as an integer: data read as whole numbers, integer literals, integer arithmetic. */
    TExpr toInt(TExpr e, Span span, String what) {
        if (e.elem() == Elem.INT && !(e instanceof TExpr.Ref)) return e;
        if (e instanceof TExpr.Num n && n.value() == Math.rint(n.value())) return new TExpr.Num(n.value(), Elem.INT);
        if (e instanceof TExpr.Ref r && r.symbol().isData()) return new TExpr.Ref(r.symbol(), r.index(), Elem.INT);
        if (e instanceof TExpr.Ref r && r.elem() == Elem.INT) return r;
        if (e instanceof TExpr.Arith a && a.op() != TExpr.Op.DIV && a.op() != TExpr.Op.POW) {
            return new TExpr.Arith(a.op(), toInt(a.left(), span, what), toInt(a.right(), span, what), Elem.INT);
        }
        if (e instanceof TExpr.Neg n) return new TExpr.Neg(toInt(n.operand(), span, what), Elem.INT);
        if (e instanceof TExpr.IfElse f) {
            return new TExpr.IfElse(f.test(), toInt(f.yes(), span, what), toInt(f.no(), span, what), Elem.INT);
        }
        throw error(span, what + " must be a whole number", "use data holding whole numbers or an integer literal");
    }

    /** Whether an expression involves no parameter or model local. */
    static boolean dataOnly(TExpr e) {
        return TExprs.all(e, x -> !(x instanceof TExpr.Ref r) || r.symbol().isData());
    }
}
