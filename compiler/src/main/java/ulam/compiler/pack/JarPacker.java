package ulam.compiler.pack;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
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
        String manifest = "Manifest-Version: 1.0\r\nMain-Class: ulam.runtime.cli.ModelMain\r\n"
                // JDK 22+: JLine (progress bars) may load its native library; without this, JDK 24+ warns
                + "Enable-Native-Access: ALL-UNNAMED\r\n" + MODEL_CLASS + ": " + className
                + "\r\nCreated-By: ulam compile\r\n\r\n";
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".ulam", ".jar");
            try (OutputStream jar = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                List<ZipSplice.Entry> first = List.of(
                        new ZipSplice.Entry("META-INF/", new byte[0]),
                        new ZipSplice.Entry("META-INF/MANIFEST.MF", manifest.getBytes(StandardCharsets.UTF_8)),
                        new ZipSplice.Entry(className.replace('.', '/') + ".class", classFile),
                        new ZipSplice.Entry("model/" + Path.of(sourceName).getFileName(), source.getBytes(StandardCharsets.UTF_8)));
                ZipSplice.write(jar, first, runtime(), Set.of());
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UlamException("cannot write " + out + ": " + e.getMessage(), null, "check that the folder exists and is writable");
        }
    }

    /** The runtime's all-in-one jar, whose entries are copied into the model's jar as they are. */
    private static byte[] runtime() throws IOException {
        try (InputStream in = JarPacker.class.getResourceAsStream(RUNTIME)) {
            if (in == null) throw new IOException("the runtime is missing from this build of ulam (" + RUNTIME + ")");
            return in.readAllBytes();
        }
    }
}
