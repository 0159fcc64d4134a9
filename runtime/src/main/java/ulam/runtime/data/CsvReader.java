package ulam.runtime.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import ulam.runtime.SourceLocation;
import ulam.runtime.UlamException;

/**
 * Reads a CSV file into columns (language reference A.2): the separator ({@code ,}, {@code ;} or
 * tab) is the one found most often outside quotes in the header line; fields may be double-quoted
 * (a quote inside is written twice); blanks around fields and empty lines are ignored; LF, CRLF and
 * CR line ends are accepted. An unnamed first column of R row names is dropped: either the header
 * has one name fewer than the rows have fields (R's {@code write.table}), or its first name is
 * empty (R's {@code write.csv}).
 */
final class CsvReader {
    private CsvReader() {}

    /** Where commons-csv says it stopped: "at line: 3, position: 14" (after the bad character), or "(startline 3)". */
    private static final Pattern POSITION = Pattern.compile("at line: \\d+, position: (\\d+)");
    private static final Pattern START_LINE = Pattern.compile("\\(startline (\\d+)\\)");

    /**
     * @param text  the file's content
     * @param label the file's name, for messages
     * @param where the file as named on the command line, for the locations of errors
     * @param notes where to add notes about the file (a dropped row-name column, an unnamed column)
     * @return one column per named column, in file order, each with the place of its name in the
     *         header; fields as written, missing ones still as text
     * @throws UlamException at the line (and column where known) if the file is empty, its quotes
     *                       are broken, or a row has a different number of fields than the header
     */
    static List<Column> read(String text, String label, String where, List<String> notes) {
        FilePlace place = new FilePlace(where, text);
        char sep = separator(text);
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setDelimiter(sep)
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .build();
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(text, format)) {
            records = parser.getRecords();
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            String message = String.valueOf(cause.getMessage());
            Matcher at = POSITION.matcher(message);
            Matcher start = START_LINE.matcher(message);
            SourceLocation location = at.find() ? place.offset(Long.parseLong(at.group(1)) - 1, 1)
                    : start.find() ? place.line(Long.parseLong(start.group(1))) : place.at(1, 1, 1);
            throw new UlamException("cannot read " + label + ": " + message, location,
                    "a quoted value must end with a quote followed by the separator '" + sep
                            + "' or the end of the line; a quote inside a quoted value is written twice (\"\")");
        }
        if (records.isEmpty()) {
            throw new UlamException(label + " is empty", place.at(1, 1, 1),
                    "a CSV data file starts with a line naming its columns, then one line per row");
        }
        List<String> header = records.get(0).toList();
        int width = header.size();
        boolean extraField = records.size() > 1 && records.get(1).size() == width + 1;
        boolean unnamedFirst = !extraField && width > 1 && header.get(0).isEmpty();
        int fieldOffset = extraField || unnamedFirst ? 1 : 0;
        int nameOffset = unnamedFirst ? 1 : 0;
        int fields = extraField ? width + 1 : width;
        if (fieldOffset == 1) notes.add(label + ": the first column has no name (R row names); it was left out");

        int rows = records.size() - 1;
        int kept = width - nameOffset;
        String[][] cells = new String[kept][rows];
        for (int r = 0; r < rows; r++) {
            CSVRecord record = records.get(r + 1);
            if (record.size() != fields) {
                int line = lineOf(text, record.getCharacterPosition());
                throw new UlamException(label + " line " + line + " has "
                        + record.size() + (record.size() == 1 ? " field" : " fields") + ", but "
                        + (extraField ? "the rows have a row name and " + width + " values (" + fields + " fields)"
                                      : "the header names " + width + " columns"), place.line(line),
                        "every row needs one value per column: write NA for a missing value, and put quotes "
                                + "around a value that contains the separator '" + sep + "'");
            }
            for (int j = 0; j < kept; j++) cells[j][r] = record.get(j + fieldOffset);
        }
        List<Column> columns = new ArrayList<>(kept);
        SourceLocation[] names = namePlaces(place, header, lineOf(text, records.get(0).getCharacterPosition()));
        for (int j = 0; j < kept; j++) {
            String original = header.get(j + nameOffset);
            if (original.isEmpty()) {
                original = "V" + (j + 1);
                notes.add(label + ": column " + (j + 1) + " has no name; it is reachable as " + original);
            }
            columns.add(new Column(Names.normalise(original), original, label, true, new int[] {rows}, cells[j])
                    .declaredAt(names[j + nameOffset]));
        }
        return columns;
    }

    /** Where each name of the header is written: found in order on the header line (at the previous one's end if not found as written). */
    private static SourceLocation[] namePlaces(FilePlace place, List<String> header, int line) {
        String lineText = place.line(line).lineText();
        SourceLocation[] out = new SourceLocation[header.size()];
        int from = 0;
        for (int j = 0; j < header.size(); j++) {
            String name = header.get(j);
            int at = name.isEmpty() ? -1 : lineText.indexOf(name, from);
            if (at >= 0) from = at + name.length();
            out[j] = place.at(line, (at >= 0 ? at : from) + 1, Math.max(1, name.length()));
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

    /** The 1-based line of the record starting at {@code position} (blank lines before it skipped). */
    static int lineOf(String text, long position) {
        int p = (int) Math.min(position, text.length());
        while (p < text.length() && (text.charAt(p) == '\n' || text.charAt(p) == '\r')) p++;
        int line = 1;
        for (int i = 0; i < p; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) line++;
        }
        return line;
    }
}
