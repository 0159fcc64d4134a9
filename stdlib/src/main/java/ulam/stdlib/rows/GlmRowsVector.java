package ulam.stdlib.rows;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
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
        double[] lane = gradient ? new double[L] : null;
        DoubleVector lp = DoubleVector.zero(D);
        DoubleVector one = DoubleVector.broadcast(D, 1.0);
        VectorMask<Double> outside = D.maskAll(false);
        int i = lo;
        for (; i + L <= hi; i += L) {
            DoubleVector eta = eta(i, alpha, coef, cols, par, idx);
            DoubleVector yv = ints(y, i);
            DoubleVector nv = n == null ? one : ints(n, i);
            outside = outside.or(yv.lt(0.0)).or(yv.compare(VectorOperators.GT, nv));
            DoubleVector e = eta.abs().neg().lanewise(VectorOperators.EXP);
            DoubleVector u = e.add(1.0);
            VectorMask<Double> pos = eta.compare(VectorOperators.GT, 0.0);
            DoubleVector l = e.lanewise(VectorOperators.LOG1P);
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
        return lp.reduceLanes(VectorOperators.ADD) + rest;
    }

    static double poissonLog(int lo, int hi, int[] y, double alpha, double[] coef, double[][] cols,
                             double[] par, int[][] idx, double[] dPar, double[] dOut) {
        boolean gradient = dPar != null;
        int k = coef.length;
        double[] acc = gradient ? new double[(k + 1) * L] : null;
        double[] lane = gradient ? new double[L] : null;
        DoubleVector lp = DoubleVector.zero(D);
        VectorMask<Double> outside = D.maskAll(false);
        int i = lo;
        for (; i + L <= hi; i += L) {
            DoubleVector eta = eta(i, alpha, coef, cols, par, idx);
            DoubleVector yv = ints(y, i);
            outside = outside.or(yv.lt(0.0));
            DoubleVector rate = eta.lanewise(VectorOperators.EXP);
            lp = lp.add(yv.mul(eta).sub(rate));
            if (gradient) scatter(yv.sub(rate), i, cols, idx, dPar, acc, lane);
        }
        double[] tail = new double[k + 1];
        double rest = GlmRows.poissonLogScalar(i, hi, y, alpha, coef, cols, par, idx, dPar, gradient ? tail : null);
        if (gradient) finish(k, acc, dOut, tail);
        if (outside.anyTrue()) return Double.NEGATIVE_INFINITY;
        return lp.reduceLanes(VectorOperators.ADD) + rest;
    }
}
