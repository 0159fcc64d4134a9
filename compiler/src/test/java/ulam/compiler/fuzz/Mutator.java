package ulam.compiler.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mutations of a model text, as a careless edit or a corrupted file makes them: tokens deleted,
 * duplicated, swapped or replaced; random characters inserted (control characters, unicode
 * letters, surrogate halves, a byte order mark, zero-width and right-to-left marks); brackets
 * unbalanced; numbers made huge, tiny or out of range; expressions nested thousands deep (in
 * brackets, unary minus, powers, calls) or made thousands of terms long; lines deleted,
 * duplicated and swapped.
 */
final class Mutator {
    private Mutator() {}

    /** Names, numbers, strings, the multi-character operators, then any single character. */
    private static final Pattern TOKEN = Pattern.compile(
            "[A-Za-z.][A-Za-z0-9._]*|[0-9]+(\\.[0-9]*)?([eE][+-]?[0-9]+)?L?|\"[^\"\\n]*\"|`[^`\\n]*`"
                    + "|<<-|<-|<=|>=|==|!=|&&|\\|\\||%[^%\\s]*%|\\s+|.", Pattern.DOTALL);

    private static final String[] VOCABULARY = {"~", "<-", "<<-", "(", ")", "[", "]", ",", ":", "|", "+", "-", "*",
            "/", "^", "!", "==", "&&", "||", "%*%", "%%", "gq>", "save>", "transpars>", "transdata>", "alist(", "c(",
            "vector[2]:", "matrix[A,B]:", "real[1]:", "dnorm", "normal_rng", "sum", "i", "T[0,]", "\"no\"", "'x'",
            "`odd name`", "NA", "TRUE", "1:3", "[[1]]", "ulam(", "list(", "=", "#", "\n", "\t", ";", "{", "}", "$", "@",
            "\\", "?", "'", "\"", "`"};

    private static final String[] CHARACTERS = {"\u0000", "\u0007", "\u001b", "\u007f", "\u00e9", "\u03bb", "\u00b5",
            "\u4e2d", "\ud83d\ude00", "\ud800", "\udfff", "\ufeff", "\u00a0", "\u200b", "\u200f", "\u202e", "\u2028",
            "\u2029", "\r", "\r\n", "\u0085", "\uffff", "\u1680", "\u3000", "\u0301", "\u2212"};

    private static final String[] NUMBERS = {"1e309", "-1e309", "1e-400", "99999999999999999999999999",
            "2147483648", "-2147483649", "2147483647", "4294967296L", "1e99999", "0.0000000000000000000001",
            "1" + "0".repeat(400), "0e0", "00007", "1.", ".0", "1e", "1e+", "0x10", "1_000", "NaN", "Inf", "-0.0"};

    /** The text after 1 to 4 random mutations. */
    static String mutate(String text, Random r) {
        String out = text;
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) out = once(out, r);
        return out;
    }

    private static String once(String text, Random r) {
        List<String> tokens = tokens(text);
        if (tokens.isEmpty()) tokens.add("");
        int at = r.nextInt(tokens.size());
        switch (r.nextInt(12)) {
            case 0 -> tokens.remove(at);
            case 1 -> tokens.add(at, tokens.get(at));
            case 2 -> {
                int b = Math.min(tokens.size() - 1, at + 1 + r.nextInt(3));
                String t = tokens.get(at);
                tokens.set(at, tokens.get(b));
                tokens.set(b, t);
            }
            case 3 -> tokens.set(at, r.nextBoolean() ? tokens.get(r.nextInt(tokens.size())) : pick(VOCABULARY, r));
            case 4 -> tokens.add(at, pick(CHARACTERS, r));
            case 5 -> tokens.add(at, String.valueOf((char) (32 + r.nextInt(95))));
            case 6 -> tokens.add(at, pick(new String[] {"(", ")", "[", "]", "((", "]]", "[[", "))"}, r));
            case 7 -> {
                int number = find(tokens, r, "[0-9].*");
                tokens.set(number < 0 ? at : number, pick(NUMBERS, r));
            }
            case 8 -> {
                int leaf = find(tokens, r, "[A-Za-z0-9].*");
                if (leaf >= 0) tokens.set(leaf, nest(tokens.get(leaf), r));
            }
            case 9 -> {
                return lines(text, r);
            }
            case 10 -> {
                int name = find(tokens, r, "[A-Za-z].*");
                if (name >= 0) tokens.set(name, pick(new String[] {"`" + tokens.get(name) + " x`", "`\u00e9t\u00e9`", "class",
                        "this", "tmp0", "q", "lp", "gradient", "`a$b`", "x".repeat(70_000), "`" + "\u03bb".repeat(300) + "`"}, r));
            }
            default -> tokens.add(at, " " + pick(VOCABULARY, r) + " ");
        }
        return String.join("", tokens);
    }

    /** Deep nesting or great length around one leaf. */
    private static String nest(String leaf, Random r) {
        int depth = new int[] {10, 60, 200, 1000, 5000, 20000}[r.nextInt(6)];
        return switch (r.nextInt(7)) {
            case 0 -> "(".repeat(depth) + leaf + ")".repeat(depth);
            case 1 -> "-".repeat(depth) + leaf;
            case 2 -> (leaf + "^").repeat(depth) + leaf;
            case 3 -> (leaf + " + ").repeat(depth) + leaf;
            case 4 -> "exp(".repeat(depth) + leaf + ")".repeat(depth);
            case 5 -> "c(".repeat(depth) + leaf + ")".repeat(depth);
            default -> leaf + "[1]".repeat(depth);
        };
    }

    /** A line deleted, duplicated, or two lines swapped. */
    private static String lines(String text, Random r) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int a = r.nextInt(lines.size());
        int b = r.nextInt(lines.size());
        switch (r.nextInt(3)) {
            case 0 -> lines.remove(a);
            case 1 -> lines.add(b, lines.get(a));
            default -> {
                String t = lines.get(a);
                lines.set(a, lines.get(b));
                lines.set(b, t);
            }
        }
        return String.join("\n", lines);
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) out.add(m.group());
        return out;
    }

    /** A random token matching the pattern, or -1. */
    private static int find(List<String> tokens, Random r, String pattern) {
        List<Integer> hits = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) if (tokens.get(i).matches(pattern)) hits.add(i);
        return hits.isEmpty() ? -1 : hits.get(r.nextInt(hits.size()));
    }

    private static String pick(String[] options, Random r) {
        return options[r.nextInt(options.length)];
    }
}
