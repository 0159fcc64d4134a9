package ulam.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.NEW;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.util.TraceClassVisitor;
import ulam.compiler.Compiler;
import ulam.compiler.parse.Source;
import ulam.runtime.Model;
import ulam.runtime.data.DataSet;

/**
 * Names and strings in a model cannot change its generated class beyond their own text:
 * one model is compiled with plain names and again with hostile ones (Java keywords, the names of
 * the generated class's own fields and methods, {@code lp__} and Stan's other sampler columns (as data),
 * punctuation and {@code $}, unicode letters and marks, names thousands of characters long, a
 * text literal that looks like Java code). The two classes must be equal instruction by
 * instruction once their string constants are set aside (so no name reaches a field, method,
 * class or descriptor), their string constants must be the plain ones with the names replaced,
 * and the two models must compute the same log density, gradient, draws and log-likelihood bit
 * for bit.
 */
class HostileNamesTest {

    /** The plain names of the model below, one per role; each is a token no message of the compiler contains. */
    private static final List<String> ROLES = List.of("zy", "zx", "zg", "zs", "zmu", "zsigma", "za", "zabar", "zb",
            "zpred", "zxc", "zg2", "zc", "zlit");

    /** Every statement form that names things: data, derived data, locals, parameters, a gq> line, a text literal. */
    private static final String MODEL = """
            zy ~ normal(zmu, zsigma)
            zmu <- za[zg] + zb * zxc + zc[zg2]
            za[zg] ~ normal(zabar, 1)
            zc[zg2] ~ normal(0, 1)
            zabar ~ normal(0, 1.5)
            zb ~ normal(0, 0.5)
            zsigma ~ exponential(1)
            zxc <- zx - mean(zx)
            zg2 <- ifelse(zs == "zlit", 1, 2)
            gq> zpred <- normal_rng(zmu, zsigma)
            """;

    /** The data: columns zy, zx, zg, zs. */
    private static final String[][] ROWS = {
        {"1.2", "0.5", "1", "zlit"}, {"-0.3", "1.5", "2", "other"}, {"0.8", "-1.0", "3", "zlit"}, {"2.1", "0.0", "1", "other"},
        {"0.4", "2.5", "2", "other"},
    };

    private static final Pattern TOKEN = Pattern.compile("(?<![A-Za-z0-9_])z[a-z0-9]+(?![A-Za-z0-9_])");

    @TempDir
    Path dir;

    @Test
    void javaKeywords() throws IOException {
        assertOnlyNamesDiffer(hostile("class", "this", "new", "void", "return", "static", "goto", "null", "super",
                "throw", "try", "switch", "final", "\"); System.exit(1); (\""));
    }

    @Test
    void namesOfTheGeneratedClassAndOfTheSamplerColumns() throws IOException {
        // f<id>/a<id> are slot fields, dk rng notes names are fields, p<n> are methods; lp__,
        // accept_stat__ and treedepth__ are Stan CSV's sampler columns, which derived data (never
        // reported) and a text literal may be named (a reported name may not: CheckerTest)
        assertOnlyNamesDiffer(hostile("f0", "f1", "a0", "a1", "dk", "rng", "notes", "names", "p0", "f2", "lp__",
                "treedepth__", "logDensity", "accept_stat__"));
    }

    @Test
    void punctuationAndDollars() throws IOException {
        // "$$$" normalises to "___", a name ending in "__", which only an unreported name (here data) may have
        assertOnlyNamesDiffer(hostile("$", "a$b", "2nd", "$$$", "my.mu", "{s}", "x y z", "+a+", "(b)", "p'q", "#c", "@g",
                "~c~", "$`\\\"\\n;{}"));
    }

    @Test
    void unicodeLetters() throws IOException {
        assertOnlyNamesDiffer(hostile("\u03bb", "\u00e9t\u00e9", "\u4e2d\u6587", "Gr\u00f6\u00dfe", "\u03bc", "\u03c3",
                "\u03b1", "\u1fb1", "\u03b2", "\u0177", "x\u0304", "\u00e7\ud83d\ude00", "\u03b32", "\u00e7a va \u4e2d \ud83d\ude00 \u202e"));
    }

    @Test
    void longNames() throws IOException {
        // beyond 16,000 characters a string constant is split into pieces joined when the class runs
        String[] names = new String[ROLES.size()];
        for (int k = 0; k < names.length; k++) names[k] = (char) ('a' + k) + "q".repeat(k % 2 == 0 ? 5_000 : 17_000);
        assertOnlyNamesDiffer(hostile(names));
    }

    // ------------------------------------------------------------------------------- the comparison

    /** A renaming: for each role its raw text (a name or the literal's value). */
    private static Map<String, String> hostile(String... raw) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int k = 0; k < ROLES.size(); k++) m.put(ROLES.get(k), raw[k]);
        return m;
    }

    private void assertOnlyNamesDiffer(Map<String, String> renaming) throws IOException {
        Map<String, String> written = new LinkedHashMap<>();
        Map<String, String> plain = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : renaming.entrySet()) {
            String raw = e.getValue();
            boolean literal = e.getKey().equals("zlit");
            written.put(e.getKey(), literal ? raw.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                    : raw.matches("[a-zA-Z][a-zA-Z0-9._]*") ? raw : "`" + raw + "`");
            plain.put(e.getKey(), literal ? raw : identifier(raw));
        }
        Compiled a = compile(MODEL, csv(Map.of()), "plain");
        Compiled b = compile(replace(MODEL, written), csv(renaming), "hostile");

        Listing la = listing(a.classFile());
        Listing lb = listing(b.classFile());
        for (String role : ROLES) assertFalse(la.code().contains(role), role + " is outside the string constants:\n" + la.code());
        assertEquals(la.code(), lb.code(), "the classes differ beyond their string constants");
        assertEquals(la.strings().size(), lb.strings().size());
        for (int k = 0; k < la.strings().size(); k++) {
            String sa = la.strings().get(k);
            String sb = lb.strings().get(k);
            assertTrue(sb.equals(replace(sa, plain)) || sb.equals(replace(sa, written)),
                    "string constant " + k + " is '" + sa + "' in the plain class and '" + sb + "' in the hostile one");
        }
        assertFalse(la.locations().isEmpty(), "the class makes located errors");
        assertEquals(la.locations().size(), lb.locations().size());
        for (int k = 0; k < la.locations().size(); k++) {
            Location at = la.locations().get(k);
            String before = at.lineText().substring(0, Math.min(at.column() - 1, at.lineText().length()));
            String span = at.lineText().substring(before.length(), Math.min(before.length() + at.length(), at.lineText().length()));
            Location expected = new Location(replace(before, written).length() + 1, Math.max(1, replace(span, written).length()),
                    replace(at.lineText(), written));
            assertEquals(expected, lb.locations().get(k), "source location " + k + ", at " + at);
        }
        List<String> names = new ArrayList<>();
        for (String n : a.model().outputNames()) names.add(replace(n, plain));
        assertEquals(names, List.of(b.model().outputNames()));
        assertSameNumbers(a.model(), b.model());
    }

    /** A raw name as the model sees it: every character that is not a letter, digit or '_' becomes '_' (A.2). */
    private static String identifier(String raw) {
        StringBuilder sb = new StringBuilder();
        raw.chars().forEach(c -> sb.append(Character.isLetterOrDigit(c) || c == '_' ? (char) c : '_'));
        return Character.isDigit(sb.charAt(0)) ? "_" + sb : sb.toString();
    }

    /** Each role's token replaced by its text in {@code to}. */
    private static String replace(String text, Map<String, String> to) {
        Matcher m = TOKEN.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(to.getOrDefault(m.group(), m.group())));
        return m.appendTail(sb).toString();
    }

    /** The data file with the roles' names as column names (and the literal as a text value). */
    private Path csv(Map<String, String> renaming) throws IOException {
        StringBuilder sb = new StringBuilder();
        List<String> header = List.of("zy", "zx", "zg", "zs");
        for (int j = 0; j < header.size(); j++) sb.append(j > 0 ? "," : "").append(quoted(renaming.getOrDefault(header.get(j), header.get(j))));
        sb.append('\n');
        for (String[] row : ROWS) {
            for (int j = 0; j < row.length; j++) sb.append(j > 0 ? "," : "").append(quoted(renaming.getOrDefault(row[j], row[j])));
            sb.append('\n');
        }
        Path f = Files.createTempFile(dir, "data", ".csv");
        return Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
    }

    /** A field as CSV writes it: numbers bare, text in quotes. */
    private static String quoted(String field) {
        return field.matches("-?[0-9.]+") ? field : "\"" + field.replace("\"", "\"\"") + "\"";
    }

    private record Compiled(byte[] classFile, Model model) {}

    private static Compiled compile(String text, Path csv, String what) {
        DataSet data = DataSet.read(List.of(csv), Map.of());
        try {
            Compiler.Compiled c = Compiler.compile(new Source("m.ulam", text), Compiler.schema(data));
            return new Compiled(c.classFile(), c.factory().apply(data));
        } catch (ulam.runtime.UlamException e) {
            throw new AssertionError("the " + what + " model does not compile: " + e.format(), e);
        }
    }

    /** The same values at random points, bit for bit. */
    private static void assertSameNumbers(Model a, Model b) {
        assertEquals(a.dimension(), b.dimension());
        Random r = new Random(3);
        for (int point = 0; point < 4; point++) {
            double[] q = new double[a.dimension()];
            for (int k = 0; k < q.length; k++) q[k] = r.nextGaussian();
            double[] ga = new double[q.length];
            double[] gb = new double[q.length];
            assertEquals(Double.doubleToRawLongBits(a.logDensityGradient(q, ga)), Double.doubleToRawLongBits(b.logDensityGradient(q, gb)));
            assertArrayEquals(ga, gb);
            assertEquals(a.logDensity(q), b.logDensity(q));
            double[] da = new double[a.outputNames().length];
            double[] db = new double[da.length];
            a.writeDraw(q, RandomSource.XO_RO_SHI_RO_128_PP.create(point), da);
            b.writeDraw(q, RandomSource.XO_RO_SHI_RO_128_PP.create(point), db);
            assertArrayEquals(da, db);
            double[] la = new double[a.observations()];
            double[] lb = new double[la.length];
            a.logLikelihood(q, la);
            b.logLikelihood(q, lb);
            assertArrayEquals(la, lb);
        }
    }

    // ------------------------------------------------------------------------------- class listings

    /**
     * A class as text with every string constant replaced by {@code "$S"} and the column and
     * length of every source location by {@code "$C"} (and no maximum stack depths), its string
     * constants and its source locations in order.
     */
    private record Listing(String code, List<String> strings, List<Location> locations) {}

    /** The place a located error of the class points at: column and length on a line of the model. */
    private record Location(int column, int length, String lineText) {}

    private static final String BUILDER = "java/lang/StringBuilder";

    private static Listing listing(byte[] classFile) {
        ClassNode cn = new ClassNode();
        new ClassReader(classFile).accept(cn, 0);
        List<String> strings = new ArrayList<>();
        for (FieldNode f : cn.fields) {
            if (f.value instanceof String s) {
                strings.add(s);
                f.value = "$S";
            }
        }
        List<Location> locations = new ArrayList<>();
        for (MethodNode m : cn.methods) {
            joinPieces(m.instructions);
            m.maxStack = 0;   // a string pushed in pieces needs more stack than one constant
            locations.addAll(locations(m.instructions));
            for (AbstractInsnNode i : m.instructions) {
                if (i instanceof LdcInsnNode l && l.cst instanceof String s) {
                    strings.add(s);
                    l.cst = "$S";
                }
                assertFalse(i instanceof InvokeDynamicInsnNode, "no invokedynamic in a model class");
            }
        }
        StringWriter w = new StringWriter();
        cn.accept(new TraceClassVisitor(new PrintWriter(w)));
        return new Listing(w.toString(), strings, locations);
    }

    /**
     * The source locations the code makes ({@code new SourceLocation(file, line, column, length,
     * lineText)}, see {@link Bytecode#pushLocation}); their column and length pushes become {@code "$C"}.
     */
    private static List<Location> locations(InsnList code) {
        List<Location> out = new ArrayList<>();
        for (AbstractInsnNode i : code) {
            if (!(i instanceof MethodInsnNode m && m.owner.equals("ulam/runtime/SourceLocation") && m.name.equals("<init>"))) continue;
            AbstractInsnNode text = i.getPrevious();
            AbstractInsnNode length = text.getPrevious();
            AbstractInsnNode column = length.getPrevious();
            out.add(new Location(intValue(column), intValue(length), (String) ((LdcInsnNode) text).cst));
            code.set(column, new LdcInsnNode("$C"));
            code.set(length, new LdcInsnNode("$C"));
        }
        return out;
    }

    private static int intValue(AbstractInsnNode push) {
        if (push instanceof IntInsnNode n) return n.operand;
        if (push instanceof LdcInsnNode l) return (Integer) l.cst;
        return push.getOpcode() - ICONST_0;
    }

    /** A long string pushed as pieces ({@code new StringBuilder().append(..)...toString()}) becomes one constant. */
    private static void joinPieces(InsnList code) {
        for (AbstractInsnNode at = code.getFirst(); at != null; at = at.getNext()) {
            if (!(at instanceof TypeInsnNode t && t.getOpcode() == NEW && t.desc.equals(BUILDER))) continue;
            AbstractInsnNode p = at.getNext().getNext();
            if (!calls(p, INVOKESPECIAL, "<init>")) continue;
            StringBuilder text = new StringBuilder();
            int pieces = 0;
            for (p = p.getNext(); p instanceof LdcInsnNode l && l.cst instanceof String s && calls(p.getNext(), INVOKEVIRTUAL, "append");
                 p = p.getNext().getNext()) {
                text.append(s);
                pieces++;
            }
            if (pieces == 0 || !calls(p, INVOKEVIRTUAL, "toString")) continue;
            LdcInsnNode joined = new LdcInsnNode(text.toString());
            code.insertBefore(at, joined);
            AbstractInsnNode end = p.getNext();
            for (AbstractInsnNode x = at; x != end; ) {
                AbstractInsnNode next = x.getNext();
                code.remove(x);
                x = next;
            }
            at = joined;
        }
    }

    private static boolean calls(AbstractInsnNode i, int opcode, String name) {
        return i instanceof MethodInsnNode m && m.getOpcode() == opcode && m.owner.equals(BUILDER) && m.name.equals(name);
    }
}
