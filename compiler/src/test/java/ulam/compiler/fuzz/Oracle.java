package ulam.compiler.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.commons.rng.simple.RandomSource;
import ulam.compiler.Compiler;
import ulam.compiler.parse.Source;
import ulam.runtime.Model;
import ulam.runtime.SourceLocation;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * The fuzzing property of the compiler: a model text, compiled (and bound to its data) either
 * succeeds, and then the model evaluates its log density, gradient, draws and pointwise
 * log-likelihood without throwing (NaN and -Infinity are allowed values), or it is rejected with a
 * {@link UlamException} whose location points inside the text. Anything else (a
 * NullPointerException, an IndexOutOfBoundsException, a VerifyError of the generated class, a
 * StackOverflowError, a hang) is a compiler bug, reported with the model, the data and a
 * line-by-line reduced reproducer.
 *
 * <p>Each case runs on a fresh thread with the JVM's default stack size (what the {@code ulam}
 * command line has), not the test JVM's larger one, and with a time limit.
 */
final class Oracle {
    private Oracle() {}

    /** A case ran to one of the two allowed ends. */
    enum Outcome {
        /** Compiled, bound and evaluated. */
        ACCEPTED,
        /** Rejected with a located error. */
        REJECTED
    }

    /** Time limit of one case (parse to evaluation); generous, a case takes milliseconds. */
    private static final long LIMIT_SECONDS = 20;

    /**
     * Stack of the thread a case runs on: 1 MiB, the JVM's default on 64-bit Linux, which the
     * {@code ulam} command line's main thread has (the test JVM runs with {@code -Xss8m}).
     */
    private static final long STACK = 1L << 20;

    /**
     * Runs one case.
     *
     * @param file  the model's file name (for messages and the class name)
     * @param text  the model text
     * @param data  the data, or null to compile without (names inferred) and bind to no data
     * @param label what the data were, for the failure report (e.g. the CSV text)
     * @return how it ended
     * @throws AssertionError for a bug, with the reproducer
     */
    static Outcome check(String file, String text, DataSet data, String label) {
        Attempt a = attempt(file, text, data);
        if (a.bug() == null) return a.outcome();
        Throwable bug = a.bug();
        String reduced = reduce(file, text, data, bug);
        throw new AssertionError(describe(bug) + "\n--- model (" + file + ") ---\n" + text
                + "\n--- reduced ---\n" + reduced + "\n--- data ---\n" + label, bug);
    }

    /** How a case ended: an outcome, or a bug. */
    private record Attempt(Outcome outcome, Throwable bug) {}

    /** Runs a case on its own thread. */
    private static Attempt attempt(String file, String text, DataSet data) {
        FutureTask<Outcome> task = new FutureTask<>(() -> run(file, text, data));
        Thread t = new Thread(null, task, "fuzz-case", STACK);
        t.setDaemon(true);
        t.start();
        try {
            return new Attempt(task.get(LIMIT_SECONDS, TimeUnit.SECONDS), null);
        } catch (ExecutionException e) {
            return new Attempt(null, e.getCause());
        } catch (TimeoutException e) {
            t.interrupt();
            return new Attempt(null, new AssertionError("no answer within " + LIMIT_SECONDS + " s (a hang or a huge allocation)"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(null, e);
        }
    }

    /** Compile, bind, evaluate; a user error must be located in the text. */
    private static Outcome run(String file, String text, DataSet data) {
        Source source = new Source(file, text);
        Function<DataSet, Model> factory;
        Model model;
        try {
            Compiler.Compiled c = Compiler.compile(source, data == null ? null : Compiler.schema(data));
            factory = c.factory();
            model = factory.apply(data == null ? DataSet.empty() : data);
        } catch (UlamException e) {
            assertLocated(e, source);
            return Outcome.REJECTED;
        }
        evaluate(model);
        return Outcome.ACCEPTED;
    }

    /**
     * The error's location is inside the text: the file, a line that exists, that line's text,
     * and a column on it (one past its end is allowed: "the line ends too early").
     */
    static void assertLocated(UlamException e, Source source) {
        SourceLocation at = e.location();
        String formatted = e.format();
        if (at == null) throw new LocationError("error without a location: " + formatted, e);
        int lines = source.text().split("\r\n|\r|\n", -1).length;
        boolean ok = at.file().equals(source.file()) && at.line() >= 1 && at.line() <= lines
                && at.lineText().equals(source.line(at.line()))
                && at.column() >= 1 && at.column() <= at.lineText().length() + 1;
        if (!ok) throw new LocationError("error at an invalid location " + at + " (line has "
                + source.line(at.line()).length() + " characters): " + formatted, e);
    }

    /** A rejection that was not located inside the text. */
    static final class LocationError extends AssertionError {
        LocationError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Every method of the Model API, at 0 and at two random points; values may be NaN, nothing may throw. */
    private static void evaluate(Model model) {
        int n = model.dimension();
        java.util.Random r = new java.util.Random(n * 31L + 7);
        String[] names = model.outputNames();
        if (model.parameterOutputs() < 0 || model.parameterOutputs() > names.length) {
            throw new AssertionError("parameterOutputs " + model.parameterOutputs() + " of " + names.length + " outputs");
        }
        Model copy = model.copy();
        for (int point = 0; point < 3; point++) {
            double[] q = new double[n];
            if (point > 0) for (int k = 0; k < n; k++) q[k] = point == 1 ? r.nextGaussian() : 4 * r.nextGaussian();
            double[] before = q.clone();
            double v = model.logDensity(q);
            double[] g = new double[n];
            double vg = model.logDensityGradient(q, g);
            if (!same(v, vg)) throw new AssertionError("logDensity " + v + " but logDensityGradient " + vg + " at " + Arrays.toString(q));
            if (!same(v, copy.logDensity(q))) throw new AssertionError("copy() gives another log density at " + Arrays.toString(q));
            if (!Arrays.equals(before, q)) throw new AssertionError("the model modified q");
            double[] out = new double[names.length];
            model.writeDraw(q, RandomSource.XO_RO_SHI_RO_128_PP.create(5L), out);
            double[] ll = new double[model.observations()];
            model.logLikelihood(q, ll);
        }
        model.notes();
        model.sourceOptions();
    }

    /** Equal values, both NaN, or within rounding (the gradient path may sum in another order). */
    private static boolean same(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) return Double.isNaN(a) && Double.isNaN(b);
        if (a == b) return true;
        return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }

    /** The failure in one line: its class, message and where it was thrown. */
    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder(t.getClass().getName()).append(": ").append(t.getMessage());
        StackTraceElement[] st = t.getStackTrace();
        for (int i = 0; i < Math.min(6, st.length); i++) sb.append("\n    at ").append(st[i]);
        return sb.toString();
    }

    /** Deletes lines while the case still fails with the same kind of error: a short reproducer. */
    static String reduce(String file, String text, DataSet data, Throwable bug) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        boolean progress = true;
        int budget = 200;
        while (progress && budget > 0) {
            progress = false;
            for (int i = lines.size() - 1; i >= 0 && budget > 0; i--) {
                List<String> shorter = new ArrayList<>(lines);
                shorter.remove(i);
                budget--;
                Throwable again = attempt(file, String.join("\n", shorter), data).bug();
                if (again != null && again.getClass() == bug.getClass()) {
                    lines = shorter;
                    progress = true;
                }
            }
        }
        return String.join("\n", lines);
    }
}
