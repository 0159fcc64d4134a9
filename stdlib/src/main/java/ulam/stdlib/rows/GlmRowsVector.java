package ulam.stdlib.rows;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GlmRows}' rows computed {@link #lanes()} at a time with the JDK's Vector API (the
 * preferred shape of the machine: 8 doubles with AVX-512, 4 with AVX2): the predictor by
 * gathers and fused multiply-adds, {@code exp} and {@code log1p} by the library's vectorised
 * operators, the sums over rows per lane (added across lanes at the end), the varying effects'
 * adjoints scattered lane by lane (rows of one block may share a group). The rows left over after
 * the last full vector go one at a time through the scalar kernels. Loaded only when the module
 * {@code jdk.incubator.vector} is present ({@link GlmRows#VECTOR}).
 *
 * <p>Only operations that IEEE 754 rounds exactly (add, multiply, divide, fused multiply-add,
 * conversions, comparisons) are used, so the interpreted and the JIT-compiled forms of this code
 * give the same bits and seeded draws do not depend on when the JIT compiles it: {@code exp} and
 * {@code log1p} are written here as polynomials ({@link #exp}, {@link #log1pSmall}) rather than the
 * library's lanewise operators (whose compiled form, Intel's SVML, differs in the last bit from
 * their interpreted form), and the lanes are summed in a fixed order rather than by
 * {@code reduceLanes} (whose order is unspecified).
 */
final class GlmRowsVector {
    private GlmRowsVector() {}

    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I =
            VectorSpecies.of(int.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
    private static final int L = D.length();

    /** The rows per vector: 8 with AVX-512, 4 with AVX2, 2 with SSE or NEON. */
    static int lanes() {
        return L;
    }

    private static final double LOG2E = 1.4426950408889634;
    /** ln 2 split in two (fdlibm's ln2_hi, ln2_lo): k ln2_hi is exact for |k| below 2^20. */
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    /** 1.5 2^52: adding and subtracting it rounds a double below 2^51 to the nearest integer. */
    private static final double ROUNDER = 6755399441055744.0;
    private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
    /** 1/j! for j = 0 .. 13 (the Taylor series of exp on |r| at most ln(2)/2: error below 2e-17 relative). */
    private static final double[] EXP = new double[14];
    /** 1/(2j + 1) for j = 0 .. 9 (2 atanh(s) / (2 s) in powers of s^2, |s| at most 0.1716: error below 3e-17). */
    private static final double[] ATANH = new double[10];
    private static final double SQRT2_MINUS_1 = 0.41421356237309503;

    static {
        double f = 1;
        for (int j = 0; j < EXP.length; j++) {
            if (j > 0) f *= j;
            EXP[j] = 1.0 / f;
        }
        for (int j = 0; j < ATANH.length; j++) ATANH[j] = 1.0 / (2 * j + 1);
    }

    /**
     * exp(x), x clamped to [-700, 700], lane by lane: x = k ln 2 + r with k the nearest integer to
     * x / ln 2 and |r| at most ln(2)/2 (Cody and Waite's reduction, ln 2 in two parts), e^r by
     * its Taylor polynomial to degree 13, evaluated by Estrin's scheme (pairs, then powers r^2,
     * r^4, r^8: a dependency chain of 5 fused multiply-adds where Horner's has 13, which is what
     * limits the throughput), times 2^k built from its bits. Within 2 ulp of the correctly rounded value.
     */
    static DoubleVector exp(DoubleVector x) {
        x = x.max(-700.0).min(700.0);
        DoubleVector t = x.mul(LOG2E).add(ROUNDER);   // k in its low mantissa bits
        DoubleVector k = t.sub(ROUNDER);
        DoubleVector r = k.fma(DoubleVector.broadcast(D, -LN2_HI), x);
        r = k.fma(DoubleVector.broadcast(D, -LN2_LO), r);
        DoubleVector r2 = r.mul(r);
        DoubleVector r4 = r2.mul(r2);
        DoubleVector r8 = r4.mul(r4);
        DoubleVector q0 = r.fma(EXP[1], EXP[0]);
        DoubleVector q1 = r.fma(EXP[3], EXP[2]);
        DoubleVector q2 = r.fma(EXP[5], EXP[4]);
        DoubleVector q3 = r.fma(EXP[7], EXP[6]);
        DoubleVector q4 = r.fma(EXP[9], EXP[8]);
        DoubleVector q5 = r.fma(EXP[11], EXP[10]);
        DoubleVector q6 = r.fma(EXP[13], EXP[12]);
        DoubleVector w0 = q1.fma(r2, q0);
        DoubleVector w1 = q3.fma(r2, q2);
        DoubleVector w2 = q5.fma(r2, q4);
        DoubleVector v0 = w1.fma(r4, w0);
        DoubleVector v1 = q6.fma(r4, w2);
        DoubleVector p = v1.fma(r8, v0);
        // 2^k from k's bits in t (no double-to-long conversion, which is slow where it is not an instruction)
        LongVector bits = t.reinterpretAsLongs().sub(ROUNDER_BITS - 1023L).lanewise(VectorOperators.LSHL, 52);
        return p.mul(bits.reinterpretAsDoubles());
    }

    /**
     * log(1 + e) for e in [0, 1], lane by lane: for 1 + e below sqrt(2), 2 atanh(s) with
     * s = e / (2 + e); above, ln 2 + log(1 + f) with f = (e - 1) / 2, the same way; so |s| is at
     * most 0.1716 and the series s (1 + s^2/3 + s^4/5 + ...) needs 10 terms (Estrin's scheme in s^2).
     * Within 5 ulp (the rounding of 2 + e and of the division carry into s; the tests check it).
     */
    static DoubleVector log1pSmall(DoubleVector e) {
        VectorMask<Double> high = e.compare(VectorOperators.GT, SQRT2_MINUS_1);
        DoubleVector f = e.blend(e.sub(1.0).mul(0.5), high);
        DoubleVector s = f.div(f.add(2.0));
        DoubleVector z = s.mul(s);
        DoubleVector z2 = z.mul(z);
        DoubleVector z4 = z2.mul(z2);
        DoubleVector z8 = z4.mul(z4);
        DoubleVector q0 = z.fma(ATANH[1], ATANH[0]);
        DoubleVector q1 = z.fma(ATANH[3], ATANH[2]);
        DoubleVector q2 = z.fma(ATANH[5], ATANH[4]);
        DoubleVector q3 = z.fma(ATANH[7], ATANH[6]);
        DoubleVector q4 = z.fma(ATANH[9], ATANH[8]);
        DoubleVector w0 = q1.fma(z2, q0);
        DoubleVector w1 = q3.fma(z2, q2);
        DoubleVector p = q4.fma(z8, w1.fma(z4, w0));
        DoubleVector small = s.add(s).mul(p);
        DoubleVector zero = DoubleVector.zero(D);
        return zero.blend(LN2_LO, high).add(small).add(zero.blend(LN2_HI, high));
    }

    /** The lanes of {@code v} added in lane order. */
    private static double sum(DoubleVector v, double[] lane) {
        v.intoArray(lane, 0);
        double t = 0;
        for (int l = 0; l < L; l++) t += lane[l];
        return t;
    }

    private static DoubleVector ints(int[] a, int i) {
        return (DoubleVector) IntVector.fromArray(I, a, i).convertShape(VectorOperators.I2D, D, 0);
    }

    private static DoubleVector eta(int i, double alpha, double[] coef, double[][] cols, double[] par, int[][] idx) {
        DoubleVector eta = DoubleVector.broadcast(D, alpha);
        for (int k = 0; k < coef.length; k++) eta = DoubleVector.fromArray(D, cols[k], i).fma(DoubleVector.broadcast(D, coef[k]), eta);
        for (int[] ix : idx) eta = eta.add(DoubleVector.fromArray(D, par, 0, ix, i));
        return eta;
    }

    /** Adds the rows' adjoints {@code d}: to the per-lane sums in {@code acc} and, lane by lane, to {@code dPar}. */
    private static void scatter(DoubleVector d, int i, double[][] cols, int[][] idx, double[] dPar, double[] acc, double[] lane) {
        DoubleVector.fromArray(D, acc, 0).add(d).intoArray(acc, 0);
        for (int k = 0; k < cols.length; k++) {
            int o = (k + 1) * L;
            d.fma(DoubleVector.fromArray(D, cols[k], i), DoubleVector.fromArray(D, acc, o)).intoArray(acc, o);
        }
        if (idx.length == 0) return;
        d.intoArray(lane, 0);
        for (int[] ix : idx) {
            for (int l = 0; l < L; l++) dPar[ix[i + l]] += lane[l];
        }
    }

    private static void finish(int k, double[] acc, double[] dOut, double[] tail) {
        for (int j = 0; j <= k; j++) {
            double s = 0;
            for (int l = 0; l < L; l++) s += acc[j * L + l];
            dOut[j] = s + tail[j];
        }
    }

    static double binomialLogit(int lo, int hi, int[] y, int[] n, double alpha, double[] coef, double[][] cols,
                                double[] par, int[][] idx, double[] dPar, double[] dOut) {
        boolean gradient = dPar != null;
        int k = coef.length;
        double[] acc = gradient ? new double[(k + 1) * L] : null;
        double[] lane = new double[L];
        DoubleVector lp = DoubleVector.zero(D);
        DoubleVector one = DoubleVector.broadcast(D, 1.0);
        VectorMask<Double> outside = D.maskAll(false);
        int i = lo;
        for (; i + L <= hi; i += L) {
            DoubleVector eta = eta(i, alpha, coef, cols, par, idx);
            DoubleVector yv = ints(y, i);
            DoubleVector nv = n == null ? one : ints(n, i);
            outside = outside.or(yv.lt(0.0)).or(yv.compare(VectorOperators.GT, nv));
            DoubleVector e = exp(eta.abs().neg());
            DoubleVector u = e.add(1.0);
            VectorMask<Double> pos = eta.compare(VectorOperators.GT, 0.0);
            DoubleVector l = log1pSmall(e);
            // eta > 0: -n l - (n - y) eta; else y eta - n l
            DoubleVector linear = yv.sub(nv).mul(eta).blend(yv.mul(eta), pos.not());
            lp = lp.add(linear.sub(nv.mul(l)));
            if (gradient) {
                DoubleVector p = one.blend(e, pos.not()).div(u);   // inv_logit(eta)
                scatter(yv.sub(nv.mul(p)), i, cols, idx, dPar, acc, lane);
            }
        }
        double[] tail = new double[k + 1];
        double rest = GlmRows.binomialLogitScalar(i, hi, y, n, alpha, coef, cols, par, idx, dPar, gradient ? tail : null);
        if (gradient) finish(k, acc, dOut, tail);
        if (outside.anyTrue()) return Double.NEGATIVE_INFINITY;
        return sum(lp, lane) + rest;
    }

    static double poissonLog(int lo, int hi, int[] y, double alpha, double[] coef, double[][] cols,
                             double[] par, int[][] idx, double[] dPar, double[] dOut) {
        boolean gradient = dPar != null;
        int k = coef.length;
        double[] acc = gradient ? new double[(k + 1) * L] : null;
        double[] lane = new double[L];
        double[] tail = new double[k + 1];
        double[] part = gradient ? new double[k + 1] : null;
        double rest = 0;
        DoubleVector lp = DoubleVector.zero(D);
        VectorMask<Double> outside = D.maskAll(false);
        int i = lo;
        for (; i + L <= hi; i += L) {
            DoubleVector eta = eta(i, alpha, coef, cols, par, idx);
            if (eta.abs().compare(VectorOperators.GT, 700.0).anyTrue()) {
                // exp(eta) beyond the polynomial's range (or NaN): these rows one at a time
                rest += GlmRows.poissonLogScalar(i, i + L, y, alpha, coef, cols, par, idx, dPar, part);
                if (gradient) for (int j = 0; j <= k; j++) tail[j] += part[j];
                continue;
            }
            DoubleVector yv = ints(y, i);
            outside = outside.or(yv.lt(0.0));
            DoubleVector rate = exp(eta);
            lp = lp.add(yv.mul(eta).sub(rate));
            if (gradient) scatter(yv.sub(rate), i, cols, idx, dPar, acc, lane);
        }
        rest += GlmRows.poissonLogScalar(i, hi, y, alpha, coef, cols, par, idx, dPar, part);
        if (gradient) {
            for (int j = 0; j <= k; j++) tail[j] += part[j];
            finish(k, acc, dOut, tail);
        }
        if (outside.anyTrue()) return Double.NEGATIVE_INFINITY;
        return sum(lp, lane) + rest;
    }
}
