package ulam.compiler.pack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import ulam.runtime.UlamException;

/**
 * Stage 7 of the compiler: writes a runnable jar holding a model class, the runtime and the
 * stdlib with their libraries (the runtime's all-in-one jar, which travels inside the compiler as
 * a resource), so that {@code java -jar model.jar --data d.csv} samples with no compiler present.
 */
public final class JarPacker {
    private JarPacker() {}

    /** Manifest attribute naming the model class, read by {@code ulam.runtime.cli.ModelMain}. */
    public static final String MODEL_CLASS = "Ulam-Model-Class";
    private static final String RUNTIME = "/ulam/compiler/pack/runtime-all.jar";

    /**
     * Writes the jar.
     *
     * @param out        the jar to write (replaced if it exists)
     * @param className  binary name of the model class
     * @param classFile  its bytes
     * @param sourceName file name of the model source, stored beside the class
     * @param source     the model source text
     * @throws UlamException if the jar cannot be written
     */
    public static void write(Path out, String className, byte[] classFile, String sourceName, String source) {
        String manifest = "Manifest-Version: 1.0\r\nMain-Class: ulam.runtime.cli.ModelMain\r\n" + MODEL_CLASS + ": " + className
                + "\r\nCreated-By: ulam compile\r\n\r\n";
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".ulam", ".jar");
            try (ZipArchiveOutputStream jar = new ZipArchiveOutputStream(tmp.toFile())) {
                Set<String> seen = new HashSet<>();
                add(jar, "META-INF/", new byte[0], seen);
                add(jar, "META-INF/MANIFEST.MF", manifest.getBytes(StandardCharsets.UTF_8), seen);
                add(jar, className.replace('.', '/') + ".class", classFile, seen);
                add(jar, "model/" + Path.of(sourceName).getFileName(), source.getBytes(StandardCharsets.UTF_8), seen);
                copyRuntime(jar, seen);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UlamException("cannot write " + out + ": " + e.getMessage(), null, "check that the folder exists and is writable");
        }
    }

    private static void add(ZipArchiveOutputStream jar, String name, byte[] bytes, Set<String> seen) throws IOException {
        seen.add(name);
        jar.putArchiveEntry(new ZipArchiveEntry(name));
        jar.write(bytes);
        jar.closeArchiveEntry();
    }

    /** Copies the runtime's entries as they are, still compressed: no inflating and deflating 15 MB per model. */
    private static void copyRuntime(ZipArchiveOutputStream jar, Set<String> seen) throws IOException {
        byte[] runtime;
        try (InputStream in = JarPacker.class.getResourceAsStream(RUNTIME)) {
            if (in == null) throw new IOException("the runtime is missing from this build of ulam (" + RUNTIME + ")");
            runtime = in.readAllBytes();
        }
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(runtime)).get()) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry e = entries.nextElement();
                if (e.getName().equalsIgnoreCase("META-INF/MANIFEST.MF") || !seen.add(e.getName())) continue;
                try (InputStream raw = zip.getRawInputStream(e)) {
                    jar.addRawArchiveEntry(e, raw);
                }
            }
        }
    }
}
