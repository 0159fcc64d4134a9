package ulam.tests.support;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source32.MersenneTwister;

/**
 * The simulated data sets of the book, made with fixed seeds so that a run regenerates them
 * byte for byte: the cafés of R code 14.1-14.10 (model m14.1) and the drinking monks of R code
 * 12.7 (model m12.3). The committed files {@code examples/data/cafes.csv} and
 * {@code examples/data/monks.csv} are what {@link #main} writes.
 *
 * <p>Determinism: the generator is commons-rng's MT19937 seeded through its standard
 * {@code init_by_array}; normal deviates come from Box-Muller and Poisson deviates from Knuth's
 * product of uniforms, both with {@link StrictMath} (no platform-dependent intrinsics); values
 * are rounded to 6 decimals from their exact binary value with {@link BigDecimal}, so the text
 * does not depend on the JDK's shortest-decimal printing.
 */
public final class Simulations {
    private Simulations() {}

    /** Seed of the café simulation. */
    public static final int CAFES_SEED = 5;
    /** Seed of the monk simulation (the book's {@code set.seed(365)}). */
    public static final int MONKS_SEED = 365;

    /** Book values (R code 14.1 and 14.10): mean morning wait, mean afternoon difference. */
    public static final double CAFE_A = 3.5, CAFE_B = -1.0;
    /** Book values: sds of café intercepts and slopes, their correlation, residual sd. */
    public static final double CAFE_SIGMA_A = 1.0, CAFE_SIGMA_B = 0.5, CAFE_RHO = -0.7, CAFE_SIGMA = 0.5;
    /** 20 cafés, 10 visits each. */
    public static final int N_CAFES = 20, N_VISITS = 10;

    /** Book values (R code 12.7): probability of a drinking day, manuscripts per working day, days. */
    public static final double PROB_DRINK = 0.2, RATE_WORK = 1.0;
    public static final int N_DAYS = 365;

    /**
     * The café data: per visit the café (1..20, 10 consecutive visits each), afternoon (0, 1
     * alternating, starting with 0) and the waiting time; and the true café intercepts and slopes.
     */
    public record Cafes(int[] cafe, int[] afternoon, double[] waits, double[] aCafe, double[] bCafe) {
        /** The CSV text: header {@code cafe,afternoon,wait}, LF line ends. */
        public String csv() {
            StringBuilder sb = new StringBuilder("cafe,afternoon,wait\n");
            for (int i = 0; i < cafe.length; i++)
                sb.append(cafe[i]).append(',').append(afternoon[i]).append(',').append(fmt(waits[i])).append('\n');
            return sb.toString();
        }
    }

    /** The monk data: per day whether the monks drank (0/1, the latent truth) and the manuscripts completed. */
    public record Monks(int[] drink, int[] y) {
        /** The CSV text: header {@code y,drink}, LF line ends. */
        public String csv() {
            StringBuilder sb = new StringBuilder("y,drink\n");
            for (int i = 0; i < y.length; i++) sb.append(y[i]).append(',').append(drink[i]).append('\n');
            return sb.toString();
        }
    }

    /**
     * R code 14.1-14.10: 20 café (intercept, slope) pairs from the bivariate normal with means
     * (3.5, -1), sds (1, 0.5) and correlation -0.7; then 200 visits, wait ~ normal(a_cafe +
     * b_cafe*afternoon, 0.5). Waits are rounded to 6 decimals (the values the CSV holds).
     */
    public static Cafes cafes() {
        UniformRandomProvider rng = new MersenneTwister(new int[] {CAFES_SEED});
        double[] a = new double[N_CAFES], b = new double[N_CAFES];
        double s = StrictMath.sqrt(1 - CAFE_RHO * CAFE_RHO);
        for (int j = 0; j < N_CAFES; j++) {
            double z1 = normal(rng), z2 = normal(rng);
            // Cholesky factor of [[sa^2, rho sa sb], [rho sa sb, sb^2]]
            a[j] = CAFE_A + CAFE_SIGMA_A * z1;
            b[j] = CAFE_B + CAFE_SIGMA_B * (CAFE_RHO * z1 + s * z2);
        }
        int n = N_CAFES * N_VISITS;
        int[] cafe = new int[n], afternoon = new int[n];
        double[] waits = new double[n];
        for (int i = 0; i < n; i++) {
            cafe[i] = i / N_VISITS + 1;        // rep(1:N_cafes, each=N_visits)
            afternoon[i] = i % 2;              // rep(0:1, N_visits*N_cafes/2)
            double mu = a[cafe[i] - 1] + b[cafe[i] - 1] * afternoon[i];
            waits[i] = round6(mu + CAFE_SIGMA * normal(rng));
        }
        return new Cafes(cafe, afternoon, waits, a, b);
    }

    /**
     * R code 12.7: 365 days; drink ~ Bernoulli(0.2); y = (1 - drink) * Poisson(1) (a Poisson
     * draw is made every day, as the book's vectorised code does).
     */
    public static Monks monks() {
        UniformRandomProvider rng = new MersenneTwister(new int[] {MONKS_SEED});
        int[] drink = new int[N_DAYS], y = new int[N_DAYS];
        for (int i = 0; i < N_DAYS; i++) drink[i] = rng.nextDouble() < PROB_DRINK ? 1 : 0;
        for (int i = 0; i < N_DAYS; i++) {
            int work = poisson(rng, RATE_WORK);
            y[i] = (1 - drink[i]) * work;
        }
        return new Monks(drink, y);
    }

    /** Standard normal deviate by Box-Muller (one of the pair; the other is discarded). */
    static double normal(UniformRandomProvider rng) {
        double u1 = 1.0 - rng.nextDouble(); // in (0, 1]
        double u2 = rng.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** Poisson deviate by Knuth's product of uniforms (fine for a small rate). */
    static int poisson(UniformRandomProvider rng, double rate) {
        double limit = StrictMath.exp(-rate), p = 1.0;
        int k = 0;
        do {
            k++;
            p *= rng.nextDouble();
        } while (p > limit);
        return k - 1;
    }

    static double round6(double x) {
        return new BigDecimal(x).setScale(6, RoundingMode.HALF_EVEN).doubleValue();
    }

    static String fmt(double x) {
        return new BigDecimal(x).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Writes {@code cafes.csv} and {@code monks.csv} into the folder given (default {@code examples/data}). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "examples/data");
        Files.writeString(dir.resolve("cafes.csv"), cafes().csv(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("monks.csv"), monks().csv(), StandardCharsets.UTF_8);
        System.out.println("wrote " + dir.resolve("cafes.csv") + " and " + dir.resolve("monks.csv"));
    }
}
