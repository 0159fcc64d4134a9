package ulam.compiler.stan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ulam.compiler.check.ModelSpec;
import ulam.compiler.check.Symbol;

/**
 * Stan identifiers for a model's names. A model name is kept when Stan accepts it; otherwise it is
 * renamed deterministically: a name Stan reserves (a keyword, a C++ keyword, or a built-in function
 * name that Stan 2.21 rejects as a variable, such as {@code sd} or {@code log}) gets a trailing
 * {@code _}; a name that does not start with a letter gets {@code v_} in front; a name ending in
 * {@code __} (reserved by Stan) gets a trailing {@code x}. Names the compiler made for parts of
 * expressions ({@code #3}, {@code #K_missing}) become {@code tmp3}, {@code K_missing}. Names that
 * would then clash get {@code _2}, {@code _3}, ... in the order the model declares them.
 *
 * <p>Names the writer makes (sizes, loop counters, {@code log_lik}) come from {@link #fresh} and
 * never clash with a model name.
 */
final class StanNames {

    /** Stan's keywords (2.21 and later), the words of its blocks and types, and C++'s keywords. */
    private static final Set<String> KEYWORDS = Set.of(
            "for", "in", "while", "repeat", "until", "if", "then", "else", "true", "false", "target", "functions",
            "model", "data", "parameters", "quantities", "transformed", "generated", "profile", "int", "real",
            "complex", "vector", "row_vector", "matrix", "complex_vector", "complex_row_vector", "complex_matrix",
            "simplex", "unit_vector", "sum_to_zero_vector", "ordered", "positive_ordered", "cholesky_factor_corr",
            "cholesky_factor_cov", "corr_matrix", "cov_matrix", "column_stochastic_matrix", "row_stochastic_matrix",
            "array", "tuple", "print", "reject", "fatal_error", "break", "continue", "return", "void", "lower",
            "upper", "offset", "multiplier", "jacobian", "var", "fvar", "lp", "increment_log_prob", "get_lp",
            "integrate_ode", "integrate_ode_rk45", "integrate_ode_bdf", "if_else",
            "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "case", "catch", "char",
            "char16_t", "char32_t", "class", "compl", "const", "constexpr", "const_cast", "decltype", "default",
            "delete", "do", "double", "dynamic_cast", "enum", "explicit", "export", "extern", "float", "friend",
            "goto", "inline", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr",
            "operator", "or", "or_eq", "private", "protected", "public", "register", "reinterpret_cast", "short",
            "signed", "sizeof", "static", "static_assert", "static_cast", "struct", "switch", "template", "this",
            "thread_local", "throw", "try", "typedef", "typeid", "typename", "union", "unsigned", "using", "virtual",
            "volatile", "wchar_t", "xor", "xor_eq");

    private static final Set<String> FUNCTIONS = readReserved();

    private final Map<Symbol, String> symbols = new IdentityHashMap<>();
    private final Map<String, String> byModelName = new LinkedHashMap<>();
    private final Set<String> taken = new HashSet<>();

    /** Names for every named symbol of the model, in declaration order (data, derived, parameters, locals, reported values). */
    StanNames(ModelSpec spec) {
        for (List<Symbol> group : List.of(spec.data(), spec.derived(), spec.parameters(), spec.locals(), spec.generated())) {
            for (Symbol s : group) {
                if (!s.anonymous()) of(s);
            }
        }
    }

    /** The Stan identifier of a symbol (named on first request for names the compiler made). */
    String of(Symbol s) {
        String n = symbols.get(s);
        if (n == null) {
            n = unique(legal(s.name()));
            symbols.put(s, n);
            if (!s.anonymous()) byModelName.put(s.name(), n);
        }
        return n;
    }

    /** Model name to Stan identifier, for the named symbols (draw names are these with their indices). */
    Map<String, String> modelNames() {
        return Map.copyOf(byModelName);
    }

    /** A new identifier: {@code base} if free, else {@code base_2}, {@code base_3}, ... */
    String fresh(String base) {
        return unique(legal(base));
    }

    /** Whether an identifier is already in use. */
    boolean taken(String name) {
        return taken.contains(name);
    }

    private String unique(String base) {
        String n = base;
        for (int k = 2; taken.contains(n); k++) n = base + "_" + k;
        taken.add(n);
        return n;
    }

    /** Whether Stan reserves a word: a keyword or a built-in function name it refuses as a variable. */
    static boolean reserved(String name) {
        return KEYWORDS.contains(name) || FUNCTIONS.contains(name) || name.startsWith("STAN_");
    }

    /** The Stan spelling of a model name (see the class comment); deterministic, not yet made unique. */
    static String legal(String name) {
        String n = name;
        if (n.startsWith("#")) {
            n = n.substring(1);
            if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) n = "tmp" + n;
        }
        StringBuilder sb = new StringBuilder();
        for (char c : n.toCharArray()) {
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            sb.append(ok ? c : '_');
        }
        n = sb.toString();
        if (n.isEmpty() || !Character.isLetter(n.charAt(0))) n = "v_" + n;
        if (n.endsWith("__")) n = n + "x";
        if (reserved(n)) n = n + "_";
        return n;
    }

    private static Set<String> readReserved() {
        Set<String> out = new HashSet<>();
        try (InputStream in = StanNames.class.getResourceAsStream("reserved-2.21.txt")) {
            if (in == null) throw new IllegalStateException("reserved-2.21.txt is missing from the build");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) out.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(out);
    }
}
