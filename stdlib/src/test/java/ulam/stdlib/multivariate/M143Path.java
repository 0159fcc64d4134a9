package ulam.stdlib.multivariate;

import ulam.stdlib.dist.LkjCorr;
import ulam.stdlib.dist.LkjCorrCholesky;
import ulam.stdlib.dist.MultiNormal;
import ulam.stdlib.dist.MultiNormalCholesky;
import ulam.stdlib.linalg.Cholesky;
import ulam.stdlib.linalg.GaussianProcess;
import ulam.stdlib.linalg.Matrices;
import ulam.stdlib.transform.CholeskyFactorCorr;
import ulam.stdlib.transform.CorrMatrix;
import ulam.stdlib.transform.CovMatrix;

/**
 * The library calls a compiled model makes per gradient evaluation, in the order generated code
 * makes them, with every buffer preallocated as the code generator allocates it: the
 * multivariate part of the chimpanzees varying-slopes model m14.3 (two groups, K = 4, non-centred
 * Cholesky form: cholesky_factor_corr, lkj_corr_cholesky, diag_pre_multiply, multiply, transpose
 * and the adjoints), and, for the allocation test, the other multivariate paths (multi_normal rows
 * sharing a Sigma built by quad_form_diag from a corr_matrix, cov_matrix, a GP covariance through
 * cholesky_decompose and multi_normal_cholesky, lkj_corr).
 */
final class M143Path {
    static final int K = 4;

    /** One group's buffers: q of L, sigma, z (K x J), and the intermediates with their adjoints. */
    static final class Group {
        final int j;
        final double[] q = new double[K * (K - 1) / 2];
        final double[] l = new double[K * K];
        final double[] sigma = new double[K];
        final double[] z;
        final double[] a = new double[K * K];
        final double[] b;
        final double[] alpha;
        final double[] alphaAdj;
        final double[] bAdj;
        final double[] aAdj = new double[K * K];
        final double[] lAdj = new double[K * K];
        final double[] dL = new double[K * K];
        final double[] sigmaAdj = new double[K];
        final double[] zAdj;
        final double[] g = new double[K * (K - 1) / 2];
        final double[] d = new double[2];

        Group(int j, long seed) {
            this.j = j;
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            z = new double[K * j];
            b = new double[K * j];
            alpha = new double[j * K];
            alphaAdj = new double[j * K];
            bAdj = new double[K * j];
            zAdj = new double[K * j];
            for (int i = 0; i < q.length; i++) q[i] = r.nextDouble(-1, 1);
            for (int i = 0; i < K; i++) sigma[i] = r.nextDouble(0.2, 2);
            for (int i = 0; i < z.length; i++) z[i] = r.nextGaussian();
            for (int i = 0; i < alphaAdj.length; i++) alphaAdj[i] = r.nextGaussian();
        }

        /** Forward and reverse of one group; returns its log-density part (plus a checksum of the gradient). */
        double run() {
            double lp = CholeskyFactorCorr.constrain(q, 0, K, l, 0);
            lp += LkjCorrCholesky.kernel(l, 0, 2.0, K, d, dL);
            Matrices.diagPreMultiply(sigma, 0, l, 0, K, K, a, 0);
            Matrices.multiply(a, 0, z, 0, K, K, j, b, 0);
            Matrices.transpose(b, 0, K, j, alpha, 0);
            // reverse: alpha's adjoint comes from the likelihood (fixed here)
            java.util.Arrays.fill(bAdj, 0.0);
            java.util.Arrays.fill(aAdj, 0.0);
            java.util.Arrays.fill(zAdj, 0.0);
            java.util.Arrays.fill(sigmaAdj, 0.0);
            System.arraycopy(dL, 0, lAdj, 0, K * K);
            Matrices.transposeBackward(b, 0, K, j, alpha, 0, alphaAdj, 0, d, bAdj, 0);
            Matrices.multiplyBackward(a, 0, z, 0, K, K, j, b, 0, bAdj, 0, d, aAdj, 0, zAdj, 0);
            Matrices.diagPreMultiplyBackward(sigma, 0, l, 0, K, K, a, 0, aAdj, 0, d, sigmaAdj, 0, lAdj, 0);
            CholeskyFactorCorr.backward(q, 0, K, l, 0, lAdj, 0, g, 0);
            return lp + g[0] + sigmaAdj[0] + zAdj[0] + alpha[0];
        }
    }

    final Group actor = new Group(7, 1);
    final Group block = new Group(6, 2);

    double gradient() {
        return actor.run() + block.run();
    }

    // ------------------------------------------------------------------ the other paths

    final double[] qc = new double[K * (K - 1) / 2];
    final double[] omega = new double[K * K];
    final double[] scales = {0.5, 1, 1.5, 2};
    final double[] sigmaMatrix = new double[K * K];
    final double[] rows = new double[20 * K];
    final double[] mu = new double[K];
    final double[] dy = new double[K];
    final double[] dmu = new double[K];
    final double[] dS = new double[K * K];
    final double[] sAdj = new double[K * K];
    final double[] omegaAdj = new double[K * K];
    final double[] scalesAdj = new double[K];
    final double[] gc = new double[K * (K - 1) / 2];
    final double[] qv = new double[K * (K + 1) / 2];
    final double[] cov = new double[K * K];
    final double[] gv = new double[K * (K + 1) / 2];
    final double[] dist = new double[25];
    final double[] gp = new double[25];
    final double[] gpL = new double[25];
    final double[] gpLAdj = new double[25];
    final double[] gpAdj = new double[25];
    final double[] y5 = {0.1, -0.3, 0.2, 0.5, -0.1};
    final double[] zero5 = new double[5];
    final double[] d4 = new double[4];

    M143Path() {
        for (int i = 0; i < qc.length; i++) qc[i] = 0.3 - 0.2 * i;
        for (int i = 0; i < rows.length; i++) rows[i] = Math.sin(i);
        for (int i = 0; i < qv.length; i++) qv[i] = 0.1 * i - 0.2;
        for (int i = 0; i < 5; i++) for (int j = 0; j < 5; j++) dist[i + 5 * j] = Math.abs(i - j) * 0.7;
    }

    double others() {
        double lp = CorrMatrix.constrain(qc, 0, K, omega, 0);
        lp += LkjCorr.kernel(omega, 0, 2.0, K, d4, omegaAdj);
        Matrices.quadFormDiag(omega, 0, scales, 0, K, sigmaMatrix, 0);
        java.util.Arrays.fill(sAdj, 0.0);
        for (int r = 0; r < 20; r++) {
            lp += MultiNormal.kernel(rows, r * K, mu, 0, sigmaMatrix, 0, K, d4, dy, dmu, dS);
            for (int i = 0; i < K * K; i++) sAdj[i] += dS[i];
        }
        Matrices.quadFormDiagBackward(omega, 0, scales, 0, K, sigmaMatrix, 0, sAdj, 0, d4, omegaAdj, 0, scalesAdj, 0);
        CorrMatrix.backward(qc, 0, K, omega, 0, omegaAdj, 0, gc, 0);
        lp += CovMatrix.constrain(qv, 0, K, cov, 0);
        CovMatrix.backward(qv, 0, K, cov, 0, omegaAdj, 0, gv, 0);
        GaussianProcess.covGPL2(dist, 0, 1.2, 0.8, 0.01, 5, gp, 0);
        Cholesky.choleskyDecompose(gp, 0, 5, gpL, 0);
        lp += MultiNormalCholesky.kernel(y5, 0, zero5, 0, gpL, 0, 5, d4, null, null, gpLAdj);
        java.util.Arrays.fill(gpAdj, 0.0);
        Cholesky.choleskyDecomposeBackward(gp, 0, 5, gpL, 0, gpLAdj, 0, d4, gpAdj, 0);
        GaussianProcess.covGPL2Backward(dist, 0, 1.2, 0.8, 0.01, 5, gp, 0, gpAdj, 0, d4, null, 0);
        return lp + gc[0] + gv[0] + d4[1] + scalesAdj[0];
    }
}
