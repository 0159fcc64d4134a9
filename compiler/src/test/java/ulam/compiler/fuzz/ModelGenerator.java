package ulam.compiler.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.FunctionSpec;
import ulam.stdlib.Registry;

/**
 * Grammar-aware random models with a random small data set: statements of every form the
 * language has (likelihoods, priors on scalars, indexed vectors and matrices, explicit types,
 * {@code c(...)} targets, locals, links such as {@code logit(p) <-}, {@code <<-}, the tags
 * {@code gq> save> transpars> transdata>}, conditions, truncation, the {@code alist} and
 * {@code ulam(...)} wrappers), built from the distributions and functions of
 * {@link Registry} and from the names of the data. About half of the models are coherent (a
 * likelihood on a data column, its linear model and a prior for each parameter), so that many
 * compile and reach the code generator; the rest are random sequences of statements.
 */
final class ModelGenerator {

    /** A model and its data: CSV text, and scalars given as {@code --data-value}. */
    record Case(String model, String csv, Map<String, String> values) {
        /** The data as shown in a failure report. */
        String dataLabel() {
            return csv + (values.isEmpty() ? "" : "values: " + values + "\n");
        }
    }

    private static final List<DistributionSpec> DISTS = Registry.distributions();
    private static final List<FunctionSpec> FUNCS = Registry.functions();
    private static final String[] PARAMS = {"a", "b", "a_bar", "sigma", "tau", "z", "theta", "nu", "bx"};
    private static final String[] LOCALS = {"mu", "p", "eta", "lambda", "q2"};
    private static final String[] LINKS = {"logit", "log", "exp", "logodds", "cloglog", "inv_logit", "c"};
    private static final String[] TAGS = {"gq", "save", "transpars", "transdata"};
    private static final String[] TYPES = {"vector", "matrix", "real", "int", "simplex", "ordered", "corr_matrix",
            "cholesky_factor_corr", "array"};
    private static final String[] BINARY = {"+", "-", "*", "/", "^", "==", "!=", "<", ">", "<=", ">=", "&&", "||",
            ":", "%*%", "&"};

    private final Random r;
    private final Map<String, String> columns = new LinkedHashMap<>(); // name -> kind: real, count, trials, binary, index, index2, text
    private final Map<String, String> scalars = new LinkedHashMap<>();
    private int rows;

    private ModelGenerator(long seed) {
        this.r = new Random(seed);
    }

    /** The case of a seed. */
    static Case generate(long seed) {
        return new ModelGenerator(seed).build();
    }

    private Case build() {
        String csv = data();
        List<String> statements = r.nextInt(2) == 0 ? coherent() : new ArrayList<>();
        int extra = statements.isEmpty() ? 1 + r.nextInt(8) : r.nextBoolean() ? 0 : 1 + r.nextInt(2);
        for (int i = 0; i < extra; i++) statements.add(r.nextInt(statements.size() + 1), statement());
        return new Case(wrap(statements), csv, scalars);
    }

    // ------------------------------------------------------------------------------- data

    private String data() {
        rows = pick(new int[] {0, 1, 2, 3, 4, 6, 10}, new int[] {1, 2, 2, 3, 3, 3, 2});
        String[][] kinds = {{"y", "real"}, {"k", "count"}, {"n", "trials"}, {"w", "binary"}, {"g", "index"},
                {"h", "index2"}, {"s", "text"}, {"x", "real"}, {"kcal.per.g", "real"}, {"2nd", "index"}};
        for (String[] k : kinds) if (r.nextInt(10) < 7) columns.put(k[0], k[1]);
        if (columns.isEmpty()) columns.put("y", "real");
        if (r.nextInt(3) == 0) scalars.put("N", Integer.toString(rows));
        if (r.nextInt(4) == 0) scalars.put("K", Integer.toString(1 + r.nextInt(3)));
        boolean na = r.nextInt(12) == 0;
        char sep = r.nextInt(4) == 0 ? ';' : ',';
        StringBuilder sb = new StringBuilder(String.join(String.valueOf(sep), columns.keySet().stream().map(n -> '"' + n + '"').toList()));
        sb.append('\n');
        for (int i = 0; i < rows; i++) {
            List<String> cells = new ArrayList<>();
            int trials = 1 + r.nextInt(12);
            for (String kind : columns.values()) {
                String cell = switch (kind) {
                    case "real" -> String.format(Locale.ROOT, "%.3f", r.nextGaussian() * (r.nextInt(5) == 0 ? 100 : 1));
                    case "count" -> Integer.toString(r.nextInt(trials + 1));
                    case "trials" -> Integer.toString(trials);
                    case "binary" -> Integer.toString(r.nextInt(2));
                    case "index" -> Integer.toString(1 + r.nextInt(3));
                    case "index2" -> Integer.toString(1 + r.nextInt(2));
                    default -> '"' + (r.nextBoolean() ? "no" : "yes") + '"';
                };
                cells.add(na && r.nextInt(4) == 0 ? "NA" : cell);
            }
            sb.append(String.join(String.valueOf(sep), cells)).append('\n');
        }
        return sb.toString();
    }

    /** A data name as the model may write it (normalised or as in the file). */
    private String dataName() {
        List<String> names = new ArrayList<>(columns.keySet());
        names.addAll(scalars.keySet());
        String n = names.get(r.nextInt(names.size()));
        if (n.equals("2nd")) return r.nextBoolean() ? "`_2nd`" : "`2nd`";
        if (n.equals("kcal.per.g") && r.nextBoolean()) return "kcal_per_g";
        return n;
    }

    private String column(String kind) {
        for (Map.Entry<String, String> c : columns.entrySet()) if (c.getValue().equals(kind)) return c.getKey();
        return dataName();
    }

    // ------------------------------------------------------------------------------- models

    /** A likelihood with its linear model and a prior for each parameter it uses. */
    private List<String> coherent() {
        List<String> out = new ArrayList<>();
        String index = column("index");
        String x = column("real");
        String kind = pick(new String[] {"normal", "bernoulli", "binomial", "poisson", "student", "gamma"});
        String term = switch (r.nextInt(4)) {
            case 0 -> "a";
            case 1 -> "a[" + index + "]";
            case 2 -> "a[" + index + "] + bx*" + x;
            default -> "a_bar + z[" + index + "]*tau + b[" + index + "," + column("index2") + "]";
        };
        switch (kind) {
            case "normal" -> {
                out.add(column("real") + " ~ " + pick(new String[] {"dnorm", "normal"}) + "(mu, sigma)");
                out.add("mu <- " + term);
            }
            case "student" -> {
                out.add(column("real") + " ~ student_t(nu, mu, sigma)");
                out.add("mu <- " + term);
                out.add("nu ~ gamma(2, 0.1)");
            }
            case "gamma" -> {
                out.add(column("trials") + " ~ " + pick(new String[] {"dgamma2", "gamma", "lognormal"}) + "(lambda, sigma)");
                out.add("log(lambda) <- " + term);
            }
            case "bernoulli" -> {
                out.add(column("binary") + " ~ " + pick(new String[] {"dbern(p)", "bernoulli(p)", "dbinom(1, p)"}));
                out.add(r.nextBoolean() ? "logit(p) <- " + term : "p <- inv_logit(" + term + ")");
            }
            case "binomial" -> {
                out.add(column("count") + " ~ " + pick(new String[] {"dbinom", "binomial"}) + "(" + column("trials") + ", p)");
                out.add("logit(p) <- " + term);
            }
            default -> {
                out.add(column("count") + " ~ " + pick(new String[] {"dpois", "poisson"}) + "(lambda)");
                out.add("log(lambda) <- " + term);
            }
        }
        if (term.startsWith("a[") || term.startsWith("a ")) out.add(pick(new String[] {"a[" + index + "]", "vector[" + index + "]:a"}) + " ~ dnorm(a_bar, tau)");
        if (term.equals("a")) out.add("a ~ dnorm(0, 1.5)");
        if (term.contains("a_bar")) out.add("a_bar ~ normal(0, 1.5)");
        if (term.contains("tau") || out.stream().anyMatch(s -> s.contains("tau)"))) out.add("tau ~ dexp(1)");
        if (term.contains("z[")) out.add("z[" + index + "] ~ normal(0, 1)");
        if (term.contains("b[")) out.add("matrix[" + index + "," + column("index2") + "]:b ~ normal(0, 1)");
        if (term.contains("bx")) out.add("bx ~ normal(0, 0.5)");
        if (!out.stream().anyMatch(s -> s.startsWith("a_bar ~")) && out.stream().anyMatch(s -> s.contains("a_bar"))) out.add("a_bar ~ normal(0, 1)");
        if (out.stream().anyMatch(s -> s.contains("sigma)"))) out.add("sigma ~ " + pick(new String[] {"dexp(1)", "exponential(2)", "half_normal(0, 1)", "uniform(0, 10)"}));
        if (r.nextInt(3) == 0) out.add("gq> " + pick(new String[] {"y_sim <- normal_rng(a_bar, 1)", "vector[" + index + "]:aa <<- a*2",
                "d <- a_bar - 1", "real[1]:v <<- exp(a_bar)", "m <- mean(a)", "t2 <- sum(a) / 2"}));
        if (r.nextInt(4) == 0) out.add(pick(new String[] {"transdata> ", ""}) + "x2 <- standardize(" + x + ")");
        if (r.nextInt(4) == 0) out.add("G2 <- ifelse(" + column("text") + " == \"no\", 1, 2)");
        return out;
    }

    /** One random statement of any form. */
    private String statement() {
        StringBuilder sb = new StringBuilder();
        int form = r.nextInt(100);
        if (form < 12) sb.append(pick(TAGS)).append("> ");
        else if (form < 13) sb.append("qq> ");
        if (r.nextInt(6) == 0) {
            sb.append(pick(TYPES));
            if (r.nextInt(5) > 0) {
                sb.append('[').append(size());
                if (r.nextBoolean()) sb.append(',').append(size());
                sb.append(']');
            }
            sb.append(':');
        }
        int target = r.nextInt(20);
        if (target < 2) {
            sb.append(pick(LINKS)).append('(').append(pick(LOCALS)).append(')');
        } else if (target < 4) {
            sb.append("c(").append(pick(PARAMS)).append(", ").append(pick(PARAMS)).append(')');
            if (r.nextBoolean()) sb.append('[').append(dataName()).append(']');
        } else if (target < 5) {
            sb.append(pick(PARAMS)).append("[[").append(1 + r.nextInt(3)).append("]]");
        } else {
            sb.append(r.nextInt(3) == 0 ? dataName() : r.nextBoolean() ? pick(PARAMS) : pick(LOCALS));
            if (r.nextInt(3) == 0) {
                sb.append('[').append(index());
                if (r.nextInt(3) == 0) sb.append(", ").append(index());
                sb.append(']');
            }
        }
        if (r.nextInt(25) == 0) sb.append(" | ").append(expr(1));
        int op = r.nextInt(10);
        if (op < 5) {
            sb.append(" ~ ").append(distribution());
            if (r.nextInt(20) == 0) sb.append(" T[").append(r.nextBoolean() ? "0" : "").append(", ").append(r.nextBoolean() ? "" : "10").append(']');
        } else if (op < 9) {
            sb.append(" <- ").append(expr(3));
        } else {
            sb.append(" <<- ").append(expr(3));
        }
        return sb.toString();
    }

    private String size() {
        return switch (r.nextInt(5)) {
            case 0 -> Integer.toString(r.nextInt(4));
            case 1, 2 -> column("index");
            case 3 -> scalars.isEmpty() ? "2" : pick(scalars.keySet().toArray(new String[0]));
            default -> expr(1);
        };
    }

    private String index() {
        return switch (r.nextInt(8)) {
            case 0 -> "i";
            case 1 -> Integer.toString(r.nextInt(4));
            case 2 -> "";
            case 3 -> expr(1);
            default -> dataName();
        };
    }

    private String distribution() {
        DistributionSpec d = DISTS.get(r.nextInt(DISTS.size()));
        String name = d.aliases().isEmpty() || r.nextBoolean() ? d.name() : pick(d.aliases().toArray(new String[0]));
        int arity = d.arity();
        if (r.nextInt(15) == 0) arity += r.nextBoolean() ? 1 : -1;
        return call(name, Math.max(0, arity), 1);
    }

    private String call(String name, int arity, int depth) {
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < arity; i++) {
            if (i > 0) sb.append(", ");
            if (r.nextInt(30) == 0) sb.append(pick(new String[] {"lower", "p", "x"})).append(" = ");
            sb.append(expr(depth));
        }
        return sb.append(')').toString();
    }

    /** A random expression of at most this depth. */
    private String expr(int depth) {
        int choice = depth <= 0 ? r.nextInt(5) : r.nextInt(14);
        return switch (choice) {
            case 0 -> number();
            case 1 -> pick(PARAMS);
            case 2 -> dataName();
            case 3 -> r.nextInt(10) == 0 ? pick(new String[] {"\"no\"", "'yes'", "\"\"", "i", "TRUE", "NA", "pi"}) : pick(LOCALS);
            case 4 -> pick(PARAMS) + "[" + index() + "]";
            case 5, 6 -> {
                FunctionSpec f = FUNCS.get(r.nextInt(FUNCS.size()));
                int arity = r.nextInt(15) == 0 ? f.arity() + 1 : f.arity();
                yield call(f.name(), arity, depth - 1);
            }
            case 7 -> "ifelse(" + expr(depth - 1) + " " + pick(new String[] {"==", ">", "<"}) + " " + expr(0) + ", " + expr(depth - 1) + ", " + expr(depth - 1) + ")";
            case 8 -> "-" + expr(depth - 1);
            case 9 -> "(" + expr(depth - 1) + ")";
            case 10 -> r.nextBoolean() ? "c(" + expr(depth - 1) + ", " + expr(depth - 1) + ")"
                    : DISTS.get(r.nextInt(DISTS.size())).name() + "_rng(" + expr(0) + (r.nextBoolean() ? ", " + expr(0) : "") + ")";
            default -> expr(depth - 1) + " " + pick(BINARY) + " " + expr(depth - 1);
        };
    }

    private String number() {
        return switch (r.nextInt(8)) {
            case 0 -> "0";
            case 1 -> "1";
            case 2 -> "1.5";
            case 3 -> Integer.toString(r.nextInt(20));
            case 4 -> "0.5";
            case 5 -> pick(new String[] {"1e3", "2L", "1e-300", "1e308", "-0", ".5", "3."});
            default -> String.format(Locale.ROOT, "%.2f", r.nextGaussian() * 3);
        };
    }

    /** Lines, or an alist, or an ulam(...) call with options. */
    private String wrap(List<String> statements) {
        int w = r.nextInt(10);
        if (w < 7) {
            StringBuilder sb = new StringBuilder();
            if (r.nextInt(4) == 0) sb.append("# a generated model\n");
            for (String s : statements) sb.append(s).append(r.nextInt(8) == 0 ? ",\n" : "\n");
            return sb.toString();
        }
        String list = "alist(\n    " + String.join(",\n    ", statements) + (r.nextInt(4) == 0 ? ",\n" : "\n") + ")";
        if (w < 8) return list;
        List<String> options = new ArrayList<>(List.of("data = d"));
        String[] all = {"chains = 2", "iter = 200", "warmup = 50", "seed = 3", "cores = 2", "log_lik = TRUE",
                "control = list(adapt_delta = 0.9)", "constraints = list(sigma = \"lower=0\")", "start = list(a_bar = 0)",
                "max_treedepth = 8", "chains = -1", "iter = 1e99", "control = list(adapt_delta = 2)", "cmdstan = TRUE",
                "constraints = list(a = \"upper=1\")", "start = list(zz = c(1, 2))"};
        for (String o : all) if (r.nextInt(4) == 0) options.add(o);
        return "m <- ulam(\n  " + list + ",\n  " + String.join(", ", options) + "\n)\n";
    }

    private String pick(String[] options) {
        return options[r.nextInt(options.length)];
    }

    private int pick(int[] values, int[] weights) {
        int total = 0;
        for (int w : weights) total += w;
        int x = r.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            x -= weights[i];
            if (x < 0) return values[i];
        }
        return values[values.length - 1];
    }
}
