package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The published jar (compiler/target/ulam.jar, built by the reactor before this module's tests) and
 * the runtime it packs into model jars relocate their bundled libraries under {@code ulam.shaded}
 * (maven-shade relocations), so either can live inside a JVM application that has its own Jackson,
 * commons, picocli, JLine, ANTLR, ASM or JFreeChart: the only classes outside {@code ulam/} are
 * commons-rng's, which generated model classes name in their signatures. The manifest enables native
 * access (JLine) for JDK 24 and later.
 */
class ShadedJarTest {
    static final Path JAR = Path.of("compiler/target/ulam.jar");

    static TreeSet<String> foreignPackages(List<String> entries) {
        TreeSet<String> out = new TreeSet<>();
        for (String e : entries) {
            if (!e.endsWith(".class") || e.startsWith("ulam/") || e.startsWith("META-INF/")) continue;
            String[] parts = e.split("/");
            out.add(String.join("/", java.util.Arrays.copyOf(parts, Math.min(4, parts.length - 1))));
        }
        return out;
    }

    @Test
    void bundledLibrariesAreRelocated() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(JAR), "build the jar first (mvn package)");
        List<String> outer = new ArrayList<>();
        List<String> nested = new ArrayList<>();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            jar.stream().map(ZipEntry::getName).forEach(outer::add);
            assertEquals("ALL-UNNAMED", jar.getManifest().getMainAttributes().getValue("Enable-Native-Access"));
            ZipEntry runtime = jar.getEntry("ulam/compiler/pack/runtime-all.jar");
            assertTrue(runtime != null, "the runtime for model jars is packed");
            try (InputStream in = jar.getInputStream(runtime); ZipInputStream z = new ZipInputStream(in)) {
                for (ZipEntry e; (e = z.getNextEntry()) != null; ) nested.add(e.getName());
            }
        }
        assertEquals(new TreeSet<>(List.of("org/apache/commons/rng")), foreignPackages(outer), "ulam.jar");
        assertEquals(new TreeSet<>(List.of("org/apache/commons/rng")), foreignPackages(nested), "the runtime of model jars");
        assertTrue(outer.stream().anyMatch(e -> e.startsWith("ulam/shaded/com/fasterxml/jackson/")), "Jackson moved");
        assertTrue(outer.stream().anyMatch(e -> e.startsWith("ulam/shaded/picocli/")), "picocli moved");
    }
}
