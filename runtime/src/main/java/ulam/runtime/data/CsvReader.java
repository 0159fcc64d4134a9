package ulam.runtime.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import ulam.runtime.SourceLocation;
import ulam.runtime.UlamException;

/**
 * Reads a CSV file into columns (language reference A.2), streaming: the bytes are read in
 * blocks and every field goes straight into its column's primitive arrays ({@link ColumnBuilder}),
 * so the file is never held in memory, neither as text nor as one object per field.
 *
 * <p>The format: the separator ({@code ,}, {@code ;} or tab) is the one found most often outside
 * quotes in the header line; fields may be double-quoted (a quote inside is written twice, and a
 * quoted field may hold separators and line ends); blanks around fields and empty lines are
 * ignored; LF, CRLF and CR line ends are accepted; the text is UTF-8, or Latin-1 when it is not
 * valid UTF-8 (with a note). An unnamed first column of R row names is dropped: either the header
 * has one name fewer than the rows have fields (R's {@code write.table}), or its first name is
 * empty (R's {@code write.csv}). In the first case the dropped fields must look like row names
 * (increasing whole numbers, or distinct texts): otherwise the extra field is a mistake, most often
 * decimal commas splitting every number in two, and the file is refused at the first row that
 * shows it. A file with a header and no rows is refused too.
 */
final class CsvReader {
    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final String label;
    private final FilePlace place;
    private final List<String> notes;
    private byte[] buf = new byte[BUFFER];
    private int limit;
    private boolean eof;
    private long base;          // file offset of buf[0]
    private long line = 1;      // line of the byte at pos
    private long lineStart;     // file offset of the line's first byte
    private int pos;
    private byte sep;
    private boolean latin1;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    // the current record: fields as offsets into buf (start, end), quoted, with doubled quotes to undo
    private int fields;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private boolean[] quoted = new boolean[64];
    private boolean[] escaped = new boolean[64];
    private long recordLine;

    private CsvReader(InputStream in, String label, FilePlace place, List<String> notes) {
        this.in = in;
        this.label = label;
        this.place = place;
        this.notes = notes;
    }

    /**
     * Reads a CSV file.
     *
     * @param file  the file
     * @param label the file's name, for messages
     * @param where the file as named on the command line, for the locations of errors
     * @param notes where to add notes about the file (a dropped row-name column, an unnamed column, Latin-1)
     * @return one column per named column, in file order, each with the place of its name in the header
     * @throws UlamException at the line (and column where known) if the file is empty or has no
     *                       rows, its quotes are broken, a row has a different number of fields than
     *                       the header, or an extra first field is not a row name
     * @throws IOException   if the file cannot be read
     */
    static List<Column> read(Path file, String label, String where, List<String> notes) throws IOException {
        boolean latin1 = !validUtf8Start(file);
        try (InputStream in = Files.newInputStream(file)) {
            CsvReader r = new CsvReader(in, label, FilePlace.streamed(where, file,
                    latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8), notes);
            r.latin1 = latin1;
            if (latin1) notes.add(label + ": not UTF-8 text; it was read as Latin-1");
            return r.read();
        }
    }

    /** Whether the file's first 64 KiB are valid UTF-8 (a cut-off character at the end allowed). */
    private static boolean validUtf8Start(Path file) throws IOException {
        byte[] head = new byte[BUFFER];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        int end = n;
        if (n == head.length) {   // do not judge a character cut by the block's end
            int k = n - 1;
            while (k > n - 4 && k > 0 && (head[k] & 0xC0) == 0x80) k--;
            end = k;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(head, 0, Math.max(0, end)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private List<Column> read() throws IOException {
        fill(0);
        if (limit >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
            pos = 3;     // byte order mark
            lineStart = 3;
        }
        sep = (byte) separator(firstLine());
        if (!record()) {
            throw new UlamException(label + " is empty", place.at(1, 1, 1),
                    "a CSV data file starts with a line naming its columns, then one line per row");
        }
        long headerLine = recordLine;
        List<String> header = new ArrayList<>(fields);
        for (int j = 0; j < fields; j++) header.add(text(j));
        int width = header.size();
        if (!record()) {
            throw new UlamException(label + " has a header but no rows", place.line(headerLine),
                    "a CSV data file has one line per row after the line naming its columns; give a file with data");
        }
        boolean extraField = fields == width + 1;
        boolean unnamedFirst = !extraField && width > 1 && header.get(0).isEmpty();
        int fieldOffset = extraField || unnamedFirst ? 1 : 0;
        int nameOffset = unnamedFirst ? 1 : 0;
        int expected = extraField ? width + 1 : width;
        if (fieldOffset == 1) notes.add(label + ": the first column has no name (R row names); it was left out");
        int kept = width - nameOffset;
        ColumnBuilder[] columns = new ColumnBuilder[kept];
        for (int j = 0; j < kept; j++) columns[j] = new ColumnBuilder();
        RowNames rowNames = extraField ? new RowNames(width) : null;
        int rows = 0;
        do {
            if (fields != expected) raggedRow(expected, width, extraField);
            if (rowNames != null) rowNames.check(this, rows);
            for (int j = 0; j < kept; j++) add(columns[j], j + fieldOffset);
            rows++;
        } while (record());

        List<Column> out = new ArrayList<>(kept);
        SourceLocation[] names = namePlaces(header, headerLine);
        for (int j = 0; j < kept; j++) {
            String original = header.get(j + nameOffset);
            if (original.isEmpty()) {
                original = "V" + (j + 1);
                notes.add(label + ": column " + (j + 1) + " has no name; it is reachable as " + original);
            }
            Column c = columns[j].build(Names.normalise(original), original, label, true, new int[] {rows});
            columns[j] = null;
            out.add(c.declaredAt(names[j + nameOffset]));
        }
        return out;
    }

    /** The check that the dropped first fields of {@code write.table}'s layout are row names. */
    private static final class RowNames {
        private final int width;
        private double last = 0;
        private Set<String> seen;

        RowNames(int width) {
            this.width = width;
        }

        void check(CsvReader r, int row) {
            String name = r.text(0);
            double v = NumberText.parse(name);
            String problem = null;
            if (seen == null && !Double.isNaN(v)) {
                if (v != Math.rint(v) || v <= last) {
                    problem = "'" + name + "' after '" + NumberText.format(last) + "' is not a row name of R (row names"
                            + " of numbers are whole and increase)";
                }
                last = v;
            } else {
                if (seen == null) seen = new HashSet<>();
                if (!seen.add(name)) problem = "'" + name + "' comes twice, and R's row names are distinct";
            }
            if (row == 0 && v <= 0) problem = "'" + name + "' is not a row name of R (row names of numbers start at 1)";
            if (problem == null) return;
            boolean comma = r.sep == ',';
            throw new UlamException(r.label + " line " + r.recordLine + " has " + (width + 1) + " fields but the header names "
                    + width + (width == 1 ? " column" : " columns") + ", and its first field is no row name: " + problem,
                    r.place.line(r.recordLine), comma
                            ? "if ',' is a decimal comma in this file, every number was split in two: write decimals with a"
                              + " point (R's write.csv, not write.csv2), or separate the columns with ';'"
                            : "every row needs one value per column: write NA for a missing value, and put quotes around a"
                              + " value that contains the separator '" + (char) r.sep + "'");
        }
    }

    private void raggedRow(int expected, int width, boolean extraField) {
        String help = "every row needs one value per column: write NA for a missing value, and put quotes "
                + "around a value that contains the separator '" + (char) sep + "'";
        if (sep == ',' && fields > expected) {
            for (int j = 0; j < fields - 1; j++) {
                if (quoted[j] || quoted[j + 1]) continue;
                if (Column.decimalComma(ascii(j) + "," + ascii(j + 1))) {
                    help += "; if ',' is a decimal comma in this file, write decimals with a point (R's write.csv, not"
                            + " write.csv2), or separate the columns with ';'";
                    break;
                }
            }
        }
        throw new UlamException(label + " line " + recordLine + " has " + fields + (fields == 1 ? " field" : " fields")
                + ", but " + (extraField ? "the rows have a row name and " + width + " values (" + expected + " fields)"
                : "the header names " + width + " columns"), place.line(recordLine), help);
    }

    /** Adds field {@code j} of the record to a column: missing, a number (parsed from its bytes) or text. */
    private void add(ColumnBuilder c, int j) {
        int s = starts[j];
        int e = ends[j];
        if (!quoted[j]) {
            // unquoted fields were trimmed when read
            if (s == e || isNa(s, e)) {
                c.addMissing();
                return;
            }
            if (!c.holdsText()) {
                double v = NumberText.parse(buf, s, e);
                if (!Double.isNaN(v)) {
                    c.addNumber(v);
                    return;
                }
            }
            if (singleByte(s, e)) c.addText(buf, s, e);
            else c.addText(text(j));
            return;
        }
        String t = text(j);
        if (NumberText.isMissing(t)) {
            c.addMissing();
            return;
        }
        double v = c.holdsText() ? Double.NaN : NumberText.parse(t);
        if (!Double.isNaN(v)) c.addNumber(v);
        else c.addText(t);
    }

    /** Whether {@code buf[s..e)} is text of one byte per character: ASCII, or any byte in a Latin-1 file. */
    private boolean singleByte(int s, int e) {
        if (latin1) return true;
        for (int i = s; i < e; i++) if (buf[i] < 0) return false;
        return true;
    }

    private boolean isNa(int s, int e) {
        int n = e - s;
        if (n == 2) return buf[s] == 'N' && buf[s + 1] == 'A';
        return n == 3 && buf[s] == 'N' && buf[s + 1] == 'a' && buf[s + 2] == 'N';
    }

    /** Field {@code j} as text (quotes undone). */
    private String text(int j) {
        int s = starts[j];
        int e = ends[j];
        byte[] b = buf;
        if (escaped[j]) {
            byte[] copy = new byte[e - s];
            int n = 0;
            for (int i = s; i < e; i++) {
                copy[n++] = buf[i];
                if (buf[i] == '"') i++;   // "" is one quote
            }
            b = copy;
            s = 0;
            e = n;
        }
        boolean ascii = true;
        for (int i = s; i < e && ascii; i++) ascii = b[i] >= 0;
        if (ascii || latin1) return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
        try {
            return utf8.reset().decode(ByteBuffer.wrap(b, s, e - s)).toString();
        } catch (CharacterCodingException ex) {
            latin1 = true;   // the rest of the file is not UTF-8 either
            notes.add(label + ": not UTF-8 text after line " + recordLine + "; it was read as Latin-1 from there");
            return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
        }
    }

    private String ascii(int j) {
        return new String(buf, starts[j], ends[j] - starts[j], StandardCharsets.ISO_8859_1);
    }

    /** The first line that is not empty, as text, for the separator. */
    private String firstLine() throws IOException {
        int p = pos;
        while (true) {
            if (p >= limit && !fill(p)) return "";
            if (buf[p] == '\n' || buf[p] == '\r' || buf[p] == ' ') p++;
            else break;
        }
        int start = p;
        boolean q = false;
        while (true) {
            if (p >= limit && !fill(p)) break;
            byte b = buf[p];
            if (b == '"') q = !q;
            else if (!q && (b == '\n' || b == '\r')) break;
            p++;
        }
        return new String(buf, start, Math.min(p, limit) - start, latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /**
     * Reads the next record that is not an empty line into {@link #fields}, {@link #starts}, ...
     *
     * @return false at the end of the file
     */
    private boolean record() throws IOException {
        while (true) {
            if (pos >= limit && !fill(pos)) return false;
            if (pos > buf.length / 2) compact();   // room for the record, copying rarely
            recordLine = line;
            fields = 0;
            boolean more = true;
            while (more) more = field();
            if (fields == 1 && !quoted[0] && starts[0] == ends[0]) continue;   // an empty (or blank) line
            return true;
        }
    }

    /** Reads one field at {@link #pos}; returns whether another field of the record follows. */
    private boolean field() throws IOException {
        if (fields == starts.length) grow();
        int p = pos;
        // leading blanks
        while (true) {
            if (p >= limit && !fill(p)) break;
            byte b = buf[p];
            if (b == ' ' || (b == '\t' && sep != '\t')) p++;
            else break;
        }
        int j = fields++;
        escaped[j] = false;
        if (p < limit && buf[p] == '"') {
            quoted[j] = true;
            long startLine = line;
            int s = ++p;
            while (true) {
                if (p >= limit && !fill(p)) {
                    throw new UlamException("cannot read " + label + ": a quoted value that starts on line " + startLine
                            + " never ends", place.line(startLine),
                            "a quoted value ends with a quote; a quote inside a quoted value is written twice (\"\")");
                }
                byte b = buf[p];
                if (b == '"') {
                    if (p + 1 >= limit) fill(p + 1);
                    if (p + 1 < limit && buf[p + 1] == '"') {
                        escaped[j] = true;
                        p += 2;
                        continue;
                    }
                    break;
                }
                if (b == '\n' || (b == '\r' && (p + 1 >= limit && !fill(p + 1) || buf[p + 1] != '\n'))) newLine(p);
                p++;
            }
            starts[j] = s;
            ends[j] = p;
            p++;
            while (true) {   // blanks after the closing quote
                if (p >= limit && !fill(p)) break;
                byte b = buf[p];
                if (b == ' ' || (b == '\t' && sep != '\t')) p++;
                else break;
            }
            if (p < limit && buf[p] != sep && buf[p] != '\n' && buf[p] != '\r') {
                throw new UlamException("cannot read " + label + ": a character follows a quoted value's closing quote",
                        place.atByte(line, base + p - lineStart + 1, 1),
                        "a quoted value must end with a quote followed by the separator '" + (char) sep
                                + "' or the end of the line; a quote inside a quoted value is written twice (\"\")");
            }
        } else {
            quoted[j] = false;
            int s = p;
            while (true) {
                if (p >= limit) {
                    if (!fill(p)) break;
                }
                byte b = buf[p];
                if (b == sep || b == '\n' || b == '\r') break;
                p++;
            }
            int e = p;
            while (e > s && (buf[e - 1] == ' ' || (buf[e - 1] == '\t' && sep != '\t'))) e--;
            starts[j] = s;
            ends[j] = e;
        }
        if (p >= limit) {   // end of file
            pos = p;
            return false;
        }
        byte b = buf[p];
        if (b == sep) {
            pos = p + 1;
            return true;
        }
        // a line end: CR LF, LF or CR
        if (b == '\r' && (p + 1 < limit || fill(p + 1)) && buf[p + 1] == '\n') p++;
        pos = p + 1;
        newLine(p);
        return false;
    }

    /** The byte at {@code p} ended a line. */
    private void newLine(int p) {
        line++;
        lineStart = base + p + 1;
    }

    private void grow() {
        int n = starts.length * 2;
        starts = java.util.Arrays.copyOf(starts, n);
        ends = java.util.Arrays.copyOf(ends, n);
        quoted = java.util.Arrays.copyOf(quoted, n);
        escaped = java.util.Arrays.copyOf(escaped, n);
    }

    /** Moves the bytes from {@link #pos} on to the start of the buffer (between records only: fields are offsets into it). */
    private void compact() {
        if (pos == 0) return;
        System.arraycopy(buf, pos, buf, 0, limit - pos);
        limit -= pos;
        base += pos;
        pos = 0;
    }

    /**
     * Makes byte {@code p} of the buffer available, reading more of the file (the buffer grows when
     * one record is longer than it).
     *
     * @return false if the file ends before {@code p}
     */
    private boolean fill(int p) throws IOException {
        while (p >= limit) {
            if (eof) return false;
            if (limit == buf.length) buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
                return false;
            }
            limit += n;
        }
        return true;
    }

    /** Where each name of the header is written: found in order on the header line (at the previous one's end if not found as written). */
    private SourceLocation[] namePlaces(List<String> header, long headerLine) {
        String lineText = place.line(headerLine).lineText();
        SourceLocation[] out = new SourceLocation[header.size()];
        int from = 0;
        for (int j = 0; j < header.size(); j++) {
            String name = header.get(j);
            int at = name.isEmpty() ? -1 : lineText.indexOf(name, from);
            if (at >= 0) from = at + name.length();
            out[j] = place.at(headerLine, (at >= 0 ? at : from) + 1, Math.max(1, name.length()));
        }
        return out;
    }

    /** The separator of the header line: the most frequent of {@code , ; tab} outside quotes ({@code ,} if none). */
    static char separator(String text) {
        int comma = 0;
        int semicolon = 0;
        int tab = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (!quoted && (c == '\n' || c == '\r')) break;
            else if (!quoted && c == ',') comma++;
            else if (!quoted && c == ';') semicolon++;
            else if (!quoted && c == '\t') tab++;
        }
        if (semicolon > comma && semicolon >= tab) return ';';
        if (tab > comma && tab > semicolon) return '\t';
        return ',';
    }

}
