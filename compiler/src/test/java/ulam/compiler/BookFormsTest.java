package ulam.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import ulam.compiler.testing.Models;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * Forms of the book's models pasted unchanged (docs/book.md): R code in the wrapper, a vector
 * whose length comes from {@code start=}, R's {@code sapply}, {@code *} of a matrix and a vector.
 * Log densities against closed forms, gradients against finite differences.
 */
class BookFormsTest {

    private static final double[] X = {-1.2, -0.4, 0.1, 0.7, 1.5};
    private static final double[] Y = {0.2, 0.35, 0.5, 0.61, 0.9};
    private static final DataSet XY = Models.json("{\"x\": [-1.2, -0.4, 0.1, 0.7, 1.5], \"y\": [0.2, 0.35, 0.5, 0.61, 0.9]}");

    private static double normal(double y, double mu, double sigma) {
        return new NormalDistribution(null, mu, sigma).logDensity(y);
    }

    /** Book m7.2: {@code b ~ dnorm(0, 10)} with {@code b[1]}, {@code b[2]} in the formula and {@code start=list(b=rep(0,2))}. */
    @Test
    void startValueOfSeveralValuesMakesAVector() {
        Model m = Models.inline("""
                m7.2 <- quap(
                    alist(
                        y ~ dnorm( mu , exp(log_sigma) ),
                        mu <- a + b[1]*x + b[2]*x^2,
                        a ~ dnorm( 0.5 , 1 ),
                        b ~ dnorm( 0 , 10 ),
                        log_sigma ~ dnorm( 0 , 1 )
                    ), data=d , start=list(b=rep(0,2)) )
                """, XY);
        assertEquals(List.of("a", "b[1]", "b[2]", "log_sigma"), List.of(m.outputNames()));
        double[] q = {0.4, 0.2, -0.3, -0.5};
        double expected = normal(q[0], 0.5, 1) + normal(q[1], 0, 10) + normal(q[2], 0, 10) + normal(q[3], 0, 1);
        for (int i = 0; i < X.length; i++) expected += normal(Y[i], q[0] + q[1] * X[i] + q[2] * X[i] * X[i], Math.exp(q[3]));
        assertEquals(expected, m.logDensity(q), 1e-10 * Math.abs(expected));
        Models.assertGradient(m, 1);
        // the length may come from the data: rep(0, ncol(B)), c(...), seq_len(K)
        DataSet b = Models.json("{\"D\": [1.0, 2.0, 0.5, 1.5], \"B\": [[1, 0.5, 0], [0, 1, 0.2], [0.3, 0, 1], [1, 1, 1]]}");
        for (String start : List.of("rep( 0 , ncol(B) )", "c(0, 0, 0)", "seq_len(3)", "numeric(3)")) {
            Model w = Models.inline("m <- quap(alist(D ~ dnorm(mu, 1), mu <- B %*% w, w ~ dnorm(0, 1)), data=d, start=list(w=" + start + "))\n", b);
            assertEquals(List.of("w[1]", "w[2]", "w[3]"), List.of(w.outputNames()), start);
        }
    }

    private static final DataSet SPLINE = Models.json("{\"D\": [1.0, 2.0, 0.5, 1.5], \"B\": [[1, 0.5, 0], [0, 1, 0.2], [0.3, 0, 1], [1, 1, 1]]}");
    private static final double[][] B = {{1, 0.5, 0}, {0, 1, 0.2}, {0.3, 0, 1}, {1, 1, 1}};
    private static final double[] D = {1.0, 2.0, 0.5, 1.5};

    private static Model spline(String mu, String rows) {
        return Models.inline("""
                m4.7 <- quap(
                    alist(
                        D ~ dnorm( mu , sigma ) ,
                        mu <- MU ,
                        a ~ dnorm(1,10),
                        w ~ dnorm(0,10),
                        sigma ~ dexp(1)
                    ), data=list( D=d2$doy , B=B ) ,
                    start=list( w=rep( 0 , ncol(B) ) ) )
                """.replace("MU", mu.replace("ROWS", rows)), SPLINE);
    }

    /** Book m4.7 and m4.7alt: {@code B %*% w} and {@code sapply(1:N, function(i) sum(B[i,]*w))} are one model. */
    @Test
    void sapplyOfRowDotProductsIsTheMatrixProduct() {
        Model product = spline("a + B %*% w", "");
        Model sapply = spline("a + sapply( 1:ROWS , function(i) sum( B[i,]*w ) )", "4");
        Model swapped = spline("a + sapply( 1:ROWS , function(j) sum( w*B[j,] ) )", "4");
        assertEquals(List.of("a", "w[1]", "w[2]", "w[3]", "sigma"), List.of(sapply.outputNames()));
        double[] q = {0.3, -0.2, 0.5, 0.1, -0.4};
        double sigma = Math.exp(q[4]);
        double expected = normal(q[0], 1, 10) + normal(q[1], 0, 10) + normal(q[2], 0, 10) + normal(q[3], 0, 10)
                + Math.log(Math.exp(-sigma)) + q[4];   // exponential(1) and the log-Jacobian of sigma = exp(u)
        for (int i = 0; i < D.length; i++) {
            double mu = q[0];
            for (int k = 0; k < 3; k++) mu += B[i][k] * q[1 + k];
            expected += normal(D[i], mu, sigma);
        }
        for (Model m : List.of(product, sapply, swapped)) {
            assertEquals(expected, m.logDensity(q), 1e-10 * Math.abs(expected));
            Models.assertGradient(m, 2);
        }
        double[] g1 = new double[5];
        double[] g2 = new double[5];
        product.logDensityGradient(q, g1);
        sapply.logDensityGradient(q, g2);
        assertArrayEquals(g1, g2, 1e-12);
        // 1:N must run over the rows of B, checked when the data are bound
        UlamException e = assertThrows(UlamException.class, () -> spline("a + sapply( 1:ROWS , function(i) sum( B[i,]*w ) )", "5"));
        assertTrue(e.getMessage().contains("the rows of B and the length of sapply's 1:N"), e.getMessage());
        UlamException other = assertThrows(UlamException.class, () -> spline("a + sapply( 1:ROWS , function(i) exp( B[i,1] ) )", "4"));
        assertTrue(other.getMessage().contains("is not supported yet"), other.format());
    }

    /** Book m14.8nc: {@code k <<- L_SIGMA * z} of a matrix and a vector is the matrix product, as in Stan. */
    @Test
    void starOfAMatrixAndAVectorIsTheMatrixProduct() {
        DataSet d = Models.json("{\"y\": [0.5, -0.2, 1.1, 0.3], \"g\": [1, 2, 3, 3], \"L\": [[1, 0, 0], [0.5, 0.8, 0], [-0.2, 0.3, 0.9]]}");
        double[][] l = {{1, 0, 0}, {0.5, 0.8, 0}, {-0.2, 0.3, 0.9}};
        double[] y = {0.5, -0.2, 1.1, 0.3};
        int[] g = {1, 2, 3, 3};
        Model m = Models.inline("""
                y ~ dnorm( k[g] , 1 )
                transpars> vector[3]: k <<- L * z
                vector[3]: z ~ normal( 0 , 1 )
                """, d);
        double[] q = {0.7, -0.3, 0.4};
        double expected = 0;
        for (double z : q) expected += normal(z, 0, 1);
        for (int i = 0; i < y.length; i++) {
            double k = 0;
            for (int j = 0; j < 3; j++) k += l[g[i] - 1][j] * q[j];
            expected += normal(y[i], k, 1);
        }
        assertEquals(expected, m.logDensity(q), 1e-10 * Math.abs(expected));
        Models.assertGradient(m, 3);
    }

    /** R's selections are for the wrapper's arguments; in a model line they are a located error. */
    @Test
    void dollarInAModelLineIsALocatedError() {
        UlamException e = assertThrows(UlamException.class, () -> Models.inline("y ~ dnorm(mu, 1)\nmu <- a + d$x\na ~ dnorm(0, 1)\n", XY));
        assertEquals(2, e.location().line());
        assertEquals(11, e.location().column());
        assertTrue(e.format().contains("name the data column directly: x"), e.format());
        UlamException f = assertThrows(UlamException.class, () -> Models.inline("y ~ dnorm(mu, 1)\nmu <- a + exp(function(i) x)\na ~ dnorm(0, 1)\n", XY));
        assertTrue(f.getMessage().contains("second argument of sapply"), f.getMessage());
    }

    /** Book m15.1: {@code vector[N]:D_true ~ dnorm(mu, sigma)} read at the row in {@code D_obs ~ dnorm(D_true, D_sd)}, as Stan's vectorised line. */
    @Test
    void wholeVectorParameterIsReadAtTheRow() {
        DataSet d = Models.json("{\"N\": 3, \"D_obs\": [0.5, -0.2, 1.1], \"D_sd\": [0.3, 0.6, 0.2], \"A\": [-1.0, 0.2, 0.9]}");
        double[] obs = {0.5, -0.2, 1.1};
        double[] sd = {0.3, 0.6, 0.2};
        double[] a = {-1.0, 0.2, 0.9};
        Model m = Models.inline("""
                m15.1 <- ulam(
                    alist(
                        D_obs ~ dnorm( D_true , D_sd ),
                        vector[N]:D_true ~ dnorm( mu , sigma ),
                        mu <- a + bA*A,
                        a ~ dnorm(0,0.2),
                        bA ~ dnorm(0,0.5),
                        sigma ~ dexp(1)
                    ) , data=dlist , chains=4 , cores=4 )
                """, d);
        assertEquals(List.of("D_true[1]", "D_true[2]", "D_true[3]", "a", "bA", "sigma"), List.of(m.outputNames()).subList(0, 6));
        double[] q = {0.4, -0.1, 0.8, 0.05, 0.3, -0.2};
        double sigma = Math.exp(q[5]);
        double expected = normal(q[3], 0, 0.2) + normal(q[4], 0, 0.5) - sigma + q[5];
        for (int i = 0; i < 3; i++) {
            expected += normal(q[i], q[3] + q[4] * a[i], sigma) + normal(obs[i], q[i], sd[i]);
        }
        assertEquals(expected, m.logDensity(q), 1e-10 * Math.abs(expected));
        Models.assertGradient(m, 4);
        // its length must be the number of rows
        DataSet wrong = Models.json("{\"N\": 2, \"D_obs\": [0.5, -0.2, 1.1], \"D_sd\": [0.3, 0.6, 0.2], \"A\": [-1.0, 0.2, 0.9]}");
        assertThrows(UlamException.class, () -> Models.inline("""
                D_obs ~ dnorm( D_true , D_sd )
                vector[N]:D_true ~ dnorm( mu , sigma )
                mu <- a + bA*A
                a ~ dnorm(0,0.2)
                bA ~ dnorm(0,0.5)
                sigma ~ dexp(1)
                """, wrong));
    }

    private static final DataSet PAIRS = Models.json("{\"y\": [[0.3, -0.5], [1.2, 0.4], [-0.7, 0.1], [0.2, 0.9]],"
            + " \"y1\": [0.3, 1.2, -0.7, 0.2], \"y2\": [-0.5, 0.4, 0.1, 0.9], \"g\": [1, 2, 1, 2]}");

    /**
     * Test z9: {@code y ~ multi_normal(MU, Rho, sigma)} with {@code y} a data matrix is one
     * observation per row, the same model as {@code c(y1, y2) ~ multi_normal(...)} of its columns
     * (book m14.6's form, checked against Stan). {@code lkjcorr} is ulam's name of {@code lkj_corr}.
     */
    @Test
    void multiNormalOfADataMatrixHasOneObservationPerRow() {
        String body = """
                OUTCOME ~ multi_normal( MU , Rho , sigma )
                vector[2]: MU ~ normal(0,1)
                corr_matrix[2]: Rho ~ LKJ(2)
                vector[2]: sigma ~ half_normal(0,1)
                """;
        Model rows = Models.inline(body.replace("OUTCOME", "y").replace("LKJ", "lkjcorr"), PAIRS);
        Model columns = Models.inline(body.replace("OUTCOME", "c(y1, y2)").replace("LKJ", "lkj_corr"), PAIRS);
        assertEquals(columns.dimension(), rows.dimension());
        java.util.Random rng = new java.util.Random(5);
        for (int p = 0; p < 3; p++) {
            double[] q = new double[rows.dimension()];
            for (int k = 0; k < q.length; k++) q[k] = -1 + 2 * rng.nextDouble();
            assertEquals(columns.logDensity(q), rows.logDensity(q), 1e-10 * Math.abs(columns.logDensity(q)));
        }
        Models.assertGradient(rows, 5);
    }

    /**
     * Test z7: {@code sigma[1] ~ half_normal(0,1)} with a literal index is a prior on that element
     * (as Stan reads it; rethinking's program drops the index, docs/book.md), the same model as
     * {@code sigma[[1]]}; the vector's length comes from its use in multi_normal.
     */
    @Test
    void literalIndexOnTheLeftIsAnElementPrior() {
        String body = """
                y1 ~ normal( v[g,1] + v[g,2] , 1 )
                vector[2]:v[g] ~ multi_normal( c(abar,bbar) , Rho , sigma )
                abar ~ normal( 0 , 4 )
                bbar ~ normal( 0 , 1 )
                FIRST ~ half_normal(0,1)
                SECOND ~ half_normal(0,2)
                Rho ~ lkjcorr(2)
                """;
        Model literal = Models.inline(body.replace("FIRST", "sigma[1]").replace("SECOND", "sigma[2]"), PAIRS);
        Model element = Models.inline(body.replace("FIRST", "vector[2]:sigma[[1]]").replace("SECOND", "sigma[[2]]"), PAIRS);
        double[] q = new double[literal.dimension()];
        java.util.Random rng = new java.util.Random(6);
        for (int k = 0; k < q.length; k++) q[k] = -1 + 2 * rng.nextDouble();
        assertEquals(element.logDensity(q), literal.logDensity(q), 1e-10 * Math.abs(element.logDensity(q)));
        // the two priors differ: moving sigma[2] alone changes the density by half_normal(0,2)'s log ratio and the log-Jacobian
        Model same = Models.inline(body.replace("FIRST", "sigma[1]").replace("SECOND", "sigma[2]").replace("half_normal(0,2)", "half_normal(0,1)"), PAIRS);
        double[] out = new double[literal.outputNames().length];
        literal.writeDraw(q, RandomSource.XO_SHI_RO_256_PP.create(1L), out);
        double s2 = out[List.of(literal.outputNames()).indexOf("sigma[2]")];
        assertEquals(normal(s2, 0, 2) - normal(s2, 0, 1), literal.logDensity(q) - same.logDensity(q), 1e-10);
        Models.assertGradient(literal, 6);
    }

    /**
     * Book m15.8: {@code custom(log_sum_exp(log(k) + poisson_lpmf(notes | ...), log(1-k) + ...))}
     * under the condition {@code RC==1}: Stan's log_sum_exp of two values, the cat's presence
     * summed out of the rows where it is unknown.
     */
    @Test
    void logSumExpOfTwoValuesMarginalisesADiscreteUnknown() {
        DataSet d = Models.json("{\"notes\": [3, 0, 5, 2, 1], \"cat\": [1, 0, 0, 0, 1], \"RC\": [0, 0, 1, 1, 0]}");
        int[] notes = {3, 0, 5, 2, 1};
        int[] cat = {1, 0, 0, 0, 1};
        int[] rc = {0, 0, 1, 1, 0};
        Model m = Models.inline("""
                m15.8 <- ulam(
                    alist(
                        notes|RC==0 ~ poisson( lambda ),
                        log(lambda) <- a + b*cat,
                        notes|RC==1 ~ custom( log_sum_exp(
                                log(k) + poisson_lpmf( notes | exp(a + b) ),
                                log(1-k) + poisson_lpmf( notes | exp(a) )
                            ) ),
                        a ~ normal(0,1),
                        b ~ normal(0,0.5),
                        cat|RC==0 ~ bernoulli(k),
                        k ~ beta(2,2)
                    ), data=dat , chains=4 , cores=4 )
                """, d);
        assertEquals(List.of("a", "b", "k"), List.of(m.outputNames()).subList(0, 3));
        double[] q = {0.4, -0.3, 0.2};
        double a = q[0];
        double b = q[1];
        double k = 1 / (1 + Math.exp(-q[2]));
        double expected = normal(a, 0, 1) + normal(b, 0, 0.5) + Math.log(6 * k * (1 - k)) + Math.log(k * (1 - k));
        for (int i = 0; i < notes.length; i++) {
            if (rc[i] == 0) {
                expected += poisson(notes[i], Math.exp(a + b * cat[i])) + (cat[i] == 1 ? Math.log(k) : Math.log(1 - k));
            } else {
                expected += Math.log(k * Math.exp(poisson(notes[i], Math.exp(a + b))) + (1 - k) * Math.exp(poisson(notes[i], Math.exp(a))));
            }
        }
        assertEquals(expected, m.logDensity(q), 1e-10 * Math.abs(expected));
        Models.assertGradient(m, 7);
        // three values fold: log_sum_exp(log_sum_exp(x, y), z)
        Model three = Models.inline("notes ~ custom(log_sum_exp(log(0.2) + poisson_lpmf(notes | exp(a)), log(0.3) + poisson_lpmf(notes | 1), "
                + "log(0.5) + poisson_lpmf(notes | 2)))\na ~ normal(0, 1)\n", d);
        double want = normal(0.1, 0, 1);
        for (int n : notes) want += Math.log(0.2 * Math.exp(poisson(n, Math.exp(0.1))) + 0.3 * Math.exp(poisson(n, 1)) + 0.5 * Math.exp(poisson(n, 2)));
        assertEquals(want, three.logDensity(new double[] {0.1}), 1e-10 * Math.abs(want));
    }

    private static double poisson(int n, double lambda) {
        return new org.apache.commons.math3.distribution.PoissonDistribution(null, lambda, 1e-12, 10_000_000).logProbability(n);
    }

    /**
     * Book m15.7: {@code MB ~ multi_normal(c(muM,muB), Rho_BM, Sigma_BM)} with {@code MB <<-
     * append_col(M, B_merge)} and {@code B_merge <- merge_missing(B, B_impute)}: each row (M[i],
     * B[i]) is bivariate normal, B's missing value the parameter B_impute, whose only distribution
     * is this line. Closed form without the Jacobian, at the constrained values the model reports.
     */
    @Test
    void mergeMissingInsideAMultivariateOutcome() {
        DataSet d = Models.json("{\"K\": [0.4, -0.3, 1.0, 0.2], \"M\": [0.5, -1.0, 0.8, 0.1], \"B\": [0.3, \"NA\", 1.2, -0.4]}");
        double[] kk = {0.4, -0.3, 1.0, 0.2};
        double[] mm = {0.5, -1.0, 0.8, 0.1};
        double[] bb = {0.3, Double.NaN, 1.2, -0.4};
        Model m = Models.inline("""
                m15.7 <- ulam(
                    alist(
                        K ~ dnorm( mu , sigma ),
                        mu <- a + bB*B_merge + bM*M,
                        MB ~ multi_normal( c(muM,muB) , Rho_BM , Sigma_BM ),
                        matrix[4,2]:MB <<- append_col( M , B_merge ),
                        vector[4]:B_merge <- merge_missing( B , B_impute ),
                        c(a,muB,muM) ~ dnorm( 0 , 0.5 ),
                        c(bB,bM) ~ dnorm( 0, 0.5 ),
                        sigma ~ dexp( 1 ),
                        Rho_BM ~ lkj_corr(2),
                        Sigma_BM ~ dexp(1)
                    ) , data=dat_list , chains=4 , cores=4 )
                """, d);
        List<String> names = List.of(m.outputNames());
        assertTrue(names.contains("B_impute[1]"), names.toString());
        java.util.Random rng = new java.util.Random(8);
        double[] q = new double[m.dimension()];
        for (int k = 0; k < q.length; k++) q[k] = -0.8 + 1.6 * rng.nextDouble();
        double[] out = new double[names.size()];
        m.writeDraw(q, RandomSource.XO_SHI_RO_256_PP.create(1L), out);
        java.util.function.ToDoubleFunction<String> v = n -> out[names.indexOf(n)];
        double a = v.applyAsDouble("a");
        double bB = v.applyAsDouble("bB");
        double bM = v.applyAsDouble("bM");
        double sigma = v.applyAsDouble("sigma");
        double muM = v.applyAsDouble("muM");
        double muB = v.applyAsDouble("muB");
        double r = v.applyAsDouble("Rho_BM[1,2]");
        double s1 = v.applyAsDouble("Sigma_BM[1]");
        double s2 = v.applyAsDouble("Sigma_BM[2]");
        double imp = v.applyAsDouble("B_impute[1]");
        double expected = normal(a, 0, 0.5) + normal(muB, 0, 0.5) + normal(muM, 0, 0.5) + normal(bB, 0, 0.5) + normal(bM, 0, 0.5)
                - sigma - s1 - s2 + Math.log(0.75 * (1 - r * r));   // lkj_corr(2) of a 2 x 2 matrix: r ~ (1 - r^2) / (2^3 B(2, 2))
        for (int i = 0; i < 4; i++) {
            double b = Double.isNaN(bb[i]) ? imp : bb[i];
            expected += normal(kk[i], a + bB * b + bM * mm[i], sigma);
            double z1 = (mm[i] - muM) / s1;
            double z2 = (b - muB) / s2;
            expected += -Math.log(2 * Math.PI * s1 * s2 * Math.sqrt(1 - r * r)) - (z1 * z1 - 2 * r * z1 * z2 + z2 * z2) / (2 * (1 - r * r));
        }
        assertEquals(expected, m.logDensityGradient(q, new double[q.length], false), 1e-9 * Math.abs(expected));
        Models.assertGradient(m, 8);
    }
}
