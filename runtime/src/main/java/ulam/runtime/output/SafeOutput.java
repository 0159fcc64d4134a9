package ulam.runtime.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import ulam.runtime.UlamException;

/**
 * The rule every command follows before it writes a file (docs/cli.md, "Files ulam writes"): an
 * output never replaces one of the command's own inputs (the model, a data file, a fit's files),
 * and never follows a symbolic link out of the folder it is written into. The check is made on
 * the file system as it is (links resolved, {@link Files#isSameFile}), so {@code ./m.ulam},
 * {@code m.ulam} and a hard link to it are one file.
 */
public final class SafeOutput {
    private final Map<Path, String> inputs = new LinkedHashMap<>();

    private SafeOutput() {
    }

    /** A rule with no protected inputs yet. */
    public static SafeOutput protecting() {
        return new SafeOutput();
    }

    /**
     * Adds an input that no output may replace.
     *
     * @param file an input file (ignored when null or absent: an absent file cannot be destroyed)
     * @param what how messages name it, e.g. {@code the model file}, {@code the fit's manifest}
     * @return this
     */
    public SafeOutput input(Path file, String what) {
        if (file != null && Files.exists(file)) inputs.put(file, what);
        return this;
    }

    /**
     * Checks that {@code file} may be written.
     *
     * @param file   the file about to be written (it may not exist yet)
     * @param folder the folder the output belongs to (the fit folder, the plots folder), or null
     *               for a file the user named, whose folder is its parent
     * @param option how the user named it, for messages, e.g. {@code -o} or {@code --output}
     * @throws UlamException if {@code file} is a symbolic link to a place outside {@code folder},
     *                       lies outside {@code folder} through a linked parent folder, is one of
     *                       the inputs, or is a folder (an output here is a file)
     */
    public void check(Path file, Path folder, String option) {
        Path root = folder != null ? folder : parentOf(file);
        if (Files.isSymbolicLink(file)) {
            Path target;
            try {
                target = Files.readSymbolicLink(file);
            } catch (IOException e) {
                target = Path.of("?");
            }
            Path resolved = parentOf(file).resolve(target).normalize();
            if (!inside(resolved, root)) {
                throw new UlamException(option + " " + file + " is a symbolic link to " + target + ", outside " + root
                        + ": ulam does not write through it", null, "remove the link, or write somewhere else");
            }
        }
        Path parent = parentOf(file);
        if (folder != null && Files.isDirectory(parent) && !inside(parent, root)) {
            throw new UlamException(option + " " + file + " lies outside " + root + " through a symbolic link", null,
                    "remove the link, or write somewhere else");
        }
        if (!Files.exists(file)) return;
        if (Files.isDirectory(file)) {
            throw new UlamException(option + " " + file + " is a folder; the output is a file", null,
                    "give a file's path, e.g. " + file.resolve("NAME"));
        }
        for (Map.Entry<Path, String> in : inputs.entrySet()) {
            boolean same;
            try {
                same = Files.isSameFile(file, in.getKey());
            } catch (IOException e) {
                same = false;
            }
            if (same) {
                throw new UlamException(option + " " + file + " is " + in.getValue() + " (" + in.getKey()
                        + "): writing it would destroy it", null, "choose another name for the output");
            }
        }
    }

    /** Whether {@code path} (links of its existing part resolved) lies in {@code root} (links resolved). */
    private static boolean inside(Path path, Path root) {
        Path r = real(root);
        Path p = real(path);
        return p.startsWith(r);
    }

    /** The real path of the longest existing prefix of {@code p}, with the rest appended. */
    private static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        Path rest = null;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            Path name = existing.getFileName();
            rest = rest == null ? name : name.resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) return abs;
        try {
            Path real = existing.toRealPath();
            return rest == null ? real : real.resolve(rest);
        } catch (IOException e) {
            return abs;
        }
    }

    private static Path parentOf(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent == null ? Path.of("/") : parent;
    }
}
