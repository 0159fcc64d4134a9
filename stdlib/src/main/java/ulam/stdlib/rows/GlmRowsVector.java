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
 * gathers and fused multiply-adds, {@code exp} and {@code log1p} by polynomials of our own, the
 * sums over rows per lane (added across lanes at the end), the varying effects' adjoints
 * scattered lane by lane (rows of one block may share a group). The rows left over after the last
 * full vector go one at a time through the scalar kernels. The vectors go in stages over chunks of
 * {@link GlmRows#CHUNK} rows through the caller's work array, so that nothing is allocated (see
 * the note above {@code etaStage}). Loaded only when the module {@code jdk.incubator.vector} is
 * present ({@link GlmRows#VECTOR}).
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

    /** The lanes {@code w[at .. at + L)} added in lane order. */
    private static double sumLanes(double[] w, int at) {
        double t = 0;
        for (int l = 0; l < L; l++) t += w[at + l];
        return t;
    }

    private static DoubleVector ints(int[] a, int i) {
        return (DoubleVector) IntVector.fromArray(I, a, i).convertShape(VectorOperators.I2D, D, 0);
    }

    private static DoubleVector eta(int i, double alpha, double[] w, double[][] cols, double[] par, int[][] idx) {
        DoubleVector eta = DoubleVector.broadcast(D, alpha);
        for (int k = 0; k < cols.length; k++) {
            eta = DoubleVector.fromArray(D, cols[k], i).fma(DoubleVector.broadcast(D, w[GlmRows.COEF + k]), eta);
        }
        for (int[] ix : idx) eta = eta.add(DoubleVector.fromArray(D, par, 0, ix, i));
        return eta;
    }

    /**
     * Adds the rows' adjoints (a vector at {@code w[at]}): to the per-lane sums in {@code w} (from
     * {@link GlmRows#acc}) and, lane by lane, to {@code dPar}.
     */
    private static void scatter(double[] w, int at, int i, double[][] cols, int[][] idx, double[] dPar) {
        DoubleVector d = DoubleVector.fromArray(D, w, at);
        int acc = GlmRows.acc(cols.length);
        DoubleVector.fromArray(D, w, acc).add(d).intoArray(w, acc);
        for (int k = 0; k < cols.length; k++) {
            int o = acc + (k + 1) * L;
            d.fma(DoubleVector.fromArray(D, cols[k], i), DoubleVector.fromArray(D, w, o)).intoArray(w, o);
        }
        for (int[] ix : idx) {
            for (int l = 0; l < L; l++) dPar[ix[i + l]] += w[at + l];
        }
    }

    /**
     * {@link GlmRows}' rows {@code [lo, hi)} of either family (the work form, see there): the full
     * vectors by {@link #binomialVectors} or {@link #poissonVectors}, the rows after the last one by
     * the scalar path; the per-lane adjoint sums added in lane order, then the tail's.
     */
    static double rows(boolean poisson, int lo, int hi, int[] y, int[] n, double alpha, double[][] cols,
                       double[] par, int[][] idx, double[] dPar, boolean gradient, double[] w) {
        int k = cols.length;
        int acc = GlmRows.acc(k);
        int tail = GlmRows.tail(k);
        if (gradient) {
            java.util.Arrays.fill(w, acc, acc + (k + 1) * L, 0.0);
            java.util.Arrays.fill(w, tail, tail + k + 1, 0.0);
        }
        int end = lo + (hi - lo) / L * L;
        double lp = poisson
                ? poissonVectors(lo, end, y, alpha, cols, par, idx, dPar, gradient, w)
                : binomialVectors(lo, end, y, n, alpha, cols, par, idx, dPar, gradient, w);
        double rest = GlmRows.scalar(poisson, end, hi, y, n, alpha, cols, par, idx, dPar, gradient, w, GlmRows.part(k));
        if (poisson) rest = w[GlmRows.fallback(k)] + rest;
        if (gradient) {
            int o = GlmRows.out(k);
            int part = GlmRows.part(k);
            for (int j = 0; j <= k; j++) w[tail + j] += w[part + j];
            for (int j = 0; j <= k; j++) {
                double s = 0;
                for (int l = 0; l < L; l++) s += w[acc + j * L + l];
                w[o + j] = s + w[tail + j];
            }
        }
        return lp + rest;
    }

    // The vectors of a block go through C2 in stages over chunks of GlmRows.CHUNK rows, each stage
    // a loop of its own whose values pass to the next through the work array: one method doing all
    // of it exceeds C2's node budget for inlining (NodeCountInliningCutoff), and a vector passed to
    // or returned from a method that is not inlined is boxed, about 300 bytes per 8 rows. So no
    // vector crosses a call that might not be inlined; the arithmetic, and so the bits, are as in
    // one loop.

    /** The predictor of rows {@code [c, ce)} into {@code w[s ..]}. */
    private static void etaStage(int c, int ce, double alpha, double[][] cols, double[] par, int[][] idx, double[] w, int s) {
        for (int i = c; i < ce; i += L) eta(i, alpha, w, cols, par, idx).intoArray(w, s + i - c);
    }

    /** {@code exp(-|eta|)} ({@code negative}) or {@code exp(eta)} of {@code m} rows at {@code w[s ..]}, into {@code w[s + CHUNK ..]}. */
    private static void expStage(int m, boolean negative, double[] w, int s) {
        if (negative) {   // two loops: a vector chosen by a condition would be boxed
            for (int j = 0; j < m; j += L) exp(DoubleVector.fromArray(D, w, s + j).abs().neg()).intoArray(w, s + GlmRows.CHUNK + j);
        } else {
            for (int j = 0; j < m; j += L) exp(DoubleVector.fromArray(D, w, s + j)).intoArray(w, s + GlmRows.CHUNK + j);
        }
    }

    /** {@code log1p(e)} of {@code m} rows at {@code w[s + CHUNK ..]}, into {@code w[s + 2 CHUNK ..]}. */
    private static void log1pStage(int m, double[] w, int s) {
        for (int j = 0; j < m; j += L) {
            log1pSmall(DoubleVector.fromArray(D, w, s + GlmRows.CHUNK + j)).intoArray(w, s + 2 * GlmRows.CHUNK + j);
        }
    }

    /** Adds {@code term} lane by lane to the per-lane log mass at {@code w[at ..]}. */
    private static void addLanes(DoubleVector term, double[] w, int at) {
        DoubleVector.fromArray(D, w, at).add(term).intoArray(w, at);
    }

    /** Rows {@code [lo, end)}, whole vectors, of binomial_logit: the lanes' log mass summed (-inf outside the support). */
    private static double binomialVectors(int lo, int end, int[] y, int[] n, double alpha, double[][] cols,
                                          double[] par, int[][] idx, double[] dPar, boolean gradient, double[] w) {
        int at = GlmRows.lanes(cols.length);
        int s = GlmRows.stages(cols.length);
        java.util.Arrays.fill(w, at, at + L, 0.0);
        boolean outside = false;
        for (int c = lo; c < end; c += GlmRows.CHUNK) {
            int ce = Math.min(end, c + GlmRows.CHUNK);
            etaStage(c, ce, alpha, cols, par, idx, w, s);
            expStage(ce - c, true, w, s);
            log1pStage(ce - c, w, s);
            if (binomialStage(c, ce, y, n, cols, idx, dPar, gradient, w, s)) outside = true;
        }
        return outside ? Double.NEGATIVE_INFINITY : sumLanes(w, at);
    }

    /** The log mass and adjoints of rows {@code [c, ce)} from their stages; whether one is outside the support. */
    private static boolean binomialStage(int c, int ce, int[] y, int[] n, double[][] cols, int[][] idx, double[] dPar,
                                         boolean gradient, double[] w, int s) {
        int at = GlmRows.lanes(cols.length);
        int dAt = s + 3 * GlmRows.CHUNK;
        boolean outside = false;
        DoubleVector one = DoubleVector.broadcast(D, 1.0);
        for (int i = c; i < ce; i += L) {
            int j = s + i - c;
            DoubleVector eta = DoubleVector.fromArray(D, w, j);
            DoubleVector e = DoubleVector.fromArray(D, w, j + GlmRows.CHUNK);
            DoubleVector l = DoubleVector.fromArray(D, w, j + 2 * GlmRows.CHUNK);
            DoubleVector yv = ints(y, i);
            DoubleVector nv = n == null ? one : ints(n, i);
            if (yv.lt(0.0).or(yv.compare(VectorOperators.GT, nv)).anyTrue()) outside = true;
            VectorMask<Double> pos = eta.compare(VectorOperators.GT, 0.0);
            // eta > 0: -n l - (n - y) eta; else y eta - n l
            DoubleVector linear = yv.sub(nv).mul(eta).blend(yv.mul(eta), pos.not());
            addLanes(linear.sub(nv.mul(l)), w, at);
            if (gradient) {
                DoubleVector p = one.blend(e, pos.not()).div(e.add(1.0));   // inv_logit(eta)
                yv.sub(nv.mul(p)).intoArray(w, dAt);
                scatter(w, dAt, i, cols, idx, dPar);
            }
        }
        return outside;
    }

    /**
     * Rows {@code [lo, end)}, whole vectors, of poisson_log; a vector with a predictor beyond the
     * polynomial's range (|eta| over 700, or NaN) goes one row at a time through the scalar path,
     * its d/d alpha and d/d coef added to the tail's, its log mass summed at {@link GlmRows#fallback}.
     */
    private static double poissonVectors(int lo, int end, int[] y, double alpha, double[][] cols,
                                         double[] par, int[][] idx, double[] dPar, boolean gradient, double[] w) {
        int at = GlmRows.lanes(cols.length);
        int s = GlmRows.stages(cols.length);
        java.util.Arrays.fill(w, at, at + L, 0.0);
        w[GlmRows.fallback(cols.length)] = 0;
        boolean outside = false;
        for (int c = lo; c < end; c += GlmRows.CHUNK) {
            int ce = Math.min(end, c + GlmRows.CHUNK);
            etaStage(c, ce, alpha, cols, par, idx, w, s);
            expStage(ce - c, false, w, s);
            if (poissonStage(c, ce, y, alpha, cols, par, idx, dPar, gradient, w, s)) outside = true;
        }
        return outside ? Double.NEGATIVE_INFINITY : sumLanes(w, at);
    }

    /** The log mass and adjoints of rows {@code [c, ce)} from their stages; whether one is outside the support. */
    private static boolean poissonStage(int c, int ce, int[] y, double alpha, double[][] cols, double[] par, int[][] idx,
                                        double[] dPar, boolean gradient, double[] w, int s) {
        int k = cols.length;
        int at = GlmRows.lanes(k);
        int tail = GlmRows.tail(k);
        int part = GlmRows.part(k);
        int fb = GlmRows.fallback(k);
        int dAt = s + 3 * GlmRows.CHUNK;
        boolean outside = false;
        for (int i = c; i < ce; i += L) {
            int j = s + i - c;
            DoubleVector eta = DoubleVector.fromArray(D, w, j);
            if (eta.abs().compare(VectorOperators.GT, 700.0).anyTrue()) {
                w[fb] += GlmRows.scalar(true, i, i + L, y, null, alpha, cols, par, idx, dPar, gradient, w, part);
                if (gradient) for (int t = 0; t <= k; t++) w[tail + t] += w[part + t];
                continue;
            }
            DoubleVector rate = DoubleVector.fromArray(D, w, j + GlmRows.CHUNK);
            DoubleVector yv = ints(y, i);
            if (yv.lt(0.0).anyTrue()) outside = true;
            addLanes(yv.mul(eta).sub(rate), w, at);
            if (gradient) {
                yv.sub(rate).intoArray(w, dAt);
                scatter(w, dAt, i, cols, idx, dPar);
            }
        }
        return outside;
    }
}
