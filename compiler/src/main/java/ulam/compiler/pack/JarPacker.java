package ulam.compiler.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
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
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, "ulam.runtime.cli.ModelMain");
        main.put(new Attributes.Name(MODEL_CLASS), className);
        main.put(new Attributes.Name("Created-By"), "ulam compile");
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".ulam", ".jar");
            try (OutputStream os = Files.newOutputStream(tmp); JarOutputStream jar = new JarOutputStream(os, manifest)) {
                jar.putNextEntry(new JarEntry(className.replace('.', '/') + ".class"));
                jar.write(classFile);
                jar.closeEntry();
                jar.putNextEntry(new JarEntry("model/" + Path.of(sourceName).getFileName()));
                jar.write(source.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                jar.closeEntry();
                copyRuntime(jar);
            }
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UlamException("cannot write " + out + ": " + e.getMessage(), null, "check that the folder exists and is writable");
        }
    }

    private static void copyRuntime(JarOutputStream jar) throws IOException {
        try (InputStream in = JarPacker.class.getResourceAsStream(RUNTIME)) {
            if (in == null) throw new IOException("the runtime is missing from this build of ulam (" + RUNTIME + ")");
            try (JarInputStream runtime = new JarInputStream(in)) {
                Set<String> seen = new HashSet<>();
                JarEntry e;
                byte[] buf = new byte[1 << 16];
                while ((e = runtime.getNextJarEntry()) != null) {
                    String name = e.getName();
                    if (name.equalsIgnoreCase("META-INF/MANIFEST.MF") || !seen.add(name)) continue;
                    jar.putNextEntry(new JarEntry(name));
                    int n;
                    while ((n = runtime.read(buf)) > 0) jar.write(buf, 0, n);
                    jar.closeEntry();
                }
            }
        }
    }
}
