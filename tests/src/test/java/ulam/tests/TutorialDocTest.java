package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/tutorial.md cannot go stale: every {@code $ ./ulam ...} (and {@code $ awk ...}) command in
 * its code blocks is run, as a user would, in a folder holding a copy of {@code examples/}, and
 * every output line the page shows must be among the lines the command prints, in order (per
 * stream: standard output and standard error are matched separately). A line {@code ...} stands for
 * lines left out, {@code ...} inside a line for any text; figures of timing lines ("took",
 * "per second", "ms") are not compared.
 *
 * <p>With {@code -Dulam.docs.write=true} (what {@code docs/make-docs.sh} runs) the test rewrites
 * the page instead: each line that differs is replaced by the printed line with the same label
 * (its text before the first number), and the fits are kept in {@code -Dulam.docs.work=DIR} for
 * the script to copy the plots into docs/img.
 */
@Tag("validation")
class TutorialDocTest {
    static final Path PAGE = Path.of("docs/tutorial.md");
    static final Pattern TIMING = Pattern.compile("took|per second|\\(wall\\)|\\d ms\\b");
    static final Pattern INDEXED = Pattern.compile("[A-Za-z_.][A-Za-z0-9_.]*\\[[^\\]]*\\]");
    static final Pattern NUMBER = Pattern.compile("-?\\d[\\d,]*(\\.\\d+)?");

    @TempDir
    Path tmp;

    /** One command of the page: where its expected lines are (0-based line numbers of the page). */
    record Command(String line, List<Integer> expected) {
    }

    @Test
    void everyOutputOnThePageIsWhatTheCommandsPrint() throws Exception {
        boolean write = Boolean.getBoolean("ulam.docs.write");
        String workProp = System.getProperty("ulam.docs.work");
        Path work = workProp == null || workProp.isBlank() ? tmp : Path.of(workProp);
        prepare(work);
        List<String> page = new ArrayList<>(Files.readAllLines(PAGE, StandardCharsets.UTF_8));
        List<Command> commands = commands(page);
        assertTrue(commands.size() >= 15, "the tutorial's commands: " + commands.size());
        List<String> stale = new ArrayList<>();
        for (Command c : commands) {
            String[] printed = run(work, c.line());
            List<List<String>> streams = List.of(printed[0].lines().toList(), printed[1].lines().toList());
            int[] pos = {0, 0};
            for (int at : c.expected()) {
                String want = page.get(at).strip();
                if (want.isEmpty() || want.equals("...")) continue;
                if (find(streams, pos, want)) continue;
                String replacement = sameLabel(streams, pos, want);
                if (write && replacement != null) {
                    String indent = page.get(at).substring(0, page.get(at).indexOf(want.charAt(0)));
                    page.set(at, indent + replacement);
                } else {
                    stale.add("line " + (at + 1) + ": the page shows\n    " + want + "\n  but `" + c.line() + "` prints\n    "
                            + (replacement != null ? replacement : "(no such line; it prints:)\n" + head(printed[0]) + head(printed[1])));
                }
            }
        }
        if (write) Files.write(PAGE, page, StandardCharsets.UTF_8);
        assertEquals(List.of(), stale, "docs/tutorial.md is stale; run docs/make-docs.sh");
    }

    /** The first 25 lines of a text. */
    static String head(String text) {
        return text.lines().limit(25).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    }

    /** The commands of the page's code blocks and the lines of output after each. */
    static List<Command> commands(List<String> page) {
        List<Command> out = new ArrayList<>();
        boolean inBlock = false;
        Command current = null;
        for (int i = 0; i < page.size(); i++) {
            String s = page.get(i).strip();
            if (s.startsWith("```")) {
                inBlock = !inBlock;
                current = null;
                continue;
            }
            if (!inBlock) continue;
            if (s.startsWith("$ ./ulam ") || s.startsWith("$ awk ")) {
                current = new Command(s.substring(2), new ArrayList<>());
                out.add(current);
            } else if (current != null) {
                current.expected().add(i);
            }
        }
        return out;
    }

    /** Whether a stream has the line at or after its position (which then moves past it). */
    static boolean find(List<List<String>> streams, int[] pos, String want) {
        Pattern p = pattern(want);
        for (int s = 0; s < streams.size(); s++) {
            List<String> lines = streams.get(s);
            for (int i = pos[s]; i < lines.size(); i++) {
                if (p.matcher(normalise(lines.get(i).strip())).matches()) {
                    pos[s] = i + 1;
                    return true;
                }
            }
        }
        return false;
    }

    /** The first printed line (at or after the positions) with the same label, or null. */
    static String sameLabel(List<List<String>> streams, int[] pos, String want) {
        String label = label(want);
        for (int s = 0; s < streams.size(); s++) {
            List<String> lines = streams.get(s);
            for (int i = pos[s]; i < lines.size(); i++) {
                if (label(lines.get(i).strip()).equals(label)) {
                    pos[s] = i + 1;
                    return lines.get(i).strip();
                }
            }
        }
        return null;
    }

    /** A line's label: its first token when indexed ({@code S[9]}), else its text before the first number, else its first three words. */
    static String label(String line) {
        var indexed = INDEXED.matcher(line);
        if (indexed.lookingAt()) return indexed.group();
        var m = NUMBER.matcher(line);
        if (m.find()) return line.substring(0, m.start()).strip();
        String[] words = line.strip().split("\\s+");
        return String.join(" ", java.util.Arrays.asList(words).subList(0, Math.min(3, words.length)));
    }

    /** A timing line's figures are #; other lines as they are. */
    static String normalise(String line) {
        return TIMING.matcher(line).find() ? NUMBER.matcher(line).replaceAll("#") : line;
    }

    /** The page's line as a pattern: {@code ...} inside it matches any text. */
    static Pattern pattern(String want) {
        String[] parts = normalise(want).split("\\.\\.\\.", -1);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) re.append(".*");
            re.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(re.toString());
    }

    /** A folder with a copy of examples/ and an {@code ulam} script running this build's CLI. */
    static void prepare(Path work) throws IOException {
        Files.createDirectories(work);
        Path examples = Path.of("examples");
        try (Stream<Path> s = Files.walk(examples)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path to = work.resolve(p.toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path script = work.resolve("ulam");
        Files.writeString(script, "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' ulam.compiler.cli.Main \"$@\"\n");
        script.toFile().setExecutable(true);
    }

    /** Runs a command line in the folder; returns its standard output and standard error. */
    static String[] run(Path work, String commandLine) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", commandLine)
                .directory(work.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), commandLine + " finished");
        String[] r = {Files.readString(out), Files.readString(err)};
        Files.delete(out);
        Files.delete(err);
        return r;
    }
}
