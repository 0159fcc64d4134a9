package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.tests.support.Book;
import ulam.tests.support.PosteriordbPrograms;
import ulam.tests.support.PosteriordbPrograms.Entry;

/**
 * posteriordb's own Stan programs, unchanged, with their data (the 47 posteriors that have
 * reference draws, tests/src/test/resources/posteriordb-programs, see its README): each does
 * today exactly what {@code expected.tsv} records: it compiles and binds its data, or it is
 * refused with the recorded located message (a refusal is a located error, never an internal
 * one). Where rstan's log density and gradient at three fixed unconstrained points are committed
 * ({@code rstan_points.csv}, bench/stanfront/posteriordb_points.R), a program that compiles has
 * the same gradient (relative 1e-8) and the same differences of log density between the points
 * ({@link StanFrontEndPointsTest#agreement}). The table in docs/stan.md is generated from the
 * same record.
 *
 * <p>When the front end changes what it accepts, rerun with {@code -Dpdb.update=true}: the record
 * and the table of docs/stan.md are rewritten (review the diff), and the other tests are skipped.
 */
class PosteriordbProgramsTest {

    private static final boolean UPDATE = Boolean.getBoolean("pdb.update");
    private static final Path DOC = Path.of("docs/stan.md");

    static List<String> posteriors() {
        return PosteriordbPrograms.names();
    }

    /** The fixed-point verdict: empty without rstan points, else agreement or the first disagreement. */
    static String pointsVerdict(String name, Book.Outcome o) {
        Path f = PosteriordbPrograms.dir(name).resolve("rstan_points.csv");
        if (!o.compiles() || !Files.exists(f)) return "";
        return StanFrontEndPointsTest.agreement(PosteriordbPrograms.bind(name), f, name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("posteriors")
    void compilesOrIsRefusedAsRecorded(String name) {
        Assumptions.assumeFalse(UPDATE, "pdb.update: the record is being rewritten");
        Entry want = PosteriordbPrograms.expected().get(name);
        assertTrue(want != null, name + " is not in expected.tsv: run PosteriordbProgramsTest with -Dpdb.update=true");
        Book.Outcome got = PosteriordbPrograms.outcome(name);
        assertTrue(!got.status().equals("internal"), name + " fails with an internal error (a bug): " + got.message());
        assertEquals(want.outcome().status(), got.status(), name + ": " + got.message());
        assertEquals(want.outcome().message(), got.message(), name);
        assertEquals(want.points(), pointsVerdict(name, got), name + ": rstan's fixed points");
    }

    @Test
    void recordCoversEveryPosteriorAndDocsTableIsCurrent() throws IOException {
        List<String> names = posteriors();
        assertEquals(47, names.size(), "posteriordb's posteriors with reference draws: " + names);
        for (String n : names) {
            for (String f : List.of("model.stan", "data.json")) {
                assertTrue(Files.exists(PosteriordbPrograms.dir(n).resolve(f)), n + "/" + f + " is missing");
            }
        }
        if (UPDATE) {
            Map<String, Entry> entries = new LinkedHashMap<>();
            for (String n : names) {
                Book.Outcome o = PosteriordbPrograms.outcome(n);
                entries.put(n, new Entry(o, pointsVerdict(n, o)));
            }
            PosteriordbPrograms.writeExpected(entries);
            Files.writeString(DOC, withTable(Files.readString(DOC), PosteriordbPrograms.table(entries, PosteriordbPrograms.leftOut())));
        }
        Map<String, Entry> rec = PosteriordbPrograms.expected();
        assertEquals(names, List.copyOf(rec.keySet()), "expected.tsv lists other posteriors: run with -Dpdb.update=true");
        assertTrue(names.containsAll(PosteriordbPrograms.leftOut().keySet()), "left_out.tsv names a missing posterior");
        String doc = Files.readString(DOC);
        assertEquals(withTable(doc, PosteriordbPrograms.table(rec, PosteriordbPrograms.leftOut())), doc,
                "docs/stan.md's posteriordb table is not that of expected.tsv: run with -Dpdb.update=true");
    }

    /** The page with the text between the table markers replaced. */
    private static String withTable(String doc, String table) {
        int a = doc.indexOf(PosteriordbPrograms.BEGIN);
        int b = doc.indexOf(PosteriordbPrograms.END);
        assertTrue(a >= 0 && b > a, "docs/stan.md has no posteriordb table markers");
        return doc.substring(0, a) + table + doc.substring(b + PosteriordbPrograms.END.length());
    }
}
