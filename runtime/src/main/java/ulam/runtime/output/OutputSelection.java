package ulam.runtime.output;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import ulam.runtime.UlamException;

/**
 * Which outputs a table or a plot shows, as rethinking's {@code precis(fit, depth, pars)} chooses
 * them: without {@code pars}, every output a precis table shows ({@link PrecisTable#isShown}: not
 * {@code lp__}, {@code dev}, {@code log_lik...}) less those its depth hides
 * ({@link PrecisTable#hiddenAtDepth}); with {@code pars}, the outputs named, in the order given,
 * each name selecting the output of that name or every element of a vector or matrix of that base
 * name ({@code a} selects {@code a[1]}, {@code a[2]}, ...), whatever the depth.
 */
public final class OutputSelection {
    private OutputSelection() {
    }

    /**
     * The selected outputs.
     *
     * @param names the outputs, in output order ({@code Model.outputNames()})
     * @param depth 1, 2 or 3 (used only without {@code pars})
     * @param pars  names to show in this order, or empty for all
     * @param model the model's name, for the error message
     * @return indices into {@code names}: without pars in output order, with pars in the order given
     *         (an output named twice appears once)
     * @throws UlamException if a name in {@code pars} matches no output, listing the outputs
     */
    public static List<Integer> select(List<String> names, int depth, List<String> pars, String model) {
        if (pars.isEmpty()) {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i);
                if (PrecisTable.isShown(n) && !PrecisTable.hiddenAtDepth(n, depth)) out.add(i);
            }
            return out;
        }
        Set<Integer> out = new LinkedHashSet<>();
        for (String raw : pars) {
            String p = raw.strip();
            if (p.isEmpty()) continue;
            String spaced = p.replace(" ", "");
            boolean found = false;
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i);
                if (n.replace(" ", "").equals(spaced) || PrecisTable.baseName(n).equals(p)) {
                    out.add(i);
                    found = true;
                }
            }
            if (!found) {
                throw new UlamException("--pars " + p + ": the fit of " + model + " has no output named '" + p + "'", null,
                        "its outputs are: " + String.join(", ", names.stream().filter(PrecisTable::isShown)
                                .map(PrecisTable::baseName).distinct().toList()));
            }
        }
        return new ArrayList<>(out);
    }
}
