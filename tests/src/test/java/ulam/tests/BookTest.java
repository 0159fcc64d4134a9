package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.runtime.Model;
import ulam.tests.support.Book;
import ulam.tests.support.BookTable;
import ulam.tests.support.StanPoints;

/**
 * Every model call of the book (121: the ulam and quap calls of rethinking's book_code_boxes.txt)
 * and of rethinking's ulam tests (45), pasted unchanged (tests/src/test/resources/book, see its
 * README), does today exactly what {@code expected.tsv} records: it compiles and binds its data, or
 * it is refused with the recorded located message. Where rethinking's own Stan program has fixed
 * points ({@code fixed/}, bench/book/ulam_refs.R), a model that compiles has the same log density
 * and gradient there ({@link StanPoints}), or the recorded disagreement. {@code docs/book.md} is
 * the table of all of them, generated from the same record.
 *
 * <p>When the compiler changes what it accepts, rerun with {@code -Dbook.update=true}: the
 * record and docs/book.md are rewritten (review the diff), and the other tests are skipped.
 */
class BookTest {

    private static final boolean UPDATE = Boolean.getBoolean("book.update");

    static Stream<Book.Call> calls() {
        return Book.calls().stream();
    }

    /** The fixed-point verdict recorded in expected.tsv's message column after a {@code " | fixed: "}. */
    static String fixedVerdict(Book.Call c, Book.Outcome o) {
        Path f = c.ref("fixed", ".json");
        if (!o.compiles() || !Files.exists(f) || StanPoints.points(f) < 2) return "";
        Model m = Book.bind(c);
        List<String> d = StanPoints.compare(m, f, !rewrittenWithTarget(c));
        return d.isEmpty() ? "agrees at " + StanPoints.points(f) + " points" : "differs: " + d.get(0) + (d.size() > 1 ? " (+" + (d.size() - 1) + " more)" : "");
    }

    /**
     * Whether bench/book/stan_program.R rewrote rethinking's {@code ~ beta_binomial} into
     * {@code target += bb_written(...)} (rstan 2.21's beta_binomial_lpmf is wrong), which keeps the
     * constants that rethinking's {@code ~} drops: then only differences of lp__ are compared.
     */
    static boolean rewrittenWithTarget(Book.Call c) {
        try {
            Path stan = c.ref("stan", ".stan");
            return Files.exists(stan) && Files.readString(stan).contains("target += bb_written");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void compilesOrIsRefusedAsRecorded(Book.Call c) {
        Assumptions.assumeFalse(UPDATE, "book.update: the record is being rewritten");
        Book.Outcome want = Book.expected().get(c.id());
        assertTrue(want != null, c.id() + " is not in expected.tsv: run BookTest with -Dbook.update=true");
        Book.Outcome got = Book.outcome(c);
        assertEquals(want.status(), got.status(), c.id() + ": " + got.message());
        if (!got.compiles()) {
            assertEquals(want.message(), got.message(), c.id());
            assertTrue(got.status().equals("refused"), c.id() + " fails with an internal error (a bug): " + got.message());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void logDensityAndGradientAsRethinkingsStanProgram(Book.Call c) {
        Assumptions.assumeFalse(UPDATE, "book.update: the record is being rewritten");
        Book.Outcome want = Book.fixedRecord().get(c.id());
        Assumptions.assumeTrue(want != null && !want.status().isEmpty(), c.id() + ": no fixed points (refused, or none committed)");
        assertEquals(want.status(), fixedVerdict(c, Book.outcome(c)), c.id());
    }

    @Test
    void recordCoversEveryCallAndDocsTableIsCurrent() throws IOException {
        List<Book.Call> calls = Book.calls();
        assertEquals(166, calls.size(), "61 ulam + 60 quap calls of the book, 44 ulam + 1 quap of the package tests");
        Path doc = Path.of("docs/book.md");
        if (UPDATE) {
            Map<String, Book.Outcome> outcomes = new LinkedHashMap<>();
            Map<String, Book.Outcome> fixed = new LinkedHashMap<>();
            for (Book.Call c : calls) {
                Book.Outcome o = Book.outcome(c);
                outcomes.put(c.id(), o);
                fixed.put(c.id(), new Book.Outcome(fixedVerdict(c, o), ""));
            }
            Book.writeExpected(outcomes, fixed);
            Files.writeString(doc, BookTable.markdown(calls, outcomes, fixed));
        }
        Map<String, Book.Outcome> rec = Book.expected();
        assertEquals(calls.stream().map(Book.Call::id).toList(), List.copyOf(rec.keySet()),
                "expected.tsv lists other calls: run BookTest with -Dbook.update=true");
        Map<String, Book.ExceptionNote> exceptions = Book.exceptions();
        for (Book.Call c : calls) {
            boolean needed = BookTable.exceptional(c, rec.get(c.id()), Book.fixedRecord().get(c.id()));
            assertEquals(needed, exceptions.containsKey(c.id()), c.id() + (needed
                    ? ": refused, differs at the fixed points or fails in rethinking: give the reason in exceptions.tsv"
                    : ": compiles and agrees now: remove it from exceptions.tsv"));
        }
        assertEquals(BookTable.markdown(calls, rec, Book.fixedRecord()), Files.readString(doc),
                "docs/book.md is not the table of expected.tsv: run BookTest with -Dbook.update=true");
    }
}
