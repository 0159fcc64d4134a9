package ulam.tests.support;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import ulam.compiler.Compiler;
import ulam.compiler.parse.Source;
import ulam.runtime.Model;
import ulam.runtime.SourceLocation;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * The book as a test suite: the model calls of Statistical Rethinking (2nd edition) and of
 * rethinking's ulam tests, pasted unchanged under {@code tests/src/test/resources/book/} (see its
 * README): {@code calls.tsv} (one row per call, from bench/book/make_fixtures.py), {@code data.tsv}
 * (its data file, bench/book/make_data.R), {@code expected.tsv} (what our compiler does with it
 * today, written by BookTest), and rethinking's references: {@code quap/}, {@code ulam/},
 * {@code fixed/}, {@code stan/}.
 */
public final class Book {
    private Book() {}

    /** The folder of the fixtures, relative to the repository root (the tests' working directory). */
    public static final Path DIR = Path.of("tests/src/test/resources/book");

    /**
     * One model call.
     *
     * @param id        file stem: {@code b<box>_<name>} (book) or {@code t<line>_<name>} (package tests)
     * @param source    {@code book} or {@code tests}
     * @param box       the book's R code box, e.g. {@code 4.42} (empty for the tests)
     * @param chapter   the book's chapter (empty for the tests)
     * @param line      line of the call in book_code_boxes.txt or R/ulam_tests.R
     * @param name      the R name the call is assigned to, e.g. {@code m4.3}
     * @param fn        {@code ulam} or {@code quap}
     * @param prelude   earlier definitions pasted above the call (empty if none)
     * @param dataFile  its data file name under {@code data/}
     * @param simulated empty if the data are the book's, else how they were simulated
     */
    public record Call(String id, String source, String box, String chapter, int line, String name, String fn,
            String prelude, String dataFile, String simulated) {

        /** The fixture, {@code models/ID.ulam}. */
        public Path model() {
            return DIR.resolve("models").resolve(id + ".ulam");
        }

        /** Its data, {@code data/FILE.json}. */
        public Path data() {
            return DIR.resolve("data").resolve(dataFile);
        }

        /** A file of rethinking's references, e.g. {@code ref("quap", ".csv")} is quap/ID.csv. */
        public Path ref(String folder, String suffix) {
            return DIR.resolve(folder).resolve(id + suffix);
        }

        /** Whether this is a quap call. */
        public boolean quap() {
            return fn.equals("quap");
        }
    }

    /**
     * What our compiler did with a call: {@code compiles} (compiled and bound to its data),
     * {@code refused} (a located user error: {@code message} is {@code line:col: text}) or
     * {@code internal} (any other exception: a bug).
     */
    public record Outcome(String status, String message) {
        /** Whether the model compiled and bound its data. */
        public boolean compiles() {
            return status.equals("compiles");
        }
    }

    /** Every call, in book order then test-file order. */
    public static List<Call> calls() {
        Map<String, CSVRecord> data = new LinkedHashMap<>();
        for (CSVRecord r : readTsv(DIR.resolve("data.tsv"))) data.put(r.get("id"), r);
        List<Call> out = new ArrayList<>();
        for (CSVRecord r : readTsv(DIR.resolve("calls.tsv"))) {
            CSVRecord d = data.get(r.get("id"));
            if (d == null) throw new IllegalStateException("data.tsv has no row for " + r.get("id"));
            out.add(new Call(r.get("id"), r.get("source"), r.get("box"), r.get("chapter"), Integer.parseInt(r.get("line")),
                    r.get("name"), r.get("fn"), r.get("prelude"), d.get("data"), d.get("simulated")));
        }
        return out;
    }

    /** The data set of a call, as {@code ulam run --data} reads it. */
    public static DataSet dataSet(Call c) {
        return DataSet.read(List.of(c.data()), Map.of(), Map.of());
    }

    /** Compiles the call's fixture and binds its data, as {@code ulam run} does. */
    public static Model bind(Call c) {
        DataSet ds = dataSet(c);
        return Compiler.compile(Source.read(c.model()), Compiler.schema(ds)).factory().apply(ds);
    }

    /** What compiling and binding the call does today. */
    public static Outcome outcome(Call c) {
        return outcomeOf(() -> bind(c));
    }

    /**
     * What compiling and binding a model does: {@code compiles}, {@code refused} with the located
     * message's first line ({@code line:col: message}), or {@code internal} (any other exception: a
     * bug) with the exception's class and first line.
     */
    public static Outcome outcomeOf(Runnable bind) {
        try {
            bind.run();
            return new Outcome("compiles", "");
        } catch (UlamException e) {
            SourceLocation at = e.location();
            String where = at == null ? "" : at.line() + ":" + at.column() + ": ";
            return new Outcome("refused", oneLine(where + e.getMessage()));
        } catch (RuntimeException | StackOverflowError e) {
            return new Outcome("internal", oneLine(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private static String oneLine(String s) {
        String t = s == null ? "" : s.replace('\t', ' ').replace("\r", "");
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    /** The recorded outcomes ({@code expected.tsv}: id, outcome, message, fixed), by id; empty if there is no file. */
    public static Map<String, Outcome> expected() {
        return record("outcome", "message");
    }

    /**
     * The recorded fixed-point verdicts ({@code expected.tsv}'s column {@code fixed}: empty, {@code
     * agrees at N points} or {@code differs: ...}) as the status of an Outcome, by id.
     */
    public static Map<String, Outcome> fixedRecord() {
        return record("fixed", null);
    }

    private static Map<String, Outcome> record(String status, String message) {
        Map<String, Outcome> out = new LinkedHashMap<>();
        Path f = DIR.resolve("expected.tsv");
        if (!Files.exists(f)) return out;
        for (CSVRecord r : readTsv(f)) out.put(r.get("id"), new Outcome(r.get(status), message == null ? "" : r.get(message)));
        return out;
    }

    /**
     * A call that does not simply compile and agree with rethinking (refused, differs at the fixed
     * points, or fails in rethinking while we compile it), with the reason ({@code exceptions.tsv}).
     *
     * @param id        the call
     * @param compared  whether BookPosteriorTest compares its posterior with rethinking's (false when
     *                  the two programs are knowingly different models)
     * @param reason    why, as docs/book.md prints it
     */
    public record ExceptionNote(String id, boolean compared, String reason) {}

    /** The recorded exceptions ({@code exceptions.tsv}: id, posterior = compared / not compared, reason), by id. */
    public static Map<String, ExceptionNote> exceptions() {
        Map<String, ExceptionNote> out = new LinkedHashMap<>();
        for (CSVRecord r : readTsv(DIR.resolve("exceptions.tsv"))) {
            String posterior = r.get("posterior");
            if (!posterior.equals("compared") && !posterior.equals("not compared")) {
                throw new IllegalStateException("exceptions.tsv, " + r.get("id") + ": posterior is 'compared' or 'not compared', not '" + posterior + "'");
            }
            out.put(r.get("id"), new ExceptionNote(r.get("id"), posterior.equals("compared"), r.get("reason")));
        }
        return out;
    }

    /** Writes {@code expected.tsv} from the outcomes and the fixed-point verdicts (their status). */
    public static void writeExpected(Map<String, Outcome> outcomes, Map<String, Outcome> fixed) {
        try (CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(DIR.resolve("expected.tsv")), TSV)) {
            p.printRecord("id", "outcome", "message", "fixed");
            for (Entry<String, Outcome> e : outcomes.entrySet()) {
                p.printRecord(e.getKey(), e.getValue().status(), e.getValue().message(), fixed.get(e.getKey()).status());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tab-separated format of the record files (no quoting, backslash escapes, "\\n" line ends). */
    public static final CSVFormat TSV = CSVFormat.TDF.builder().setQuote(null).setEscape('\\').setRecordSeparator("\n")
            .setIgnoreEmptyLines(false).setTrim(false).build();

    /** The records of a tab-separated file with a header line (no quoting, backslash escapes). */
    public static List<CSVRecord> readTsv(Path f) {
        try (Reader in = Files.newBufferedReader(f)) {
            return TSV.builder().setHeader().setSkipHeaderRecord(true).build().parse(in).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
