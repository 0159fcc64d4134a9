package ulam.compiler.pack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.jar.JarInputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spliced archive reads back with the JDK's own zip readers, entry for entry. */
class ZipSpliceTest {
    @TempDir Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A template as jar tools write it: a manifest, a folder, deflated entries with data descriptors, a stored one. */
    private static byte[] template(byte[] big) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.putNextEntry(new ZipEntry("META-INF/"));
            z.closeEntry();
            z.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            z.write(bytes("Manifest-Version: 1.0\r\nMain-Class: old.Main\r\n\r\n"));
            z.closeEntry();
            z.putNextEntry(new ZipEntry("a/B.class"));
            z.write(big);
            z.closeEntry();
            ZipEntry stored = new ZipEntry("a/stored.txt");
            byte[] s = bytes("stored as is");
            CRC32 crc = new CRC32();
            crc.update(s);
            stored.setMethod(ZipEntry.STORED);
            stored.setSize(s.length);
            stored.setCrc(crc.getValue());
            z.putNextEntry(stored);
            z.write(s);
            z.closeEntry();
            z.putNextEntry(new ZipEntry("é/ünïcode.txt"));
            z.write(bytes("names in UTF-8"));
            z.closeEntry();
        }
        return b.toByteArray();
    }

    @Test
    void newEntriesComeFirstAndTheTemplateEntriesReadBackUnchanged() throws IOException {
        byte[] big = new byte[200_000];
        new Random(7).nextBytes(big);
        byte[] manifest = bytes("Manifest-Version: 1.0\r\nMain-Class: new.Main\r\n\r\n");
        byte[] model = bytes("y ~ normal(0, 1)\n".repeat(100));
        Path out = dir.resolve("m.jar");
        try (var o = Files.newOutputStream(out)) {
            ZipSplice.write(o, List.of(new ZipSplice.Entry("META-INF/", new byte[0]),
                    new ZipSplice.Entry("META-INF/MANIFEST.MF", manifest),
                    new ZipSplice.Entry("model/m.ulam", model)), template(big), Set.of("a/stored.txt"));
        }
        try (ZipFile z = new ZipFile(out.toFile())) {
            List<String> names = new ArrayList<>();
            z.stream().forEach(e -> names.add(e.getName()));
            assertEquals(List.of("META-INF/", "META-INF/MANIFEST.MF", "model/m.ulam", "a/B.class", "é/ünïcode.txt"), names);
            assertArrayEquals(manifest, z.getInputStream(z.getEntry("META-INF/MANIFEST.MF")).readAllBytes());
            assertArrayEquals(model, z.getInputStream(z.getEntry("model/m.ulam")).readAllBytes());
            assertArrayEquals(big, z.getInputStream(z.getEntry("a/B.class")).readAllBytes());
            assertArrayEquals(bytes("names in UTF-8"), z.getInputStream(z.getEntry("é/ünïcode.txt")).readAllBytes());
            assertTrue(z.getEntry("META-INF/").isDirectory());
            assertNull(z.getEntry("a/stored.txt"));
        }
        // read front to back, as JarInputStream does: the new manifest is the one found
        try (JarInputStream j = new JarInputStream(new ByteArrayInputStream(Files.readAllBytes(out)))) {
            assertEquals("new.Main", j.getManifest().getMainAttributes().getValue("Main-Class"));
            int n = 0;
            while (j.getNextJarEntry() != null) n++;
            assertEquals(3, n); // model/m.ulam, a/B.class, é/ünïcode.txt (the manifest and its folder are taken apart)
        }
    }

    @Test
    void aTemplateThatIsNotAZipArchiveIsRefused() {
        IOException e = assertThrows(IOException.class,
                () -> ZipSplice.write(new ByteArrayOutputStream(), List.of(), bytes("not a zip archive at all, just text"), Set.of()));
        assertTrue(e.getMessage().contains("end of central directory"), e.getMessage());
    }

    @Test
    void dosTimeEncodesDateAndTime() {
        int t = ZipSplice.dosTime(LocalDateTime.of(2026, 11, 22, 13, 45, 58));
        assertEquals(2026 - 1980, t >>> 25);
        assertEquals(11, (t >>> 21) & 0xF);
        assertEquals(22, (t >>> 16) & 0x1F);
        assertEquals(13, (t >>> 11) & 0x1F);
        assertEquals(45, (t >>> 5) & 0x3F);
        assertEquals(29, t & 0x1F);
    }
}
