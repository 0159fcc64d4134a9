package ulam.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Name normalisation, suggestions, number syntax and factor level order. */
class HelpersTest {

    @Test
    void normalise() {
        assertEquals("kcal_per_g", Names.normalise("kcal.per.g"));
        assertEquals("Marriage_SE", Names.normalise("Marriage SE"));
        assertEquals("_1st", Names.normalise("1st"));
        assertEquals("a_b_", Names.normalise("a-b%"));
        assertEquals("already_fine1", Names.normalise("already_fine1"));
        // letters of any script stay, as in a model's names (`Gr\u00f6\u00dfe` in a model is this column)
        assertEquals("Gr\u00f6\u00dfe__kg_", Names.normalise("Gr\u00f6\u00dfe (kg)"));
        assertEquals("\u03bb", Names.normalise("\u03bb"));
    }

    @Test
    void closest() {
        List<String> known = List.of("actor", "recipient", "condition", "block", "Actor2");
        assertEquals(List.of("actor"), Names.closest("actr", known, 3));
        assertEquals(List.of("block"), Names.closest("BLOCK", known, 3));
        assertEquals(List.of(), Names.closest("sigma", known, 3));
        assertEquals(3, Names.distance("kitten", "sitting"));
    }

    @Test
    void numbers() {
        assertEquals(12, NumberText.parse(" 12 "));
        assertEquals(-0.5, NumberText.parse("-.5"));
        assertEquals(2, NumberText.parse("+2."));
        assertEquals(1e-3, NumberText.parse("1E-3"));
        assertEquals(Double.NEGATIVE_INFINITY, NumberText.parse("-Inf"));
        assertEquals(Double.POSITIVE_INFINITY, NumberText.parse("Infinity"));
        for (String bad : new String[] {"", ".", "1e", "0x10", "1d", "1f", "1,5", "one", "1 2", "--1", "e5"}) {
            assertTrue(Double.isNaN(NumberText.parse(bad)), bad);
        }
        assertTrue(NumberText.isMissing(" NA "));
        assertTrue(NumberText.isMissing("NaN"));
        assertTrue(NumberText.isMissing(""));
        assertTrue(!NumberText.isMissing("na"));
    }

    @Test
    void factorLevelsSortLikeRInAnEnglishLocale() {
        FactorCoding f = FactorCoding.of(new String[] {"b", "B", "a", "A", "pred", "no", "Zebra", "apple", "b"});
        assertEquals(List.of("a", "A", "apple", "b", "B", "no", "pred", "Zebra"), f.levels());
        assertArrayEquals(new int[] {4, 5, 1, 2, 7, 6, 8, 3, 4}, f.codes());
        assertEquals("x: coded as an index: 1 = a, 2 = A, 3 = apple, 4 = b, 5 = B, 6 = no, 7 = pred, 8 = Zebra", f.note("x"));
    }

    @Test
    void longCodingsAreShortenedInTheNote() {
        String[] values = new String[20];
        for (int i = 0; i < 20; i++) values[i] = String.format("L%02d", i + 1);
        String note = FactorCoding.of(values).note("g");
        assertEquals("g: coded as an index (20 levels): 1 = L01, 2 = L02, 3 = L03, 4 = L04, 5 = L05, 6 = L06, "
                + "7 = L07, 8 = L08, 9 = L09, 10 = L10, ..., 20 = L20", note);
    }

    @Test
    void placesInMessages() {
        assertEquals("row 7", Problems.place(new int[] {10}, 6));
        assertEquals("element [2,3]", Problems.place(new int[] {2, 3}, 5));
        assertEquals("", Problems.place(new int[0], 0));
    }
}
