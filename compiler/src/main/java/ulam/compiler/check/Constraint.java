package ulam.compiler.check;

/**
 * The support of a parameter, enforced by a constraining transform (Stan reference manual,
 * "Constraint transforms"). Bounds are scalar expressions (usually literals) of the data and, for
 * a bound given in {@code constraints=list(...)} or a Stan declaration, of the parameters
 * declared before this one ({@code upper=1 - alpha1}).
 *
 * @param lower  lower bound or null
 * @param upper  upper bound or null
 * @param origin what imposed it, for {@code ulam check} ("prior exponential", "scale of normal", ...)
 */
public record Constraint(TExpr lower, TExpr upper, String origin) {

    /** No constraint. */
    public static final Constraint NONE = new Constraint(null, null, null);

    /** Whether it constrains anything. */
    public boolean isNone() {
        return lower == null && upper == null;
    }

    /** Stan's spelling, {@code <lower=0>}. */
    public String describe() {
        if (isNone()) return "";
        StringBuilder sb = new StringBuilder("<");
        if (lower != null) sb.append("lower=").append(text(lower));
        if (upper != null) sb.append(lower != null ? "," : "").append("upper=").append(text(upper));
        return sb.append('>').toString();
    }

    private static String text(TExpr e) {
        if (e instanceof TExpr.Num n) {
            double v = n.value();
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
        if (e instanceof TExpr.Ref r && r.index() == null) return r.symbol().name();
        return TExprs.show(e);
    }
}
