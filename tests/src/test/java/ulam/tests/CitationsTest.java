package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every document a Java file (main or test, any module) cites is in the repository, and so is
 * every section it names. The citations it knows:
 *
 * <ul>
 *   <li>{@code language reference 2.15}, {@code language reference 3.5 and A.6},
 *       {@code language reference sections 2-4 and A}: sections of {@code docs/reference.md}
 *       (its headings {@code ## A.}, {@code ### 2.15}, and the paragraphs {@code **A.5 ...**});</li>
 *   <li>{@code docs/NAME.md} and any other path ending in {@code .md}: a file of the repository
 *       (a path with a folder from the repository's root, a bare name anywhere in it); after it,
 *       {@code #anchor} a heading's anchor, {@code , "Title"} a heading's title or the bold
 *       lead-in of a paragraph or list item ({@code - **Files ulam writes** ...}), and for
 *       {@code docs/design.md} {@code step N} (or {@code steps N and M}) a step of its list;</li>
 *   <li>never {@code DESIGN.md}, {@code ulam-language.md} (the shared documents outside the
 *       repository, now {@code docs/design.md} and {@code docs/reference.md}) nor an issue
 *       number ({@code issue 5}, {@code issues #183}): say what the test checks instead.</li>
 * </ul>
 *
 * This file itself is not scanned: its docstring shows the forms. The tests module runs in the
 * repository's root.
 */
class CitationsTest {

    private static final Path ROOT = Path.of("");
    private static final Pattern SECTION = Pattern.compile("A(?:\\.\\d+)?|\\d+(?:\\.\\d+)?");
    private static final Pattern REFERENCE = Pattern.compile(
            "language reference,?\\s+(?:sections?\\s+)?((?:A(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)(?:(?:,\\s*|\\s+and\\s+|\\s*-\\s*|\\s*–\\s*)(?:A(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)(?![\\w{]))*)");
    private static final Pattern MARKDOWN = Pattern.compile("(?<![\\w/.-])((?:[\\w.-]+/)*[\\w.-]+\\.md)(#[\\w-]+)?(?:(,?\\s+\"([^\"]+)\")|(\\s+steps?\\s+(\\d+)(?:\\s+and\\s+(\\d+))?))?");
    private static final Pattern FORBIDDEN = Pattern.compile("DESIGN\\.md|ulam-language\\.md|\\b[Ii]ssues?\\s+#?\\d+|\\bIssue\\s+\\d+'s");

    @Test
    void everyCitedDocumentAndSectionExists() throws IOException {
        Set<String> sections = referenceSections();
        List<String> problems = new ArrayList<>();
        int citations = 0;
        for (Path file : javaFiles()) {
            String text = comments(Files.readString(file));
            Matcher f = FORBIDDEN.matcher(text);
            while (f.find()) problems.add(file + ": cites '" + f.group() + "', which is not in the repository");
            Matcher r = REFERENCE.matcher(text);
            while (r.find()) {
                citations++;
                Matcher s = SECTION.matcher(r.group(1));
                while (s.find()) {
                    if (!sections.contains(s.group())) problems.add(file + ": '" + r.group() + "': docs/reference.md has no section " + s.group());
                }
            }
            Matcher m = MARKDOWN.matcher(text);
            while (m.find()) {
                String doc = m.group(1);
                if (doc.equals("DESIGN.md") || doc.equals("ulam-language.md")) continue;   // reported above
                citations++;
                Path p = resolve(doc);
                if (p == null) {
                    problems.add(file + ": cites " + doc + ", which is not in the repository");
                    continue;
                }
                String md = Files.readString(p);
                if (m.group(2) != null && !anchors(md).contains(m.group(2).substring(1))) {
                    problems.add(file + ": " + doc + " has no heading with the anchor " + m.group(2));
                }
                String title = m.group(4) == null ? null : m.group(4).replaceAll("\\s+", " ");
                if (title != null && titles(md).stream().noneMatch(h -> h.contains(title))) {
                    problems.add(file + ": " + doc + " has no heading or bold lead-in \"" + title + "\"");
                }
                for (String step : new String[] {m.group(6), m.group(7)}) {
                    if (step != null && !Pattern.compile("(?m)^" + step + "\\. \\*\\*").matcher(md).find()) {
                        problems.add(file + ": " + doc + " has no step " + step);
                    }
                }
            }
        }
        assertEquals(List.of(), problems, "citations of documents or sections that are not in the repository");
        assertTrue(citations > 50, "the citations were found: " + citations);
    }

    @Test
    void theRulesCatchWhatTheyAreFor() {
        Set<String> sections = referenceSections();
        assertTrue(sections.containsAll(Set.of("A", "A.5", "A.11", "2", "2.15", "3.5", "8.7")), sections.toString());
        assertTrue(!sections.contains("2.99") && !sections.contains("A.99"));
        Matcher r = REFERENCE.matcher("(language reference sections 2-4 and A) and (language reference 8.7, {@link Compare})");
        assertTrue(r.find());
        assertEquals("2-4 and A", r.group(1));
        assertTrue(r.find());
        assertEquals("8.7", r.group(1));
        assertTrue(FORBIDDEN.matcher("Fuzzing the compiler (issue 5): generated").find());
        assertTrue(FORBIDDEN.matcher("Issue 3's book models").find());
        assertTrue(FORBIDDEN.matcher("(DESIGN.md step 5)").find());
        Matcher m = MARKDOWN.matcher("docs/design.md steps 5 and 6, docs/cli.md, \"ulam check\"");
        assertTrue(m.find());
        assertEquals("5", m.group(6));
        assertEquals("6", m.group(7));
        assertTrue(m.find());
        assertEquals("ulam check", m.group(4));
        assertTrue(titles("## Conventions\n\n- **Files ulam writes** never replace").containsAll(List.of("Conventions", "Files ulam writes")));
    }

    /** Section numbers of docs/reference.md. */
    private static Set<String> referenceSections() {
        try {
            Set<String> out = new HashSet<>();
            Matcher h = Pattern.compile("(?m)^#{2,4}\\s+(A|\\d+(?:\\.\\d+)?)\\.?\\s").matcher(Files.readString(ROOT.resolve("docs/reference.md")));
            while (h.find()) out.add(h.group(1));
            Matcher a = Pattern.compile("(?m)^\\*\\*(A\\.\\d+)\\s").matcher(Files.readString(ROOT.resolve("docs/reference.md")));
            while (a.find()) out.add(a.group(1));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The comments of a Java file, continuation markers removed, so a citation may span lines. */
    private static String comments(String java) {
        StringBuilder out = new StringBuilder();
        Matcher c = Pattern.compile("/\\*(?s:.*?)\\*/|//[^\\n]*").matcher(java);
        while (c.find()) {
            out.append(c.group().replaceAll("^/\\*+|\\*+/$|^//", "").replaceAll("\\n\\s*\\*(?!/)", " ")).append('\n');
        }
        return out.toString();
    }

    private static List<Path> javaFiles() throws IOException {
        try (Stream<Path> s = Files.walk(ROOT.toAbsolutePath())) {
            return s.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
                    .filter(p -> !p.getFileName().toString().equals("CitationsTest.java"))   // its docstring shows the forms
                    .sorted().toList();
        }
    }

    /** A cited Markdown file: from the root for a path with a folder, anywhere for a bare name; null if absent. */
    private static Path resolve(String doc) throws IOException {
        if (doc.contains("/")) {
            Path p = ROOT.resolve(doc);
            return Files.isRegularFile(p) ? p : null;
        }
        try (Stream<Path> s = Files.walk(ROOT.toAbsolutePath())) {
            return s.filter(p -> p.getFileName().toString().equals(doc) && !p.toString().contains("/target/")).findFirst().orElse(null);
        }
    }

    /** The headings and the bold lead-ins of paragraphs and list items ({@code - **Files ulam writes** never ...}). */
    private static List<String> titles(String md) {
        List<String> out = new ArrayList<>(headings(md));
        Matcher b = Pattern.compile("(?m)^(?:[-*]\\s+)?\\*\\*([^*\\n]+)\\*\\*").matcher(md);
        while (b.find()) out.add(b.group(1).trim());
        return out;
    }

    private static List<String> headings(String md) {
        return md.lines().filter(l -> l.startsWith("#")).map(l -> l.replaceAll("^#+\\s*", "").trim()).toList();
    }

    /** GitHub's anchors of the headings: lower case, punctuation dropped, spaces as '-'. */
    private static Set<String> anchors(String md) {
        Set<String> out = new HashSet<>();
        for (String h : headings(md)) out.add(h.toLowerCase(Locale.ROOT).replaceAll("[^\\w\\- ]", "").replace(' ', '-'));
        return out;
    }
}
