package ulam.runtime.data;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A text column coded as an index 1..K, as R's {@code factor()} does: the levels are the distinct
 * values sorted in an English locale (letters compared without regard to case first, lower case
 * before upper case on ties, accents after letters), level k gets code k.
 */
final class FactorCoding {
    /** Levels listed in full in a note up to this many; longer codings are shortened. */
    private static final int SHOWN = 12;

    private final List<String> levels;
    private final int[] codes;

    private FactorCoding(List<String> levels, int[] codes) {
        this.levels = levels;
        this.codes = codes;
    }

    /**
     * Codes text values.
     *
     * @param cells the values, none of them null
     */
    static FactorCoding of(String[] cells) {
        List<String> levels = new ArrayList<>(new LinkedHashSet<>(List.of(cells)));
        levels.sort(order());
        Map<String, Integer> code = new HashMap<>();
        for (int k = 0; k < levels.size(); k++) code.put(levels.get(k), k + 1);
        int[] codes = new int[cells.length];
        for (int i = 0; i < cells.length; i++) codes[i] = code.get(cells[i]);
        return new FactorCoding(List.copyOf(levels), codes);
    }

    /**
     * Codes text values held as codes into their distinct texts ({@link Column}'s form): the same
     * coding as {@link #of(String[])} of the texts they stand for, without making them.
     *
     * @param codes the values as codes 1..texts.length (none 0: no value missing)
     * @param texts the distinct texts, each used by some value
     */
    static FactorCoding of(int[] codes, String[] texts) {
        List<String> levels = new ArrayList<>(List.of(texts));
        levels.sort(order());
        Map<String, Integer> code = new HashMap<>();
        for (int k = 0; k < levels.size(); k++) code.put(levels.get(k), k + 1);
        int[] toLevel = new int[texts.length + 1];
        for (int k = 0; k < texts.length; k++) toLevel[k + 1] = code.get(texts[k]);
        int[] out = new int[codes.length];
        for (int i = 0; i < codes.length; i++) out[i] = toLevel[codes[i]];
        return new FactorCoding(List.copyOf(levels), out);
    }

    /** R's order of factor levels in an English locale (a new collator each time: collators are not thread-safe). */
    private static Comparator<String> order() {
        Collator collator = Collator.getInstance(Locale.ENGLISH);
        collator.setStrength(Collator.TERTIARY);
        return ((Comparator<String>) collator::compare).thenComparing(Comparator.naturalOrder());
    }

    /**
     * Codes text values with given levels (a fit's), so that a value keeps the code it had there.
     *
     * @param cells   the values, none of them null
     * @param levels  the levels in order: level k gets code k
     * @param subject how messages name the column
     * @throws UlamException naming the first row whose value is not a level
     */
    static FactorCoding of(String[] cells, List<String> levels, String subject, ulam.runtime.SourceLocation use) {
        Map<String, Integer> code = new HashMap<>();
        for (int k = 0; k < levels.size(); k++) code.put(levels.get(k), k + 1);
        int[] codes = new int[cells.length];
        for (int i = 0; i < cells.length; i++) {
            Integer c = code.get(cells[i]);
            if (c == null) {
                throw new ulam.runtime.UlamException(subject + ", row " + (i + 1) + ": '" + cells[i]
                        + "' is not one of the fit's levels (" + String.join(", ", levels.size() > SHOWN
                        ? levels.subList(0, SHOWN) : levels) + (levels.size() > SHOWN ? ", ..." : "") + ")", use,
                        "to predict for groups the fit has not seen, name the index with --new-groups");
            }
            codes[i] = c;
        }
        return new FactorCoding(List.copyOf(levels), codes);
    }

    /** The sorted levels: level k (1-based) is {@code levels().get(k - 1)}. */
    List<String> levels() {
        return levels;
    }

    /** The code 1..K of each value, in the order given; owned by this object, do not modify. */
    int[] codes() {
        return codes;
    }

    /**
     * The note that tells the user the coding, e.g. {@code pred: coded as an index: 1 = no, 2 = pred};
     * long codings show their first levels and the last one.
     */
    String note(String name) {
        StringBuilder sb = new StringBuilder(name).append(": coded as an index");
        int k = levels.size();
        if (k > SHOWN) sb.append(" (").append(k).append(" levels)");
        sb.append(": ");
        for (int i = 0; i < k; i++) {
            if (k > SHOWN && i == SHOWN - 2) {
                sb.append("..., ");
                i = k - 1;
            }
            sb.append(i + 1).append(" = ").append(levels.get(i));
            if (i < k - 1) sb.append(", ");
        }
        return sb.toString();
    }
}
