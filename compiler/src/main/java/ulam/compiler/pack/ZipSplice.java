package ulam.compiler.pack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a zip archive made of a few new entries followed by the entries of a template archive,
 * whose bytes are copied as they are (still compressed, local headers and data descriptors
 * included): only their offsets in the central directory change. This is what makes
 * {@code ulam compile -o MODEL.jar} cheap: the runtime's 4,000-odd entries are one pass of array
 * copies instead of a parse and re-write of each entry (which cost about 0.25 s in a fresh JVM
 * with a general zip library).
 *
 * <p>Format: PKWARE's APPNOTE.TXT 6.3, sections 4.3.7 (local file header), 4.3.12 (central
 * directory header) and 4.3.16 (end of central directory record). Zip64 archives (over 65,534
 * entries or 4 GB) are refused; the runtime is far below both.
 */
final class ZipSplice {
    private static final int LOCAL_SIG = 0x04034b50;
    private static final int CENTRAL_SIG = 0x02014b50;
    private static final int END_SIG = 0x06054b50;
    private static final int END_SIZE = 22;
    private static final int CENTRAL_SIZE = 46;

    private ZipSplice() {}

    /** A new entry: a name and its uncompressed bytes; a name ending in '/' is a directory. */
    record Entry(String name, byte[] bytes) {}

    /**
     * Writes the archive: {@code first} in order, then every template entry whose name is not in
     * {@code skip} (nor among the new names), in the template's physical order.
     *
     * @param out      receives the whole archive; not closed
     * @param first    new entries, deflated here (directories stored)
     * @param template a whole zip archive without Zip64 records
     * @param skip     template entry names to leave out (e.g. its own manifest)
     * @throws IOException if {@code out} fails, or the template is not a zip archive this reads
     */
    static void write(OutputStream out, List<Entry> first, byte[] template, Set<String> skip) throws IOException {
        Template t = Template.read(template);
        Sink sink = new Sink(out);
        int dosTime = dosTime(LocalDateTime.now());
        List<byte[]> central = new ArrayList<>();
        Set<String> written = new HashSet<>(skip);
        for (Entry e : first) {
            written.add(e.name());
            central.add(writeLocal(sink, e, dosTime));
        }
        Record[] physical = t.records.toArray(new Record[0]);
        Arrays.sort(physical, Comparator.comparingLong(r -> r.localOffset));
        for (int i = 0; i < physical.length; i++) {
            Record r = physical[i];
            long end = i + 1 < physical.length ? physical[i + 1].localOffset : t.centralOffset;
            if (!written.add(r.name)) {
                r.newOffset = -1; // left out, or a duplicate name
                continue;
            }
            r.newOffset = sink.position;
            sink.write(template, (int) r.localOffset, (int) (end - r.localOffset));
        }
        long centralStart = sink.position;
        int count = 0;
        for (byte[] c : central) {
            sink.write(c, 0, c.length);
            count++;
        }
        for (Record r : t.records) {
            if (r.newOffset < 0) continue;
            byte[] c = Arrays.copyOfRange(template, r.start, r.start + r.length);
            putInt(c, 42, r.newOffset);
            sink.write(c, 0, c.length);
            count++;
        }
        if (count >= 0xFFFF || sink.position >= 0xFFFFFFFFL) {
            throw new IOException("the archive would need Zip64 records (" + count + " entries, " + sink.position + " bytes)");
        }
        byte[] end = new byte[END_SIZE];
        putInt(end, 0, END_SIG);
        putShort(end, 8, count);
        putShort(end, 10, count);
        putInt(end, 12, sink.position - centralStart);
        putInt(end, 16, centralStart);
        sink.write(end, 0, end.length);
    }

    /** Writes one new entry's local header and data; returns its central directory record. */
    private static byte[] writeLocal(Sink sink, Entry e, int dosTime) throws IOException {
        byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
        boolean dir = e.name().endsWith("/");
        CRC32 crc = new CRC32();
        crc.update(e.bytes());
        byte[] data = dir ? e.bytes() : deflate(e.bytes());
        int method = dir ? 0 : 8;
        long offset = sink.position;
        byte[] local = new byte[30 + name.length];
        putInt(local, 0, LOCAL_SIG);
        putShort(local, 4, 20);
        putShort(local, 6, 0x0800); // names are UTF-8
        putShort(local, 8, method);
        putInt(local, 10, dosTime);
        putInt(local, 14, crc.getValue());
        putInt(local, 18, data.length);
        putInt(local, 22, e.bytes().length);
        putShort(local, 26, name.length);
        System.arraycopy(name, 0, local, 30, name.length);
        sink.write(local, 0, local.length);
        sink.write(data, 0, data.length);
        byte[] c = new byte[CENTRAL_SIZE + name.length];
        putInt(c, 0, CENTRAL_SIG);
        putShort(c, 4, 20);
        System.arraycopy(local, 4, c, 6, 26); // version needed .. name length, as in the local header
        putInt(c, 38, dir ? 0x10 : 0);
        putInt(c, 42, offset);
        System.arraycopy(name, 0, c, CENTRAL_SIZE, name.length);
        return c;
    }

    private static byte[] deflate(byte[] bytes) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            d.setInput(bytes);
            d.finish();
            byte[] buf = new byte[bytes.length + 64];
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
            while (!d.finished()) {
                int n = d.deflate(buf);
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    /** MS-DOS date and time as zip stores them (APPNOTE 4.4.6), date in the high 16 bits. */
    static int dosTime(LocalDateTime t) {
        int year = Math.max(t.getYear(), 1980) - 1980;
        int date = (year << 9) | (t.getMonthValue() << 5) | t.getDayOfMonth();
        int time = (t.getHour() << 11) | (t.getMinute() << 5) | (t.getSecond() / 2);
        return (date << 16) | time;
    }

    /** One central directory record of the template: where it is, its name and entry offset. */
    private static final class Record {
        final int start;
        final int length;
        final String name;
        final long localOffset;
        long newOffset;

        Record(int start, int length, String name, long localOffset) {
            this.start = start;
            this.length = length;
            this.name = name;
            this.localOffset = localOffset;
        }
    }

    /** The template's central directory. */
    private static final class Template {
        final List<Record> records = new ArrayList<>();
        long centralOffset;

        static Template read(byte[] z) throws IOException {
            int end = -1;
            for (int p = z.length - END_SIZE; p >= Math.max(0, z.length - END_SIZE - 0xFFFF); p--) {
                if (getInt(z, p) == END_SIG) {
                    end = p;
                    break;
                }
            }
            if (end < 0) throw new IOException("the runtime archive has no end of central directory record");
            int total = getShort(z, end + 10);
            long size = getInt(z, end + 12);
            Template t = new Template();
            t.centralOffset = getInt(z, end + 16);
            if (total == 0xFFFF || t.centralOffset == 0xFFFFFFFFL || t.centralOffset + size > end) {
                throw new IOException("the runtime archive uses Zip64 records or is damaged");
            }
            int p = (int) t.centralOffset;
            for (int i = 0; i < total; i++) {
                if (p + CENTRAL_SIZE > end || getInt(z, p) != CENTRAL_SIG) {
                    throw new IOException("the runtime archive's central directory is damaged at entry " + i);
                }
                int n = getShort(z, p + 28);
                int length = CENTRAL_SIZE + n + getShort(z, p + 30) + getShort(z, p + 32);
                long offset = getInt(z, p + 42);
                if (offset >= t.centralOffset || getInt(z, (int) offset) != LOCAL_SIG) {
                    throw new IOException("the runtime archive's entry " + i + " points outside its data");
                }
                t.records.add(new Record(p, length, new String(z, p + CENTRAL_SIZE, n, StandardCharsets.UTF_8), offset));
                p += length;
            }
            return t;
        }
    }

    /** An output stream that counts the bytes written. */
    private static final class Sink {
        final OutputStream out;
        long position;

        Sink(OutputStream out) {
            this.out = out;
        }

        void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            position += len;
        }
    }

    private static long getInt(byte[] b, int p) {
        return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
    }

    private static int getShort(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }

    private static void putInt(byte[] b, int p, long v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
    }

    private static void putShort(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
    }
}
