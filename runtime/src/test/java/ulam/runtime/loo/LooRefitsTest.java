package ulam.runtime.loo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Loo#withRefits} (loo's {@code reloo}) and {@link KFold}: replacing an observation's PSIS
 * estimate by an exact value changes elpd_loo by the difference, keeps lpd (p_loo + elpd_loo) per
 * observation, and takes the observation out of the bad-k count; K-fold sums and SEs are loo's.
 */
class LooRefitsTest {
    static double[][] logLik() {
        Random r = new Random(3);
        double[][] ll = new double[400][6];
        for (double[] row : ll) for (int i = 0; i < row.length; i++) row[i] = -1 - Math.abs(r.nextGaussian()) * (i == 5 ? 6 : 0.3);
        return ll;
    }

    @Test
    void refitsReplaceThePsisEstimates() {
        Loo loo = Loo.of(logLik());
        Loo re = loo.withRefits(new int[] {5, 2}, new double[] {-9.0, -1.5});
        assertEquals(loo.elpd() - loo.pointwiseElpd()[5] - loo.pointwiseElpd()[2] - 9.0 - 1.5, re.elpd(), 1e-12);
        for (int i = 0; i < 6; i++) {
            assertEquals(loo.pointwiseElpd()[i] + loo.pointwisePenalty()[i], re.pointwiseElpd()[i] + re.pointwisePenalty()[i], 1e-12,
                    "lpd of observation " + i + " is kept");
        }
        assertEquals(0, re.paretoK()[5]);
        assertEquals(0, re.highK(Loo.K_OK).length);
        assertEquals(loo.pointwiseElpd()[0], re.pointwiseElpd()[0]);
        assertThrows(IllegalArgumentException.class, () -> loo.withRefits(new int[] {1}, new double[0]));
    }

    @Test
    void kfoldSumsAndStandardErrors() {
        double[] elpd = {-1, -2, -3, -4};
        double[] lpd = {-0.5, -1.5, -2.0, -3.0};
        KFold k = KFold.of(2, new int[] {1, 2, 1, 2}, elpd, lpd);
        assertEquals(-10, k.elpd(), 1e-12);
        assertEquals(Math.sqrt(4 * (5.0 / 3)), k.seElpd(), 1e-12);   // sample variance of 1..4 is 5/3
        assertEquals(3, k.penalty(), 1e-12);
        assertEquals(20, k.ic(), 1e-12);
        double[][] ll = {{Math.log(0.2), 0}, {Math.log(0.6), 0}};
        assertEquals(Math.log(0.4), KFold.lpd(ll)[0], 1e-12);
    }
}
