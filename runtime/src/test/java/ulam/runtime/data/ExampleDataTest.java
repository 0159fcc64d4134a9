package ulam.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ulam.runtime.data.Fixtures.USE;
import static ulam.runtime.data.Fixtures.example;
import static ulam.runtime.data.Fixtures.fails;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Facts about the real example data sets, read through the public API. */
class ExampleDataTest {

    @Test
    void chimpanzees() {
        DataSet d = example("chimpanzees.csv");
        assertEquals(List.of("actor", "recipient", "condition", "block", "trial", "prosoc_left", "chose_prosoc",
                "pulled_left"), d.names());
        int[] actor = d.ints("actor", USE);
        assertEquals(504, actor.length);
        assertEquals(504, d.length("pulled_left", USE));
        assertEquals(1, Arrays.stream(actor).min().getAsInt());
        assertEquals(7, Arrays.stream(actor).max().getAsInt());
        assertEquals(DataSet.Kind.INT, d.kind("actor", USE));
        assertArrayEquals(new int[] {0, 1, 0, 0, 1}, Arrays.copyOf(d.ints("pulled_left", USE), 5));
        assertEquals(252, d.missingCount("recipient", USE));
        assertTrue(Double.isNaN(d.realsWithMissing("recipient", USE)[0]));
        fails(USE, () -> d.ints("recipient", USE),
                "column 'recipient' (chimpanzees.csv) is NA in row 1 and 251 other rows");
        assertTrue(d.notes().isEmpty(), d.notes().toString());
    }

    @Test
    void ucbAdmitDropsRowNamesAndRenamesDottedNames() {
        DataSet d = example("UCBadmit.csv");
        assertEquals(List.of("dept", "applicant_gender", "admit", "reject", "applications"), d.names());
        assertEquals("male", d.strings("applicant_gender", USE)[0]);
        assertEquals("female", d.strings("applicant.gender", USE)[11]);
        assertArrayEquals(new int[] {512, 89}, Arrays.copyOf(d.ints("admit", USE), 2));
        assertEquals(341, d.ints("applications", USE)[11]);
        assertArrayEquals(new int[] {2, 1, 2, 1}, Arrays.copyOf(d.ints("applicant_gender", USE), 4));
        assertTrue(d.notes().contains("applicant_gender: coded as an index: 1 = female, 2 = male"), d.notes().toString());
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("row names")), d.notes().toString());
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("applicant_gender is 'applicant.gender' in UCBadmit.csv")),
                d.notes().toString());
    }

    @Test
    void trolleyKeepsQuotedIdsWithSeparator() {
        DataSet d = example("Trolley.csv");
        String[] id = d.strings("id", USE);
        assertEquals(9930, id.length);
        assertEquals("96;434", id[0]);
        assertEquals("98;299", id[9929]);
        assertEquals(331, Arrays.stream(id).distinct().count());
        int[] response = d.ints("response", USE);
        assertEquals(1, Arrays.stream(response).min().getAsInt());
        assertEquals(7, Arrays.stream(response).max().getAsInt());
        int[] edu = d.ints("edu", USE);
        assertEquals(6, edu[0]); // "Middle School" is the 6th of 8 levels in R's order
        assertEquals(8, Arrays.stream(edu).max().getAsInt());
        assertTrue(d.notes().contains("edu: coded as an index: 1 = Bachelor's Degree, 2 = Elementary School, "
                + "3 = Graduate Degree, 4 = High School Graduate, 5 = Master's Degree, 6 = Middle School, "
                + "7 = Some College, 8 = Some High School"), d.notes().toString());
        int[] ids = d.ints("id", USE);
        assertEquals(331, Arrays.stream(ids).max().getAsInt());
        assertTrue(d.notes().stream().anyMatch(n -> n.startsWith("id: coded as an index (331 levels): ")),
                d.notes().toString());
    }

    @Test
    void klineWithCrlf() {
        DataSet d = example("Kline.csv");
        assertEquals(List.of("culture", "population", "contact", "total_tools", "mean_TU"), d.names());
        assertEquals(10, d.length("culture", USE));
        assertEquals("Hawaii", d.strings("culture", USE)[9]);
        assertEquals(6.6, d.reals("mean_TU", USE)[9]); // last field of a CRLF file (no line break after it)
        assertEquals(275000, d.ints("population", USE)[9]);
        assertArrayEquals(new int[] {2, 2, 2, 1, 1, 1, 1, 2, 1, 2}, d.ints("contact", USE));
        assertTrue(d.notes().contains("contact: coded as an index: 1 = high, 2 = low"));
    }

    @Test
    void waffleDivorceNameWithSpace() {
        DataSet d = example("WaffleDivorce.csv");
        assertTrue(d.has("Marriage_SE"));
        assertTrue(d.has("Marriage SE"));
        assertFalse(d.has("MarriageSE"));
        double[] se = d.reals("Marriage_SE", USE);
        assertEquals(50, se.length);
        assertEquals(1.27, se[0]);
        assertEquals(3.92, se[49]);
        assertEquals(0.0, d.reals("PropSlaves1860", USE)[49]);
        assertEquals(DataSet.Kind.REAL, d.kind("Divorce_SE", USE));
        assertEquals("WY", d.strings("Loc", USE)[49]);
        assertTrue(d.notes().contains("Marriage_SE is 'Marriage SE' in WaffleDivorce.csv (renamed to be an identifier)"),
                d.notes().toString());
    }

    @Test
    void milkNeocortexHasNa() {
        DataSet d = example("milk.csv");
        assertEquals(0.49, d.reals("kcal_per_g", USE)[0]);
        double[] neo = d.realsWithMissing("neocortex_perc", USE);
        assertEquals(29, neo.length);
        assertEquals(55.16, neo[0]);
        assertEquals(12, Arrays.stream(neo).filter(Double::isNaN).count());
        assertEquals(12, d.missingCount("neocortex.perc", USE));
        fails(USE, () -> d.reals("neocortex_perc", USE),
                "column 'neocortex.perc' (milk.csv) is NA in row 2 and 11 other rows");
        assertEquals(DataSet.Kind.STRING, d.kind("clade", USE));
    }

    @Test
    void reedfrogsPredCodedNoThenPred() {
        DataSet d = example("reedfrogs.csv");
        int[] pred = d.ints("pred", USE);
        assertEquals(48, pred.length);
        assertEquals(1, pred[0]); // "no"
        assertEquals(2, pred[47]); // "pred"
        String[] text = d.strings("pred", USE);
        for (int i = 0; i < 48; i++) assertEquals(text[i].equals("no") ? 1 : 2, pred[i]);
        assertEquals(List.of("pred: coded as an index: 1 = no, 2 = pred"), d.notes());
        assertArrayEquals(new double[] {0.9, 1.0}, Arrays.copyOf(d.reals("propsurv", USE), 2));
        assertEquals(10, d.ints("density", USE)[0]);
    }

    @Test
    void islandsDistMatrixDropsUnnamedFirstColumn() {
        DataSet d = example("islandsDistMatrix.csv");
        assertEquals(List.of("Malekula", "Tikopia", "Santa_Cruz", "Yap", "Lau_Fiji", "Trobriand", "Chuuk", "Manus",
                "Tonga", "Hawaii"), d.names());
        double[] santaCruz = d.reals("Santa_Cruz", USE);
        assertEquals(10, santaCruz.length);
        assertEquals(0.631, santaCruz[0]);
        assertEquals(0.0, santaCruz[2]);
    }

    @Test
    void howellAndRugged() {
        DataSet d = example("Howell1.csv", "rugged.csv");
        assertEquals(544, d.length("height", USE));
        assertEquals(151.765, d.reals("height", USE)[0]);
        assertEquals(DataSet.Kind.REAL, d.kind("age", USE)); // 19 ages are fractions of a year
        assertEquals(234, d.length("rgdppc_2000", USE));
        assertEquals(51 + 4, d.names().size());
        assertEquals(64, d.missingCount("rgdppc_2000", USE)); // empty fields
        fails(USE, () -> d.reals("rgdppc_2000", USE), "column 'rgdppc_2000' (rugged.csv) is NA in row 1 and 63 other rows");
        assertEquals("ABW", d.strings("isocode", USE)[0]);
    }

    @Test
    void kline2WithDistanceColumnsMerged() {
        DataSet d = example("Kline2.csv", "islandsDistMatrix.csv");
        assertEquals(9 + 10, d.names().size());
        assertEquals(7.00306545878646, d.reals("logpop", USE)[0]);
        String cultures = Arrays.stream(d.strings("culture", USE)).collect(Collectors.joining(","));
        assertEquals("Malekula,Tikopia,Santa Cruz,Yap,Lau Fiji,Trobriand,Chuuk,Manus,Tonga,Hawaii", cultures);
    }
}
