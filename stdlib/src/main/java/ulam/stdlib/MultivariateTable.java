package ulam.stdlib;

import static ulam.stdlib.Tables.block;
import static ulam.stdlib.Tables.dist;
import static ulam.stdlib.Tables.positive;
import static ulam.stdlib.Tables.shaped;
import static ulam.stdlib.ValueType.REAL;

import java.util.List;
import ulam.stdlib.dist.LkjCorr;
import ulam.stdlib.dist.LkjCorrCholesky;
import ulam.stdlib.dist.MultiNormal;
import ulam.stdlib.dist.MultiNormalCholesky;
import ulam.stdlib.dist.NormalIdGlm;
import ulam.stdlib.linalg.Cholesky;
import ulam.stdlib.linalg.GaussianProcess;
import ulam.stdlib.linalg.Matrices;
import ulam.stdlib.linalg.Softmax;
import ulam.stdlib.transform.CholeskyFactorCorr;
import ulam.stdlib.transform.CholeskyFactorCov;
import ulam.stdlib.transform.CorrMatrix;
import ulam.stdlib.transform.CovMatrix;
import ulam.stdlib.transform.Ordered;
import ulam.stdlib.transform.PositiveOrdered;
import ulam.stdlib.transform.Simplex;

/**
 * The registry's table of multivariate distributions, matrix functions and vector transforms
 * (second release). Calling conventions in {@link Signatures}; matrices column-major. Symmetric
 * matrix operands (multi_normal's Sigma, lkj_corr's outcome, cholesky_decompose's argument) take
 * partials and adjoints in the symmetric convention stated in {@code ulam.stdlib.linalg.Cholesky}.
 */
final class MultivariateTable {
    private MultivariateTable() {}

    private static final String VK = "vector[K]";
    private static final String MKK = "matrix[K,K]";

    static final List<DistributionSpec> DISTRIBUTIONS = List.of(
            dist("multi_normal", MultiNormal.class,
                    "multi_normal(mu, Sigma): multivariate normal with mean vector mu and covariance matrix Sigma")
                    .aliases("dmvnorm").outcomeShape(VK)
                    .args(shaped("mu", VK, Support.REAL), shaped("Sigma", MKK, Support.COV_MATRIX)).build(),
            dist("multi_normal_cholesky", MultiNormalCholesky.class,
                    "multi_normal_cholesky(mu, L): multivariate normal with mean mu and covariance L L^T, L a Cholesky factor")
                    .outcomeShape(VK)
                    .args(shaped("mu", VK, Support.REAL), shaped("L", MKK, Support.CHOLESKY_FACTOR_COV)).build(),
            dist("normal_id_glm", NormalIdGlm.class,
                    "normal_id_glm(X, alpha, beta, sigma): linear regression, y[i] ~ normal(alpha + X[i] * beta, sigma), sigma > 0")
                    .outcomeShape("vector[N]")
                    .args(shaped("X", "matrix[N,K]", Support.REAL), Tables.real("alpha"), shaped("beta", VK, Support.REAL),
                            positive("sigma")).build(),
            dist("lkj_corr", LkjCorr.class,
                    "lkj_corr(eta): LKJ distribution of correlation matrices, density proportional to det(Omega)^(eta-1), eta > 0")
                    .aliases("dlkjcorr", "lkjcorr").outcome(REAL, Support.CORR_MATRIX).outcomeShape(MKK)
                    .args(positive("eta")).build(),
            dist("lkj_corr_cholesky", LkjCorrCholesky.class,
                    "lkj_corr_cholesky(eta): LKJ distribution of L L^T for a Cholesky factor L of a correlation matrix, eta > 0")
                    .aliases("lkjcorrchol").outcome(REAL, Support.CHOLESKY_FACTOR_CORR).outcomeShape(MKK)
                    .args(positive("eta")).build());

    private static List<ValueType> reals(int n) {
        return java.util.Collections.nCopies(n, REAL);
    }

    static final List<FunctionSpec> FUNCTIONS = List.of(
            block("cholesky_decompose", Cholesky.class, "choleskyDecompose", reals(1), List.of(MKK), MKK,
                    "cholesky_decompose(A): the lower-triangular L with L L^T = A, A symmetric positive definite"),
            block("multiply_lower_tri_self_transpose", Cholesky.class, "multiplyLowerTriSelfTranspose", reals(1),
                    List.of(MKK), MKK,
                    "multiply_lower_tri_self_transpose(L): L L^T using the lower triangle of L (rethinking's Chol_to_Corr)"),
            block("diag_pre_multiply", Matrices.class, "diagPreMultiply", reals(2), List.of(VK, "matrix[K,N]"),
                    "matrix[K,N]", "diag_pre_multiply(v, M): diag(v) * M, row i of M scaled by v[i]"),
            block("diag_post_multiply", Matrices.class, "diagPostMultiply", reals(2), List.of("matrix[N,K]", VK),
                    "matrix[N,K]", "diag_post_multiply(M, v): M * diag(v), column j of M scaled by v[j]"),
            block("quad_form_diag", Matrices.class, "quadFormDiag", reals(2), List.of(MKK, VK), MKK,
                    "quad_form_diag(M, v): diag(v) * M * diag(v), e.g. a covariance from correlations M and scales v"),
            block("multiply", Matrices.class, "multiply", reals(2), List.of("matrix[R,M]", "matrix[M,C]"),
                    "matrix[R,C]", "multiply(A, B): the matrix product A * B (R's A %*% B)"),
            block("multiply_mv", Matrices.class, "multiplyMv", reals(2), List.of("matrix[R,C]", "vector[C]"),
                    "vector[R]", "multiply_mv(A, v): the matrix-vector product A * v"),
            block("transpose", Matrices.class, "transpose", reals(1), List.of("matrix[R,C]"), "matrix[C,R]",
                    "transpose(A): the transpose of A (R's t(A))", "t"),
            block("dot_product", Matrices.class, "dotProduct", reals(2), List.of(VK, VK), "",
                    "dot_product(u, v): sum of u[k] * v[k]"),
            block("rows_dot_product", Matrices.class, "rowsDotProduct", reals(2),
                    List.of("matrix[R,C]", "matrix[R,C]"), "vector[R]",
                    "rows_dot_product(A, B): the vector of dot products of the rows of A and B"),
            block("softmax", Softmax.class, "softmax", reals(1), List.of(VK), VK,
                    "softmax(v): exp(v) / sum(exp(v)), a simplex"),
            block("log_softmax", Softmax.class, "logSoftmax", reals(1), List.of(VK), VK,
                    "log_softmax(v): v - log_sum_exp(v), the log of softmax(v)"),
            block("log_sum_exp", Softmax.class, "logSumExp", reals(1), List.of(VK), "",
                    "log_sum_exp(v): log(sum(exp(v))) without overflow"),
            block("cov_GPL2", GaussianProcess.class, "covGPL2", reals(4), List.of("matrix[N,N]", "", "", ""),
                    "matrix[N,N]",
                    "cov_GPL2(D, etasq, rhosq, delta): K[i,j] = etasq * exp(-rhosq * D[i,j]^2), diagonal etasq + delta (rethinking)"),
            block("cov_GPL1", GaussianProcess.class, "covGPL1", reals(4), List.of("matrix[N,N]", "", "", ""),
                    "matrix[N,N]",
                    "cov_GPL1(D, etasq, rhosq, delta): K[i,j] = etasq * exp(-rhosq * D[i,j]), diagonal etasq + delta (rethinking)"),
            block("gp_exp_quad_cov", GaussianProcess.class, "gpExpQuadCov", reals(3), List.of("vector[N]", "", ""),
                    "matrix[N,N]",
                    "gp_exp_quad_cov(x, alpha, rho): K[i,j] = alpha^2 * exp(-(x[i] - x[j])^2 / (2 rho^2)) (Stan's exponentiated quadratic kernel)"),
            block("diag_matrix", Matrices.class, "diagMatrix", reals(1), List.of("vector[N]"), "matrix[N,N]",
                    "diag_matrix(v): the N x N matrix with v on the diagonal, zeros elsewhere"),
            block("cov_Pagel", GaussianProcess.class, "covPagel", reals(2), List.of("matrix[N,N]", ""), "matrix[N,N]",
                    "cov_Pagel(R, lambda): off-diagonal entries lambda * R[i,j], diagonal R[i,i] (rethinking's Pagel lambda)"));

    static final List<TransformSpec> TRANSFORMS = List.of(
            new TransformSpec("simplex", Simplex.class, VK, Support.SIMPLEX,
                    "simplex[K]: K positive values summing to 1 (K-1 free values, Stan's stick-breaking transform)"),
            new TransformSpec("ordered", Ordered.class, VK, Support.ORDERED,
                    "ordered[K]: K strictly increasing values (e.g. cutpoints)"),
            new TransformSpec("positive_ordered", PositiveOrdered.class, VK, Support.ORDERED,
                    "positive_ordered[K]: K strictly increasing positive values"),
            new TransformSpec("cholesky_factor_corr", CholeskyFactorCorr.class, MKK, Support.CHOLESKY_FACTOR_CORR,
                    "cholesky_factor_corr[K]: Cholesky factor L of a K x K correlation matrix (K(K-1)/2 free values)"),
            new TransformSpec("corr_matrix", CorrMatrix.class, MKK, Support.CORR_MATRIX,
                    "corr_matrix[K]: K x K correlation matrix (K(K-1)/2 free values)"),
            new TransformSpec("cov_matrix", CovMatrix.class, MKK, Support.COV_MATRIX,
                    "cov_matrix[K]: K x K covariance matrix, symmetric positive definite (K(K+1)/2 free values)"),
            new TransformSpec("cholesky_factor_cov", CholeskyFactorCov.class, MKK, Support.CHOLESKY_FACTOR_COV,
                    "cholesky_factor_cov[K]: K x K lower-triangular matrix with a positive diagonal (K(K+1)/2 free values)"));
}
