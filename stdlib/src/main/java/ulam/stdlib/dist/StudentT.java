package ulam.stdlib.dist;

import org.apache.commons.numbers.gamma.GammaRatio;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.TSampler;
import ulam.stdlib.math.Memo;
import ulam.stdlib.math.Numerics;

/**
 * Student's t distribution student_t(y | nu, mu, sigma): degrees of freedom nu &gt; 0 (finite),
 * location mu (real, finite), scale sigma &gt; 0; outcome y real. Stan Functions Reference,
 * "Student-t distribution": with z = (y - mu) / sigma,
 * log density = log Gamma((nu + 1) / 2) - log Gamma(nu / 2) - log(nu pi) / 2 - log(sigma)
 * - (nu + 1) / 2 log(1 + z^2 / nu).
 * The ratio of gamma functions is evaluated as one ratio (commons-numbers {@link GammaRatio}),
 * which stays accurate for large nu; it and the digamma difference of the nu partial are kept per
 * thread for the last nu ({@link Memo}), so a likelihood loop with a fixed nu pays for them once.
 * Rules for invalid input and {@code d}: {@link ulam.stdlib.dist}.
 */
public final class StudentT {
    private StudentT() {}

    /** Per-thread {nu, log Gamma((nu+1)/2) - log Gamma(nu/2), psi((nu+1)/2) - psi(nu/2)}; see {@link Memo}. */
    private static final ThreadLocal<double[]> MEMO = Memo.create(3);

    private static double[] specials(double nu) {
        double[] m = MEMO.get();
        if (m[0] != nu) {
            m[1] = -Math.log(GammaRatio.delta(0.5 * nu, 0.5));
            m[2] = Numerics.digamma(0.5 * (nu + 1.0)) - Numerics.digamma(0.5 * nu);
            m[0] = nu;
        }
        return m;
    }

    /** The log density, natural log, constants kept; NaN for invalid arguments. */
    public static double lpdf(double y, double nu, double mu, double sigma) {
        if (!valid(nu, mu, sigma)) {
            return Double.NaN;
        }
        double z = (y - mu) / sigma;
        double w = z * z / nu;
        return logNormaliser(nu, sigma) - 0.5 * (nu + 1.0) * Numerics.log1p(w);
    }

    /**
     * The log density (same value as {@link #lpdf}) and its partials, with z = (y - mu) / sigma,
     * w = z^2 / nu and A = 1 + w: d[0] = d/dy = -(nu + 1) z / (nu sigma A), d[1] = d/dnu =
     * (psi((nu + 1) / 2) - psi(nu / 2) - 1 / nu - log A + (nu + 1) w / (nu A)) / 2 (psi the digamma
     * function), d[2] = d/dmu = -d[0], d[3] = d/dsigma = (z^2 - 1) / (sigma A).
     */
    public static double kernel(double y, double nu, double mu, double sigma, double[] d) {
        if (!valid(nu, mu, sigma)) {
            return Double.NaN;
        }
        double invSigma = 1.0 / sigma;
        double invNu = 1.0 / nu;
        double z = (y - mu) * invSigma;
        double z2 = z * z;
        double w = z2 * invNu;
        double a = 1.0 + w;
        double invA = 1.0 / a;
        double logA = Numerics.log1p(w);
        double nuPlusOne = nu + 1.0;
        double dy = -nuPlusOne * z * invSigma * invNu * invA;
        d[0] = dy;
        double[] m = specials(nu);
        d[1] = 0.5 * (m[2] - invNu - logA + nuPlusOne * w * invNu * invA);
        d[2] = -dy;
        d[3] = (z2 - 1.0) * invSigma * invA;
        return m[1] - 0.5 * Math.log(Math.PI * nu * sigma * sigma) - 0.5 * nuPlusOne * logA;
    }

    private static boolean valid(double nu, double mu, double sigma) {
        return Numerics.isPositiveFinite(nu) && Numerics.isPositiveFinite(sigma) && Numerics.isFinite(mu);
    }

    /** log Gamma((nu+1)/2) - log Gamma(nu/2) - log(nu pi sigma^2) / 2. */
    private static double logNormaliser(double nu, double sigma) {
        return specials(nu)[1] - 0.5 * Math.log(Math.PI * nu * sigma * sigma);
    }

    /** One draw: mu + sigma T, T a standard t variate (commons-rng {@link TSampler}). */
    public static double rng(UniformRandomProvider rng, double nu, double mu, double sigma) {
        Arguments.positive("student_t", "nu", nu);
        Arguments.finite("student_t", "mu", mu);
        Arguments.positive("student_t", "sigma", sigma);
        return mu + sigma * TSampler.of(rng, nu).sample();
    }

    /**
     * The summands of the log density that Stan's {@code ~} leaves out ({@link Propto};
     * Stan Math's {@code include_summand<propto, ...>}): -log(pi) / 2; lgamma((nu + 1) / 2) - lgamma(nu / 2) - log(nu) / 2 when nu is data; -log(sigma) when sigma is; the whole log density when every
     * operand is data.
     *
     * @param data which operands are data (bit 0 the outcome, bit j argument j)
     * @return the dropped summands, natural log; only the operands that are data are read
     */
    public static double dropped(int data, double y, double nu, double mu, double sigma) {
        if (Propto.all(data, 3)) return lpdf(y, nu, mu, sigma);
        double c = -0.5 * Numerics.LOG_PI;
        if (Propto.data(data, 1)) c += Numerics.lgamma(0.5 * (nu + 1.0)) - Numerics.lgamma(0.5 * nu) - 0.5 * Math.log(nu);
        if (Propto.data(data, 3)) c -= Math.log(sigma);
        return c;
    }
}
