package ulam.compiler.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ulam.compiler.ast.Expr;
import ulam.compiler.ast.Program;

/**
 * The wrapper's {@code output_names = list(a = "alpha", r = c("r[308,Intercept]", ...))}: the
 * names a reported value's elements are reported under (column-major), instead of Stan's
 * {@code a}, {@code r[1,1]}. The formula front end uses it for the names brms and rstanarm
 * report ({@code b_perc.fat}, {@code r_Subject[308,Intercept]}, {@code (Intercept)}); a value
 * whose number of elements differs from its names once the data are bound keeps Stan's names.
 * Writes {@link Symbol#outputNames()} of parameters and reported values; reads the program's
 * options only.
 */
final class OutputNames {
    /** Longest name accepted (names become Stan CSV column headers). */
    private static final int LONGEST = 1000;

    private final CheckState state;

    OutputNames(CheckState state) {
        this.state = state;
    }

    /**
     * Gives the named values their names.
     *
     * @param params    the parameters
     * @param generated the other reported values
     * @throws ulam.runtime.UlamException at the entry that names something not reported, or gives
     *                                    a name that is empty, ends in two underscores, holds a
     *                                    line break, is too long, or is given twice
     */
    void name(List<Symbol> params, List<Symbol> generated) {
        Map<String, Symbol> reported = new HashMap<>();
        for (Symbol s : params) reported.put(s.name(), s);
        for (Symbol s : generated) reported.put(s.name(), s);
        Map<String, String> seen = new HashMap<>();
        for (Program.Option o : state.program.options()) {
            if (!"output_names".equals(o.name())) continue;
            if (!(o.value() instanceof Expr.Call c) || !c.function().equals("list")) {
                throw state.error(o.span(), "output_names is a list", "e.g. output_names = list(a = \"alpha\", b = c(\"b_x\", \"b_z\"))");
            }
            for (int k = 0; k < c.args().size(); k++) {
                String n = c.argNames().get(k);
                Expr value = c.args().get(k);
                if (n == null) throw state.error(value.span(), "each entry of output_names names a value", "write name = \"reported name\"");
                Symbol s = reported.get(n.replaceAll("[^A-Za-z0-9_]", "_"));
                if (s == null) {
                    throw state.error(value.span(), "output_names names '" + n + "', which is not a parameter or a reported value",
                            "name a parameter, or a transpars>, save> or gq> value");
                }
                List<String> names = strings(value);
                for (String name : names) {
                    if (name.isEmpty() || name.endsWith("__") || name.contains("\n") || name.length() > LONGEST) {
                        throw state.error(value.span(), "'" + (name.length() > 40 ? name.substring(0, 40) + "..." : name)
                                + "' cannot be a reported name", "a reported name is one line of at most " + LONGEST
                                + " characters, not empty, and does not end in '__' (Stan CSV files reserve those)");
                    }
                    String twice = seen.put(name, n);
                    if (twice != null || (reported.containsKey(name) && !name.equals(n))) {
                        throw state.error(value.span(), "the reported name '" + name + "' is given twice",
                                "every reported element needs a name of its own");
                    }
                }
                s.outputNames(List.copyOf(names));
            }
        }
    }

    private List<String> strings(Expr value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Expr.Str s) {
            out.add(s.value());
        } else if (value instanceof Expr.Call c && c.function().equals("c")) {
            for (Expr e : c.args()) {
                if (!(e instanceof Expr.Str s)) throw state.error(e.span(), "a reported name is a string", "write \"name\"");
                out.add(s.value());
            }
        } else {
            throw state.error(value.span(), "output names are strings", "write \"name\" or c(\"name1\", \"name2\")");
        }
        return out;
    }
}
