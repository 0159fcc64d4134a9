package ulam.compiler.stanfront;

import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import ulam.grammar.StanParser;
import ulam.stdlib.dist.Bernoulli;
import ulam.stdlib.dist.BernoulliLogit;
import ulam.stdlib.dist.Binomial;
import ulam.stdlib.dist.Cauchy;
import ulam.stdlib.dist.Exponential;
import ulam.stdlib.dist.Gamma;
import ulam.stdlib.dist.LogNormal;
import ulam.stdlib.dist.Normal;
import ulam.stdlib.dist.Poisson;
import ulam.stdlib.dist.PoissonLog;
import ulam.stdlib.dist.StudentT;
import ulam.stdlib.dist.Uniform;

/**
 * The univariate densities and random draws {@link StanInterpreter} evaluates (Stan functions
 * reference, "Continuous/Discrete distributions"): {@code NAME_lpdf(y | ...)} and
 * {@code NAME_lpmf}, with every constant kept, the sum over the elements when an argument is a
 * container (the others broadcast, as Stan's vectorised signatures); and {@code NAME_rng(...)}
 * from the interpreter's random stream (generated quantities run on a draw), one draw per element
 * of the container arguments. The maths is the stdlib's ({@code ulam.stdlib.dist}).
 */
final class DataDistributions {
    private DataDistributions() {}

    private interface Density {
        double at(double[] a);
    }

    private interface Draw {
        double at(UniformRandomProvider rng, double[] a);
    }

    /** Name, then the number of arguments with the variate, and the log density of those arguments. */
    private record Lp(int arity, Density f) {}

    /** Name, then the number of parameters, whether the draw is an int, and the draw. */
    private record Rng(int arity, boolean isInt, Draw f) {}

    private static final Map<String, Lp> DENSITIES = Map.ofEntries(
            Map.entry("normal", new Lp(3, a -> Normal.lpdf(a[0], a[1], a[2]))),
            Map.entry("std_normal", new Lp(1, a -> Normal.lpdf(a[0], 0, 1))),
            Map.entry("exponential", new Lp(2, a -> Exponential.lpdf(a[0], a[1]))),
            Map.entry("cauchy", new Lp(3, a -> Cauchy.lpdf(a[0], a[1], a[2]))),
            Map.entry("student_t", new Lp(4, a -> StudentT.lpdf(a[0], a[1], a[2], a[3]))),
            Map.entry("gamma", new Lp(3, a -> Gamma.lpdf(a[0], a[1], a[2]))),
            Map.entry("lognormal", new Lp(3, a -> LogNormal.lpdf(a[0], a[1], a[2]))),
            Map.entry("uniform", new Lp(3, a -> Uniform.lpdf(a[0], a[1], a[2]))),
            Map.entry("poisson", new Lp(2, a -> Poisson.lpdf((int) a[0], a[1]))),
            Map.entry("poisson_log", new Lp(2, a -> PoissonLog.lpdf((int) a[0], a[1]))),
            Map.entry("bernoulli", new Lp(2, a -> Bernoulli.lpdf((int) a[0], a[1]))),
            Map.entry("bernoulli_logit", new Lp(2, a -> BernoulliLogit.lpdf((int) a[0], a[1]))),
            Map.entry("binomial", new Lp(3, a -> Binomial.lpdf((int) a[0], (int) a[1], a[2]))));

    private static final Map<String, Rng> DRAWS = Map.ofEntries(
            Map.entry("normal", new Rng(2, false, (r, a) -> Normal.rng(r, a[0], a[1]))),
            Map.entry("std_normal", new Rng(0, false, (r, a) -> Normal.rng(r, 0, 1))),
            Map.entry("exponential", new Rng(1, false, (r, a) -> Exponential.rng(r, a[0]))),
            Map.entry("cauchy", new Rng(2, false, (r, a) -> Cauchy.rng(r, a[0], a[1]))),
            Map.entry("student_t", new Rng(3, false, (r, a) -> StudentT.rng(r, a[0], a[1], a[2]))),
            Map.entry("gamma", new Rng(2, false, (r, a) -> Gamma.rng(r, a[0], a[1]))),
            Map.entry("lognormal", new Rng(2, false, (r, a) -> LogNormal.rng(r, a[0], a[1]))),
            Map.entry("uniform", new Rng(2, false, (r, a) -> Uniform.rng(r, a[0], a[1]))),
            Map.entry("poisson", new Rng(1, true, (r, a) -> Poisson.rng(r, a[0]))),
            Map.entry("poisson_log", new Rng(1, true, (r, a) -> PoissonLog.rng(r, a[0]))),
            Map.entry("bernoulli", new Rng(1, true, (r, a) -> Bernoulli.rng(r, a[0]))),
            Map.entry("bernoulli_logit", new Rng(1, true, (r, a) -> BernoulliLogit.rng(r, a[0]))),
            Map.entry("binomial", new Rng(2, true, (r, a) -> Binomial.rng(r, (int) a[0], a[1]))));

    /** Whether {@code fn} is one of these functions. */
    static boolean knows(String fn) {
        int u = fn.lastIndexOf('_');
        if (u < 0) return false;
        String family = fn.substring(0, u);
        return switch (fn.substring(u + 1)) {
            case "lpdf", "lpmf", "lupdf", "lupmf" -> DENSITIES.containsKey(family);
            case "rng" -> DRAWS.containsKey(family);
            default -> false;
        };
    }

    /**
     * The value of a call {@link #knows} knows.
     *
     * @throws ulam.runtime.UlamException located: the wrong number of arguments, containers of
     *         different sizes, an {@code _rng} function where there is no random stream
     */
    static StanValue call(StanInterpreter in, StanParser.CallExprContext c, List<StanValue> a) {
        String fn = c.fn.getText();
        int u = fn.lastIndexOf('_');
        String family = fn.substring(0, u);
        boolean rng = fn.endsWith("_rng");
        int arity = rng ? DRAWS.get(family).arity() : DENSITIES.get(family).arity();
        if (a.size() != arity) throw in.error(c, fn + "() takes " + arity + " argument" + (arity == 1 ? "" : "s") + ", here " + a.size(), null);
        StanValue shape = null;
        for (StanValue x : a) {
            if (x.isScalar()) continue;
            if (shape != null && x.size() != shape.size()) {
                throw in.error(c, fn + "(): arguments of different sizes (" + shape.describe() + " and " + x.describe() + ")", null);
            }
            shape = x;
        }
        int n = shape == null ? 1 : shape.size();
        double[] args = new double[arity];
        if (rng) {
            if (in.rng() == null) throw in.error(c, fn + "() draws random numbers, which only generated quantities may do", null);
            Rng r = DRAWS.get(family);
            double[] out = new double[n];
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < arity; j++) args[j] = a.get(j).isScalar() ? a.get(j).scalarValue() : a.get(j).v()[k];
                out[k] = r.f().at(in.rng(), args);
            }
            if (shape == null) return StanValue.scalar(out[0], r.isInt());
            int[] dims = {n};   // Stan: a container argument gives an array of draws
            return new StanValue(dims, out, r.isInt() ? "int" : "real");
        }
        Density f = DENSITIES.get(family).f();
        double s = 0;
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < arity; j++) args[j] = a.get(j).isScalar() ? a.get(j).scalarValue() : a.get(j).v()[k];
            s += f.at(args);
        }
        return StanValue.scalar(s, false);
    }
}
