package ulam.stdlib.dist;

import java.util.SplittableRandom;

/**
 * A timing harness (not a unit test: run it by hand after {@code test-compile}) for the kernels
 * in the shape the generated likelihood loop calls them: 100,000 rows, one kernel call per row,
 * partials accumulated into gradient sums. Prints nanoseconds per row for a few distributions.
 * <pre>
 * java -cp stdlib/target/classes:stdlib/target/test-classes:DEPENDENCIES ulam.stdlib.dist.KernelTiming
 * </pre>
 */
public final class KernelTiming {
    private KernelTiming() {}

    static final int ROWS = 100_000;

    public static void main(String[] args) {
        SplittableRandom random = new SplittableRandom(7);
        double[] eta = new double[ROWS];
        double[] real = new double[ROWS];
        int[] binary = new int[ROWS];
        int[] count = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            eta[i] = 4 * random.nextDouble() - 2;
            real[i] = random.nextGaussian();
            binary[i] = random.nextInt(2);
            count[i] = random.nextInt(8);
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        String[] names = {"normal", "student_t", "gamma", "beta", "bernoulli_logit", "binomial_logit", "poisson_log", "binomial",
            "ordered_logistic", "neg_binomial_2", "neg_binomial_2_log", "beta_binomial", "zipoisson", "categorical_logit"};
        double sink = 0;
        for (int pass = 0; pass < 2; pass++) { // the first pass warms up the JIT
            for (String name : names) {
                long t0 = System.nanoTime();
                for (int r = 0; r < rounds; r++) {
                    sink += run(name, eta, real, binary, count);
                }
                long t1 = System.nanoTime();
                if (pass == 1) {
                    System.out.printf("%-16s %6.2f ns/row%n", name, (t1 - t0) / ((double) rounds * ROWS));
                }
            }
        }
        System.out.println("(checksum " + sink + ")");
    }

    private static double run(String name, double[] eta, double[] real, int[] binary, int[] count) {
        double[] d = new double[4];
        double lp = 0;
        double g1 = 0;
        double g2 = 0;
        switch (name) {
            case "normal":
                for (int i = 0; i < ROWS; i++) {
                    lp += Normal.kernel(real[i], eta[i], 1.3, d);
                    g1 += d[1];
                    g2 += d[2];
                }
                break;
            case "student_t":
                for (int i = 0; i < ROWS; i++) {
                    lp += StudentT.kernel(real[i], 4.5, eta[i], 1.3, d);
                    g1 += d[2];
                    g2 += d[1] + d[3];
                }
                break;
            case "gamma":
                for (int i = 0; i < ROWS; i++) {
                    lp += Gamma.kernel(1 + real[i] * real[i], 2.5, 1.5, d);
                    g1 += d[1];
                    g2 += d[2];
                }
                break;
            case "beta":
                for (int i = 0; i < ROWS; i++) {
                    lp += Beta.kernel(0.25 + 0.1 * eta[i], 2.5, 4.5, d);
                    g1 += d[1];
                    g2 += d[2];
                }
                break;
            case "bernoulli_logit":
                for (int i = 0; i < ROWS; i++) {
                    lp += BernoulliLogit.kernel(binary[i], eta[i], d);
                    g1 += d[1];
                }
                break;
            case "binomial_logit":
                for (int i = 0; i < ROWS; i++) {
                    lp += BinomialLogit.kernel(count[i], 7, eta[i], d);
                    g1 += d[2];
                }
                break;
            case "poisson_log":
                for (int i = 0; i < ROWS; i++) {
                    lp += PoissonLog.kernel(count[i], eta[i], d);
                    g1 += d[1];
                }
                break;
            case "ordered_logistic": { // the Trolley model's shape: 7 categories, 6 cutpoints shared by all rows
                double[] cutpoints = {-2.1, -0.6, 0.3, 1.8, 3.5, 4.0};
                double[] dc = new double[6];
                double[] gc = new double[6];
                for (int i = 0; i < ROWS; i++) {
                    lp += OrderedLogistic.kernel(1 + count[i] % 7, eta[i], cutpoints, 0, 6, d, dc);
                    g1 += d[1];
                    for (int k = 0; k < 6; k++) {
                        gc[k] += dc[k];
                    }
                }
                g2 = gc[0] + gc[5];
                break;
            }
            case "neg_binomial_2":
                for (int i = 0; i < ROWS; i++) {
                    lp += NegBinomial2.kernel(count[i], Math.exp(eta[i]), 2.5, d);
                    g1 += d[1];
                    g2 += d[2];
                }
                break;
            case "neg_binomial_2_log":
                for (int i = 0; i < ROWS; i++) {
                    lp += NegBinomial2Log.kernel(count[i], eta[i], 2.5, d);
                    g1 += d[1];
                    g2 += d[2];
                }
                break;
            case "beta_binomial":
                for (int i = 0; i < ROWS; i++) {
                    lp += BetaBinomial.kernel(count[i], 7, 2.5, 1.5, d);
                    g1 += d[2];
                    g2 += d[3];
                }
                break;
            case "zipoisson":
                for (int i = 0; i < ROWS; i++) {
                    lp += ZiPoisson.kernel(count[i], 0.2, Math.exp(eta[i]), d);
                    g1 += d[1];
                    g2 += d[2];
                }
                break;
            case "categorical_logit": {
                double[] beta = new double[5];
                double[] db = new double[5];
                for (int i = 0; i < ROWS; i++) {
                    beta[0] = eta[i];
                    beta[1] = -eta[i];
                    beta[2] = 0.5;
                    lp += CategoricalLogit.kernel(1 + count[i] % 5, beta, 0, 5, d, db);
                    g1 += db[0];
                }
                break;
            }
            default:
                for (int i = 0; i < ROWS; i++) {
                    lp += Binomial.kernel(count[i], 7, 0.3 + 0.1 * eta[i], d);
                    g1 += d[2];
                }
        }
        return lp + g1 + g2;
    }
}
