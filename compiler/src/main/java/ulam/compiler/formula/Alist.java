package ulam.compiler.formula;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The alist a formula becomes, written line by line: the ulam model text that the front end
 * hands to the parser and checker, wrapped as {@code fit <- ulam(alist(...), constraints =
 * list(...), output_names = list(...), chains = 4, ...)} so that it is a complete model on its
 * own ({@code ulam check} prints it). Also hands out the alist's names: each generated name is
 * an identifier that no data column and no other generated name has.
 */
final class Alist {
    private final List<String> header = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();
    private final Map<String, String> constraints = new LinkedHashMap<>();
    private final Map<String, List<String>> outputNames = new LinkedHashMap<>();
    private final Map<String, String> options = new LinkedHashMap<>();
    private final Set<String> taken = new HashSet<>();
    private final List<String> notes = new ArrayList<>();

    /** @param reserved names the alist may not define (the data's columns, normalised) */
    Alist(java.util.Collection<String> reserved) {
        taken.addAll(reserved);
    }

    /**
     * A new name for the alist, {@code base} made an identifier (every character other than a
     * letter, digit or {@code _} becomes {@code _}), with {@code _2}, {@code _3}, ... added if
     * it is taken.
     */
    String name(String base) {
        String b = Numeric.name(base).replaceAll("_+$", "");
        if (b.isEmpty()) b = "v";
        String n = b;
        for (int k = 2; taken.contains(n) || n.endsWith("__"); k++) n = b + "_" + k;
        taken.add(n);
        return n;
    }

    /** A comment line at the top. */
    void comment(String text) {
        header.add("# " + text);
    }

    /** A model line. */
    void line(String text) {
        lines.add(text);
    }

    /** A lower bound for a parameter ({@code constraints = list(sigma = "lower=0")}). */
    void lower(String parameter, double bound) {
        constraints.put(parameter, "lower=" + FormulaData.literal(bound));
    }

    /** The names a value is reported under, in column-major order of its elements. */
    void report(String symbol, List<String> names) {
        if (names.size() == 1 && names.get(0).equals(symbol)) return;
        outputNames.put(symbol, List.copyOf(names));
    }

    /** A sampler option of the wrapper ({@code chains}, {@code iter}, {@code warmup}, {@code seed}, {@code adapt_delta}, {@code max_treedepth}). */
    void option(String name, String value) {
        options.put(name, value);
    }

    /**
     * The sampling arguments brm and the rstanarm functions share, as the wrapper's options:
     * {@code chains} (default 4), {@code iter} (default 2000), and {@code warmup}, {@code cores},
     * {@code seed} when the call gives them (warmup defaults to half of iter, in the packages as
     * in ulam).
     */
    void samplingOptions(ModelCall call) {
        Double chains = call.number("chains");
        Double iter = call.number("iter");
        Double warmup = call.number("warmup");
        Double cores = call.number("cores");
        Double seed = call.number("seed");
        option("chains", FormulaData.literal(chains == null ? 4 : chains));
        option("iter", FormulaData.literal(iter == null ? 2000 : iter));
        if (warmup != null) option("warmup", FormulaData.literal(warmup));
        if (cores != null) option("cores", FormulaData.literal(cores));
        if (seed != null) option("seed", FormulaData.literal(seed));
    }

    /** Whether a sampler option was set. */
    boolean hasOption(String name) {
        return options.containsKey(name);
    }

    /** A note for the user (shown by run, check and compile). */
    void note(String text) {
        notes.add(text);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * The model text. Every {@code ~} line is tagged {@code target>}: brms's programs (with its
     * default {@code normalize = TRUE}) and rstanarm's write each density as
     * {@code target += dist_lpdf(...)}, which keeps its constants in {@code lp__} (docs/stan.md, "lp__").
     */
    String text(String fitName) {
        StringBuilder sb = new StringBuilder();
        for (String h : header) sb.append(h).append('\n');
        sb.append(fitName == null ? "fit" : fitName).append(" <- ulam(\n  alist(\n");
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.contains(" ~ ")) line = ulam.compiler.ast.Statement.KEEP_CONSTANTS + "> " + line;
            sb.append("    ").append(line).append(i + 1 < lines.size() ? ",\n" : "\n");
        }
        sb.append("  )");
        if (!constraints.isEmpty()) {
            List<String> c = new ArrayList<>();
            constraints.forEach((k, v) -> c.add(k + " = \"" + v + "\""));
            sb.append(",\n  constraints = list(").append(String.join(", ", c)).append(")");
        }
        if (!outputNames.isEmpty()) {
            List<String> o = new ArrayList<>();
            outputNames.forEach((k, v) -> {
                List<String> q = new ArrayList<>();
                for (String n : v) q.add(Design.quote(n));
                o.add(k + " = " + (q.size() == 1 ? q.get(0) : "c(" + String.join(", ", q) + ")"));
            });
            sb.append(",\n  output_names = list(\n    ").append(String.join(",\n    ", o)).append(")");
        }
        List<String> control = new ArrayList<>();
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getKey().equals("adapt_delta") || e.getKey().equals("max_treedepth")) {
                control.add(e.getKey() + " = " + e.getValue());
            } else {
                sb.append(",\n  ").append(e.getKey()).append(" = ").append(e.getValue());
            }
        }
        if (!control.isEmpty()) sb.append(",\n  control = list(").append(String.join(", ", control)).append(")");
        sb.append(")\n");
        return sb.toString();
    }
}
