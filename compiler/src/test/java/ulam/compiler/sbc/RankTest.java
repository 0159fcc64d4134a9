package ulam.compiler.sbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The rank of a true value among draws: the draws below it, ties split uniformly at random. */
class RankTest {
    @Test
    void rankCountsTheDrawsBelow() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
        double[] draws = {0.3, -1, 2, 0.1, 5};
        assertEquals(0, Sbc.rank(-2, draws, rng));
        assertEquals(2, Sbc.rank(0.2, draws, rng));
        assertEquals(5, Sbc.rank(9, draws, rng));
    }

    @Test
    void tiesAreSplitUniformly() {
        // a value that never moves (every draw equals the truth): the rank is uniform on 0..L
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2L);
        double[] draws = {1, 1, 1, 1};
        int n = 5000;
        int[] count = new int[5];
        for (int i = 0; i < n; i++) count[Sbc.rank(1, draws, rng)]++;
        double sd = Math.sqrt(n * 0.2 * 0.8);
        for (int c : count) assertTrue(Math.abs(c - n * 0.2) <= 4 * sd, java.util.Arrays.toString(count));
        assertEquals(1, Sbc.rank(1, new double[] {0.5, 2}, rng));
    }
}
