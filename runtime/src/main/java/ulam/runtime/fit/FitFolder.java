package ulam.runtime.fit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import ulam.runtime.UlamException;

/**
 * A run's claim on its output folder ({@code ulam run -o DIR}), taken before anything is written
 * and released when the run ends:
 * <ul>
 *   <li>a lock file {@value #LOCK} holding the process id and start time, locked with the operating
 *       system's file lock, so a second run into the same folder at the same time is refused; the
 *       system releases the lock when the process dies, so a lock file left by a crash or
 *       {@code kill -9} is recognised as stale and taken over (with a note);</li>
 *   <li>a folder that already holds a fit is not replaced unless {@code --overwrite}; with it,
 *       the old fit's files (those its manifest lists, checked to be plain names inside the
 *       folder) are removed first, so no chain file of the old run survives beside the new ones;</li>
 *   <li>a folder that is not empty and holds no fit is refused unless {@code --overwrite}: a fit's
 *       files would mix with, or replace, the user's own.</li>
 * </ul>
 */
public final class FitFolder implements AutoCloseable {
    /** The lock file's name inside the fit folder. */
    public static final String LOCK = ".ulam.lock";

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;
    private final List<String> notes;

    private FitFolder(Path dir, FileChannel channel, FileLock lock, List<String> notes) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
        this.notes = notes;
    }

    /**
     * Claims a folder for a run.
     *
     * @param dir       the output folder (created if absent)
     * @param overwrite whether an existing fit (or other files) in it may be replaced
     * @return the claim; close it when the run ends (normally or not)
     * @throws UlamException if the folder is a file, cannot be created, is being written by another
     *                       run, holds a fit (or other files) and {@code overwrite} is false
     */
    public static FitFolder claim(Path dir, boolean overwrite) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UlamException("the output folder " + dir + " is a file", null, "give a new or empty folder with -o DIR");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UlamException("cannot create the output folder " + dir + ": " + reason(e), null,
                    "check that -o names a folder you can write");
        }
        List<String> notes = new ArrayList<>();
        Path lockFile = dir.resolve(LOCK);
        if (Files.isSymbolicLink(lockFile)) {
            throw new UlamException(lockFile + " is a symbolic link: ulam does not write through it", null, "remove it");
        }
        boolean existed = Files.exists(lockFile);
        FileChannel ch;
        FileLock lock;
        try {
            ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UlamException("cannot create the lock file " + lockFile + ": " + reason(e), null,
                    "check that -o names a folder you can write");
        }
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;   // this process holds it: another run of the same JVM
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UlamException("cannot lock " + lockFile + ": " + reason(e), null, null);
        }
        if (lock == null) {
            String holder = holder(lockFile);
            closeQuietly(ch);
            throw new UlamException("another run is writing into " + dir + (holder.isEmpty() ? "" : " (" + holder + ")"), null,
                    "wait for it to finish, or give another folder with -o");
        }
        FitFolder claim = new FitFolder(dir, ch, lock, notes);
        try {
            if (existed) {
                String holder = holder(lockFile);
                notes.add("a lock left in " + dir + " by a run that stopped" + (holder.isEmpty() ? "" : " (" + holder + ")")
                        + " was cleared");
            }
            ch.truncate(0);
            String me = "pid " + ProcessHandle.current().pid() + ", started "
                    + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n";
            ch.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            claim.clear(overwrite);
        } catch (IOException e) {
            claim.close();
            throw new UlamException("cannot prepare the output folder " + dir + ": " + reason(e), null, null);
        } catch (RuntimeException e) {
            claim.close();
            throw e;
        }
        return claim;
    }

    /** Refuses or clears what the folder holds, as the class documentation says. */
    private void clear(boolean overwrite) throws IOException {
        Path manifest = dir.resolve(FitDirectory.MANIFEST);
        if (Files.exists(manifest, LinkOption.NOFOLLOW_LINKS)) {
            FitManifest old = null;
            try {
                old = FitWriter.JSON.readValue(manifest.toFile(), FitManifest.class);
            } catch (IOException e) {
                // an unreadable manifest: still a fit folder, described without its contents
            }
            if (!overwrite) {
                String what = old == null ? "a fit" : "a fit of model '" + old.model() + "' (" + (old.complete() ? "" : "unfinished, ")
                        + "created " + old.created() + ")";
                throw new UlamException(dir + " already holds " + what, null,
                        "give --overwrite to replace it, or another folder with -o");
            }
            Set<String> files = new LinkedHashSet<>();
            if (old != null) {
                files.add(old.sourceFile());
                files.addAll(old.csvFiles());
                files.addAll(old.dataFiles());
                files.addAll(old.dataMatrices().values());
            }
            for (String f : files) {
                if (f != null && FitDirectory.isPlainName(f)) Files.deleteIfExists(dir.resolve(f));
            }
            Files.deleteIfExists(manifest);
            notes.add("replacing the fit in " + dir + " (--overwrite)");
            return;
        }
        if (!overwrite) {
            List<String> others = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path p : entries) {
                    if (!p.getFileName().toString().equals(LOCK)) others.add(p.getFileName().toString());
                }
            }
            if (!others.isEmpty()) {
                java.util.Collections.sort(others);
                throw new UlamException(dir + " is not empty and holds no fit (it has " + String.join(", ",
                        others.subList(0, Math.min(5, others.size()))) + (others.size() > 5 ? ", ..." : "") + ")", null,
                        "a fit is written into a new or empty folder: give another folder with -o, or --overwrite to write"
                                + " into this one anyway (files of the same names as the fit's are replaced)");
            }
        }
    }

    /** What the lock file says about the run that holds (or held) it, or "". */
    private static String holder(Path lockFile) {
        try {
            return Files.readString(lockFile, StandardCharsets.UTF_8).strip();
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }

    /** Notes for the user: a stale lock cleared, an old fit replaced. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** Releases the claim: unlocks and deletes the lock file. Safe to call twice. */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                Files.deleteIfExists(dir.resolve(LOCK));
                lock.release();
            }
        } catch (IOException e) {
            // the lock goes with the process in any case
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException n) return "no such file " + n.getFile();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
