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
 * {@code ordered[max(y) - 1]}.
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
