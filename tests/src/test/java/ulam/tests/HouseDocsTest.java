package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pages that tell a newcomer which files a change touches (docs/architecture.md, its module
 * map, rooms and "A newcomer's path", and stdlib/README.md, "Adding a distribution") name only
 * files, packages, classes and members that exist. Every code span ({@code `...`}) of those pages
 * is read as one of:
 *
 * <ul>
 *   <li>a path ({@code compiler/src/main/java/ulam/compiler/ir/Passes.java}, {@code cli/fit/},
 *       {@code check/Terms.java}): a file or folder of the repository, from its root or, without
 *       a module folder first, as the end of a path in it; placeholders ({@code NAME}, {@code TEST},
 *       {@code CASE}, {@code ...}), globs and build output ({@code target/}) are left out;</li>
 *   <li>a package ({@code ulam.stdlib.linalg}): a source folder of that package;</li>
 *   <li>a class with its members ({@code Passes.ALL}, {@code Pass.Context.prep()},
 *       {@code check.Elem}): a Java file of the class (in its package folder when a package is
 *       written), or a nested type of that name declared in some file, and each member a word
 *       of that file; the few JDK and library classes the pages name, and the package of the
 *       generated classes, are listed here.</li>
 * </ul>
 *
 * The tests module runs in the repository's root.
 */
class HouseDocsTest {

    private static final Path ROOT = Path.of("");
    private static final List<String> PAGES = List.of("docs/architecture.md", "stdlib/README.md");
    /** Classes of the JDK and of libraries that the pages name. */
    private static final Set<String> OUTSIDE = Set.of("IllegalArgumentException", "UniformRandomProvider", "Lookup", "Math", "Double");
    /** The package of the generated model classes, which has no source folder. */
    private static final String GENERATED = "ulam.model";

    private static final Pattern SPAN = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern PATH = Pattern.compile("[\\w.-]+(?:/[\\w.-]+)*(?:/|\\.(?:java|md|g4|txt|csv|json|ulam|R|stan|sh))");
    private static final Pattern PACKAGE = Pattern.compile("ulam(?:\\.[a-z]+)+");
    private static final Pattern QUALIFIED = Pattern.compile("((?:[a-z]+\\.)*)([A-Z]\\w*[a-z]\\w*)((?:\\.\\w+)*)(?:\\(.*\\))?");
    private static final Set<String> MODULES = Set.of("compiler", "runtime", "stdlib", "grammar", "tests", "docs", "examples", "bench");

    @Test
    void everyFileClassAndMemberNamedExists() throws IOException {
        Repo repo = Repo.scan();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String page : PAGES) {
            Matcher m = SPAN.matcher(Files.readString(ROOT.resolve(page)));
            while (m.find()) {
                String span = m.group(1).trim();
                String problem;
                if (PATH.matcher(span).matches()) {
                    if (span.matches(".*(NAME|TEST|CASE|\\.\\.\\.|\\*).*") || span.contains("target/")) continue;
                    problem = repo.path(span);
                } else if (PACKAGE.matcher(span).matches()) {
                    problem = span.equals(GENERATED) || repo.packageFolder(span) ? null : "no source folder of package " + span;
                } else {
                    Matcher q = QUALIFIED.matcher(span);
                    if (!q.matches()) continue;
                    problem = repo.member(q.group(1), q.group(2), q.group(3));
                }
                checked++;
                if (problem != null) problems.add(page + ": `" + span + "`: " + problem);
            }
        }
        assertEquals(List.of(), problems, "names in the newcomer's pages that are not in the code");
        assertTrue(checked > 150, "the names were found: " + checked);
    }

    @Test
    void theRulesCatchWhatTheyAreFor() throws IOException {
        Repo repo = Repo.scan();
        assertEquals(null, repo.path("compiler/src/main/java/ulam/compiler/ir/Passes.java"));
        assertEquals(null, repo.path("check/Terms.java"));
        assertTrue(repo.path("compiler/src/main/java/ulam/compiler/ir/Gone.java") != null);
        assertTrue(repo.path("check/Gone.java") != null);
        assertEquals(null, repo.member("", "Passes", ".ALL"));
        assertEquals(null, repo.member("check.", "Elem", ""));
        assertEquals(null, repo.member("", "Pass", ".Context.prep"));
        assertTrue(repo.member("", "Passes", ".NOPE_NOT_THERE") != null);
        assertTrue(repo.member("ir.", "Elem", "") != null);
        assertTrue(repo.member("", "NoSuchClassAnywhere", "") != null);
        assertTrue(repo.packageFolder("ulam.stdlib.linalg"));
        assertTrue(!repo.packageFolder("ulam.stdlib.nowhere"));
    }

    /** The repository's files and Java sources, read once. */
    private record Repo(List<String> files, Map<String, List<String>> javaByName, Set<String> declaredTypes) {

        static Repo scan() throws IOException {
            List<String> files = new ArrayList<>();
            Map<String, List<String>> byName = new HashMap<>();
            Set<String> declared = new HashSet<>();
            Pattern decl = Pattern.compile("\\b(?:class|interface|record|enum)\\s+([A-Z]\\w*)");
            try (Stream<Path> s = Files.walk(ROOT.toAbsolutePath())) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    String rel = ROOT.toAbsolutePath().relativize(p).toString().replace('\\', '/');
                    if (rel.startsWith(".git/") || rel.contains("/target/") || rel.startsWith("target/")) continue;
                    files.add(rel);
                    if (rel.endsWith(".java")) {
                        String name = p.getFileName().toString().replace(".java", "");
                        byName.computeIfAbsent(name, k -> new ArrayList<>()).add(rel);
                        Matcher d = decl.matcher(read(rel));
                        while (d.find()) declared.add(d.group(1));
                    }
                }
            }
            return new Repo(files, byName, declared);
        }

        /** Null if the path is a file or folder of the repository, else what is wrong. */
        String path(String path) {
            boolean folder = path.endsWith("/");
            boolean fromRoot = MODULES.contains(path.split("/")[0]);
            for (String f : files) {
                String candidate = folder ? f.substring(0, f.lastIndexOf('/') + 1) : f;
                if (fromRoot ? (folder ? candidate.startsWith(path) : f.equals(path)) : (("/" + candidate).contains("/" + path) && (folder || f.endsWith("/" + path)))) {
                    return null;
                }
            }
            return fromRoot ? "no such file or folder" : "no file or folder whose path ends so";
        }

        boolean packageFolder(String pkg) {
            String dir = "/" + pkg.replace('.', '/') + "/";
            return files.stream().anyMatch(f -> f.contains("/src/") && f.contains(dir));
        }

        /** Null if the class (in the package folder, when given) exists and has each member, else what is wrong. */
        String member(String pkg, String cls, String members) {
            if (OUTSIDE.contains(cls)) return null;
            List<String> own = javaByName.getOrDefault(cls, List.of()).stream()
                    .filter(f -> pkg.isEmpty() || f.contains("/" + pkg.replace('.', '/') + cls + ".java"))
                    .toList();
            if (own.isEmpty()) {
                if (pkg.isEmpty() && declaredTypes.contains(cls)) return null;   // a nested type
                return "no class " + pkg + cls + " in the repository";
            }
            String text = String.join("\n", own.stream().map(Repo::read).toList());
            for (String member : members.split("\\.")) {
                if (!member.isEmpty() && !Pattern.compile("\\b" + Pattern.quote(member) + "\\b").matcher(text).find()) {
                    return cls + " has no " + member;
                }
            }
            return null;
        }

        private static String read(String rel) {
            try {
                return Files.readString(ROOT.resolve(rel));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
