package ulam.runtime.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Names of data values: how a name from a file becomes an identifier a model can use, and which
 * known names are close to a misspelt one.
 */
final class Names {
    private Names() {}

    /**
     * The identifier a data name is reachable as, by the rule the compiler applies to names in a
     * model (language reference A.2): every character that is not a letter, digit or {@code _}
     * becomes {@code _}, and a leading digit gets a {@code _} prefix ({@code kcal.per.g ->
     * kcal_per_g}, {@code Marriage SE -> Marriage_SE}, {@code 2nd -> _2nd}); letters and digits
     * of any script stay ({@code Gr\u00f6\u00dfe} is reachable as {@code `Gr\u00f6\u00dfe`}).
     * An identifier is returned unchanged. The empty name stays empty.
     */
    static String normalise(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 1);
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            sb.append(Character.isLetterOrDigit(ch) || ch == '_' ? ch : '_');
        }
        if (sb.length() > 0 && Character.isDigit(sb.charAt(0))) sb.insert(0, '_');
        return sb.toString();
    }

    /**
     * Known names close to {@code wanted}, closest first, at most {@code max} of them: names equal
     * but for case, and names within an edit distance of about a third of the name's length.
     */
    static List<String> closest(String wanted, Collection<String> known, int max) {
        String w = wanted.toLowerCase(Locale.ROOT);
        int limit = Math.max(1, w.length() / 3);
        List<String> hits = new ArrayList<>();
        List<Integer> distances = new ArrayList<>();
        for (String k : known) {
            int d = distance(w, k.toLowerCase(Locale.ROOT));
            if (d <= limit) {
                hits.add(k);
                distances.add(d);
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) order.add(i);
        order.sort(Comparator.comparingInt(distances::get)); // stable: ties keep data order
        List<String> out = new ArrayList<>();
        for (int i = 0; i < order.size() && i < max; i++) out.add(hits.get(order.get(i)));
        return out;
    }

    /** Edit distance, the registry's (optimal string alignment): one measure of "close" across the project. */
    static int distance(String a, String b) {
        return ulam.stdlib.Registry.editDistance(a, b);
    }
}
