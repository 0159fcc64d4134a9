package ulam.compiler.check;

import java.util.List;
import java.util.Map;
import ulam.compiler.ast.Expr;
import ulam.compiler.ast.Program;
import ulam.compiler.ast.Span;
import ulam.compiler.ast.Statement;
import ulam.runtime.UlamException;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.Registry;
import ulam.stdlib.Support;

/**
 * The constrained types that ulam infers for parameters written without one (language
 * reference 3.3 and 6.2): in {@code c(a,b)[g] ~ multi_normal(mu, Rho, sigma)} a bare
 * {@code Rho} is a {@code corr_matrix[K]} and a bare {@code sigma} a {@code vector[K]}, K the
 * number of stacked names (or of {@code c(...)} entries in mu, or the declared length of the
 * outcome); in {@code y ~ ordered_logistic(phi, cutpoints)} a bare {@code cutpoints} is an
 * {@code ordered[max(y) - 1]}; a bare parameter whose {@code start=list(...)} value of the wrapper
 * has several values ({@code start=list(b=rep(0, K))}, book m7.2, m4.7) is a {@code vector} of that
 * length, as ulam and quap declare it.
 */
final class TypeInference {

    /** The size a written size or index expression denotes. */
    interface Sizes {
        Size of(Expr e, Symbol of, String what);
    }

    private final CheckState errors;
    private final Map<String, Symbol> symbols;
    private final Sizes sizes;

    /** Infers types of the parameters of the model being checked; {@code sizes} reads written sizes. */
    TypeInference(CheckState state, Sizes sizes) {
        this.errors = state;
        this.symbols = state.symbols;
        this.sizes = sizes;
    }

    /** Whether a support is that of a whole vector or matrix (kept by a transform, not by bounds). */
    static boolean isVectorSupport(Support s) {
        return switch (s) {
            case SIMPLEX, ORDERED, CORR_MATRIX, CHOLESKY_FACTOR_CORR, COV_MATRIX, CHOLESKY_FACTOR_COV -> true;
            default -> false;
        };
    }

    /** The type that denotes a vector support ({@code simplex} for SIMPLEX). */
    static String typeName(Support s) {
        return s.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Gives the untyped parameters used in the positions above their shape and transform. */
    void infer(Program program) {
        startLengths(program);
        for (Statement st : program.statements()) {
            if (st.op() != Statement.Op.SAMPLE || !(st.rhs() instanceof Expr.Call c)) continue;
            DistributionSpec spec = Registry.distribution(c.function().equals("dmvnorm2") ? "multi_normal" : c.function()).orElse(null);
            if (spec == null) continue;
            boolean mvnorm2 = c.function().equals("dmvnorm2");
            if (spec.name().equals("multi_normal") && c.args().size() == 3) {
                Size k = dimension(st, c.args().get(0));
                if (k == null) continue;
                Symbol rho = untyped(c.args().get(mvnorm2 ? 2 : 1));
                if (rho != null) {
                    rho.shape(new Shape.Matrix(k, k));
                    rho.transform(Registry.transform("corr_matrix").orElseThrow(), k);
                }
                Symbol sigma = untyped(c.args().get(mvnorm2 ? 1 : 2));
                if (sigma != null) sigma.shape(new Shape.Vector(k));
            } else if (spec.name().equals("ordered_logistic") && c.args().size() == 2
                    && st.target() instanceof Statement.Target.Symbol t && t.index().isEmpty()) {
                Symbol y = symbols.get(t.name().name());
                Symbol cut = untyped(c.args().get(1));
                if (y == null || !y.isData() || cut == null) continue;
                Size k = new Size.Sum(sizes.of(t.name(), y, "index"), new Size.Const(-1));
                cut.shape(new Shape.Vector(k));
                cut.transform(Registry.transform("ordered").orElseThrow(), k);
            }
        }
    }

    /** Bare parameters with a start value of several values become vectors of that length. */
    private void startLengths(Program program) {
        for (Program.Option o : program.options()) {
            if (!"start".equals(o.name()) || !(o.value() instanceof Expr.Call list) || !list.function().equals("list")) continue;
            for (int k = 0; k < list.args().size(); k++) {
                String name = list.argNames().get(k);
                if (name == null) continue;
                Symbol p = untyped(new Expr.Name(name.replaceAll("[^A-Za-z0-9_]", "_"), name, o.span()));
                if (p == null) continue;
                Size n = length(list.args().get(k));
                if (n != null && n.constant() != 1) p.shape(new Shape.Vector(n));
            }
        }
    }

    /**
     * The number of values of an R start expression ({@code 0}, {@code c(1, 2)}, {@code rep(0, K)},
     * {@code rep(0, ncol(B))}, {@code seq_len(n)}, {@code numeric(K)}, {@code rep_len(x, n)}, a data
     * column), or null where it cannot be told before the data are read.
     */
    private Size length(Expr e) {
        if (e instanceof Expr.Num || e instanceof Expr.Unary u && u.operand() instanceof Expr.Num) return new Size.Const(1);
        if (e instanceof Expr.Binary b && !b.op().isComparison() && b.op() != Expr.BinaryOp.RANGE && b.op() != Expr.BinaryOp.MATMUL) {
            Size l = length(b.left());
            Size r = length(b.right());
            if (l == null || r == null) return null;
            return l.constant() == 1 ? r : l;   // R recycles the shorter operand
        }
        if (e instanceof Expr.Name n) {
            Symbol s = symbols.get(n.name());
            if (s == null || !s.isData()) return null;
            return s.shape().count();
        }
        if (!(e instanceof Expr.Call c)) return null;
        List<Expr> a = c.args();
        switch (c.function()) {
            case "c" -> {
                Size sum = null;
                for (Expr x : a) {
                    Size n = length(x);
                    if (n == null) return null;
                    sum = sum == null ? n : new Size.Sum(sum, n);
                }
                return sum == null ? null : fold(sum);
            }
            case "rep" -> {
                if (a.size() != 2 || c.argNames().get(1) != null && !c.argNames().get(1).equals("times")) return null;
                Size x = length(a.get(0));
                Size times = count(a.get(1));
                return x == null || times == null ? null : x.constant() == 1 ? times : fold(new Size.Product(x, times));
            }
            case "rep_len", "numeric", "seq_len", "double" -> {
                return a.isEmpty() ? null : count(a.get(a.size() - 1));
            }
            default -> {
                return null;
            }
        }
    }

    /** A whole number of an R start expression: a literal, {@code ncol(B)}, {@code nrow(B)}, {@code length(x)}, a data scalar. */
    private Size count(Expr e) {
        if (e instanceof Expr.Num n && n.integer() && n.value() >= 0) return new Size.Const((int) n.value());
        if (e instanceof Expr.Name n) {
            Symbol s = symbols.get(n.name());
            return s != null && s.kind() == Kind.DATA && s.shape().isScalar() ? new Size.DataScalar(s) : null;
        }
        if (e instanceof Expr.Call c && c.args().size() == 1 && c.args().get(0) instanceof Expr.Name n) {
            Symbol s = symbols.get(n.name());
            if (s == null || !s.isData()) return null;
            Shape sh = s.shape();
            return switch (c.function()) {
                case "ncol" -> sh instanceof Shape.Matrix m ? m.cols() : null;
                case "nrow" -> sh instanceof Shape.Matrix m ? m.rows() : sh.count();
                case "length" -> sh.count();
                default -> null;
            };
        }
        return null;
    }

    private static Size fold(Size s) {
        int c = s.constant();
        return c >= 0 ? new Size.Const(c) : s;
    }

    /** K of a multi_normal line: the stacked names, a c(...) mean, or the declared outcome length; null if unknown. */
    private Size dimension(Statement st, Expr mu) {
        if (st.target() instanceof Statement.Target.Stack s) return new Size.Const(s.names().size());
        if (mu instanceof Expr.Call m && (m.function().equals("c") || m.function().equals("append_row"))) {
            return new Size.Const(m.args().size());
        }
        if (st.type() != null && st.type().dims().size() == 1 && st.target() instanceof Statement.Target.Symbol t) {
            return sizes.of(st.type().dims().get(0), symbols.get(t.name().name()), "size");
        }
        return null;
    }

    /** The parameter a bare name denotes, if it was written without a type, index or shape; else null. */
    private Symbol untyped(Expr e) {
        if (!(e instanceof Expr.Name n)) return null;
        Symbol s = symbols.get(n.name());
        if (s == null || s.kind() != Kind.PARAMETER || s.transform() != null || !s.shape().isScalar()) return null;
        Statement st = s.statement();
        if (st.type() != null || !Syntax.indexOf(st.target()).isEmpty()) return null;
        return s;
    }

}
