package ulam.compiler.cli.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The group-level structure of a fit, read from its output names as brms and rstanarm name
 * them (docs/formulas.md): brms's {@code sd_g__coef}, {@code cor_g__a__b},
 * {@code r_g[level,coef]} (with a non-linear parameter, {@code r_g__nlpar[level,coef]}) and
 * population-level {@code b_coef}; rstanarm's {@code Sigma[g:a,b]}, {@code b[coef g:level]} and
 * population-level {@code (Intercept)}, {@code coef}. Each entry holds its column in the draws.
 */
final class GroupEffects {

    /** A group-level standard deviation (brms's sd_, or the root of a diagonal entry of rstanarm's Sigma). */
    record Sd(String group, String coef, int column, boolean variance) {}

    /** A group-level correlation (brms's cor_, or rstanarm's off-diagonal Sigma with its diagonal columns). */
    record Cor(String group, String a, String b, int column, int varA, int varB) {}

    /** One level's effect of a coefficient. */
    record Effect(String group, String level, String coef, int column) {}

    private static final Pattern SD = Pattern.compile("^sd_(.+?)__(.+)$");
    private static final Pattern COR = Pattern.compile("^cor_(.+?)__(.+?)__(.+)$");
    private static final Pattern R = Pattern.compile("^r_(.+)\\[(.*),([^,\\]]*)\\]$");
    private static final Pattern B = Pattern.compile("^b\\[(\\S+) ([^:\\]]+):(.*)\\]$");
    private static final Pattern SIGMA = Pattern.compile("^Sigma\\[([^:\\]]+):([^,\\]]+),([^\\]]+)\\]$");

    final List<Sd> sds = new ArrayList<>();
    final List<Cor> cors = new ArrayList<>();
    final List<Effect> effects = new ArrayList<>();
    /** Population-level coefficients by the name group-level effects use ({@code Intercept}, {@code Days}), with their column. */
    final Map<String, Integer> fixed = new LinkedHashMap<>();
    /** Family parameters (sigma, nu, shape, phi, reciprocal_dispersion) with their column. */
    final Map<String, Integer> family = new LinkedHashMap<>();

    /** Reads the output names of a fit. */
    static GroupEffects of(List<String> names) {
        GroupEffects g = new GroupEffects();
        Map<String, Integer> at = new LinkedHashMap<>();
        for (int k = 0; k < names.size(); k++) at.put(names.get(k), k);
        boolean rstanarm = at.containsKey("(Intercept)") || names.stream().anyMatch(n -> n.startsWith("Sigma["));
        for (int k = 0; k < names.size(); k++) {
            String n = names.get(k);
            Matcher m;
            if ((m = SD.matcher(n)).matches()) {
                g.sds.add(new Sd(m.group(1), m.group(2), k, false));
            } else if ((m = COR.matcher(n)).matches()) {
                g.cors.add(new Cor(m.group(1), m.group(2), m.group(3), k, -1, -1));
            } else if ((m = R.matcher(n)).matches()) {
                String group = m.group(1);
                String coef = m.group(3);
                int nl = group.indexOf("__");
                if (nl > 0) {
                    coef = group.substring(nl + 2) + "_" + coef;
                    group = group.substring(0, nl);
                }
                g.effects.add(new Effect(group, m.group(2), coef, k));
            } else if (rstanarm && (m = B.matcher(n)).matches()) {
                g.effects.add(new Effect(m.group(2), m.group(3), m.group(1), k));
            } else if ((m = SIGMA.matcher(n)).matches()) {
                String group = m.group(1);
                String a = m.group(2);
                String b = m.group(3);
                if (a.equals(b)) {
                    g.sds.add(new Sd(group, a, k, true));
                } else {
                    Integer va = at.get("Sigma[" + group + ":" + a + "," + a + "]");
                    Integer vb = at.get("Sigma[" + group + ":" + b + "," + b + "]");
                    if (va != null && vb != null) g.cors.add(new Cor(group, b, a, k, vb, va));
                }
            } else if (n.startsWith("b_") && !n.contains("[")) {
                g.fixed.put(n.substring(2), k);
            } else if (List.of("sigma", "nu", "shape", "phi", "reciprocal_dispersion").contains(n)) {
                g.family.put(n, k);
            }
        }
        if (rstanarm) {
            for (Effect e : g.effects) {
                Integer c = at.get(e.coef());
                if (c != null) g.fixed.put(e.coef(), c);
            }
        }
        return g;
    }

    /** Whether the fit has group-level effects named as brms or rstanarm name them. */
    boolean any() {
        return !sds.isEmpty() || !effects.isEmpty();
    }
}
