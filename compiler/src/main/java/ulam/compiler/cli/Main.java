package ulam.compiler.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ulam.compiler.Compiler;
import ulam.compiler.check.CompileMode;
import ulam.compiler.check.DataSchema;
import ulam.compiler.cli.fit.FitCommands;
import ulam.compiler.pack.JarPacker;
import ulam.compiler.stan.StanProgram;
import ulam.compiler.stan.StanSyntax;
import ulam.compiler.parse.Source;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.cli.CommandErrors;
import ulam.runtime.cli.RunCommand;
import ulam.runtime.cli.RunOptions;
import ulam.runtime.data.DataSet;

/**
 * The {@code ulam} command: {@code run} (compile in memory and sample), {@code compile} (write a
 * runnable jar), {@code check} (show what the compiler inferred), {@code bench}, {@code stancode}
 * (write the model in Stan), {@code sbc} (simulation-based calibration, {@link SbcCommand}), {@code quap}
 * ({@link QuapCommand}), {@code pathfinder} ({@link PathfinderCommand}). User errors print as located diagnostics and exit with status 1;
 * never a stack trace.
 */
@Command(name = "ulam", mixinStandardHelpOptions = true, version = "ulam 0.1.0",
        description = "Compile and sample Statistical Rethinking's ulam models on the JVM.")
public final class Main implements Callable<Integer> {

    /** Every command's class (picocli {@code @Command}s), in the order {@code ulam --help} lists them. */
    public static List<Class<?>> commands() {
        List<Class<?>> all = new ArrayList<>(List.of(Run.class, Compile.class, Check.class, Bench.class, StanCode.class,
                SbcCommand.class, QuapCommand.class, PathfinderCommand.class));
        all.addAll(FitCommands.subcommands());
        return all;
    }

    /**
     * The commands a command line needs: only the one it names when its first argument is a
     * command's name or alias, else all (for {@code --help}, and for an unknown command, whose
     * error suggests the nearest). picocli builds a command's model by reflection when it is
     * added; building all 25 took about 0.25 s of CPU at every start.
     */
    static List<Class<?>> commandsFor(String[] args) {
        List<Class<?>> all = commands();
        if (args.length == 0 || args[0].startsWith("-")) return all;
        for (Class<?> c : all) {
            Command a = c.getAnnotation(Command.class);
            if (a.name().equals(args[0]) || Arrays.asList(a.aliases()).contains(args[0])) return List.of(c);
        }
        return all;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit status. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = Commands.of(new Main(), out, err, commandsFor(args).toArray(Class<?>[]::new));
        Streams.out = out;
        Streams.err = err;
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            err.print(CommandErrors.outOfMemory(null).format());
            err.flush();
            return CommandErrors.USER_ERROR;
        } catch (LinkageError | StackOverflowError | AssertionError e) {   // errors picocli's handler does not see
            err.println("internal error: " + e + "; " + RunCommand.REPORT_HINT);
            return 2;
        }
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(Streams.err);
        return 1;
    }

    /** The streams of the current execution (tests call {@link #execute} with their own). */
    static final class Streams {
        static PrintStream out = System.out;
        static PrintStream err = System.err;
    }

    private static Compiler.Compiled compile(Path model, DataSet data) {
        DataSchema schema = data == null ? null : Compiler.schema(data);
        return Compiler.compile(Source.read(model), schema);
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Compile a model in memory and sample it with NUTS.")
    static final class Run implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MODEL.ulam", description = "The model file.")
        Path model;

        @Mixin
        RunOptions options;

        @Option(names = "--prior-only", description = "Sample the prior: the likelihood lines are left out of the log density"
                + " (ulam's sample_prior); ulam sim on the fit then gives prior predictive checks.")
        boolean priorOnly;

        @Override
        public Integer call() {
            PrintStream err = Streams.err;
            DataSet data = options.dataFiles().isEmpty() && options.dataValues().isEmpty() && options.dataMatrices().isEmpty()
                    ? null : RunCommand.readData(options);
            Compiler.Compiled c = Compiler.compile(Source.read(model), data == null ? null : Compiler.schema(data),
                    priorOnly ? CompileMode.PRIOR : CompileMode.POSTERIOR);
            options.priorOnly(priorOnly);
            err.printf(Locale.ROOT, "compiled %s in %.0f ms%n", c.spec().name(), c.nanos() / 1e6);
            DataSet bound = data == null ? DataSet.empty() : data;
            options.sourceFile(model.toString());
            String wrapper = c.spec().program().wrapper();
            if (!priorOnly && ("quap".equals(wrapper) || "map".equals(wrapper))) {
                // the book's quap(...) models: the quadratic approximation, as ulam quap
                err.println("note: the model is a " + wrapper + "(...) call: fitting the quadratic approximation as"
                        + " ulam quap does; to sample it with NUTS, write ulam( instead of " + wrapper + "(");
                ulam.runtime.sampler.SamplerConfig cfg = options.toConfig(c.spec().options(), () -> 0L);
                Long seed = options.seedGiven(c.spec().options()) ? cfg.seed() : null;
                return QuapCommand.run(c, bound, ApproxOptions.from(options, seed, cfg.initRadius(), c.spec().name()), false,
                        QuapCommand.DEFAULT_DRAWS, false, Streams.out, err);
            }
            return RunCommand.run(c.factory(), o -> bound, options, Streams.out, err);
        }
    }

    @Command(name = "compile", mixinStandardHelpOptions = true,
            description = "Compile a model to a runnable jar: java -jar MODEL.jar --data FILE samples it.")
    static final class Compile implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MODEL.ulam", description = "The model file.")
        Path model;

        @Option(names = {"-o", "--output"}, paramLabel = "MODEL.jar", description = "The jar to write (default: the model's name with .jar).")
        Path output;

        @Mixin
        DataOptions data;   // tells the compiler which names are data; sizes stay free

        @Override
        public Integer call() {
            long t0 = System.nanoTime();
            DataSet d = data.read();
            Compiler.Compiled c = compile(model, d);
            Path out = output != null ? output : Path.of(c.spec().name() + ".jar");
            if (c.needsCompiler()) {
                throw new UlamException(model + ": this Stan program's transformed data or generated quantities are run by the compiler's"
                        + " interpreter, which a model jar does not carry: it cannot be packed as a jar yet", null,
                        "run it with ulam run " + model + " --data ...");
            }
            data.inputs().input(model, "the model file").check(out, null, "-o");
            JarPacker.write(out, c.className(), c.classFile(), model.toString(), c.spec().source().text());
            Streams.out.printf(Locale.ROOT, "compiled %s in %.0f ms; wrote %s (%.1f s in all)%n", c.spec().name(),
                    c.nanos() / 1e6, out, (System.nanoTime() - t0) / 1e9);
            for (String n : c.spec().notes()) Streams.err.println(ulam.runtime.Notes.line(n));
            if (d == null) Streams.err.println(ulam.runtime.Notes.line(inferredNames(c.spec())));
            return 0;
        }
    }

    /** Without data, which names the compiler took for data and which for parameters (language reference 3.1). */
    static String inferredNames(ulam.compiler.check.ModelSpec spec) {
        return "compiled without --data, so the names are inferred: data " + listed(spec.data()) + "; parameters "
                + listed(spec.parameters()) + ". The jar refuses data with a column named as a parameter;"
                + " if one of them is a data column, compile with --data FILE";
    }

    private static String listed(List<ulam.compiler.check.Symbol> symbols) {
        if (symbols.isEmpty()) return "(none)";
        List<String> names = symbols.stream().map(ulam.compiler.check.Symbol::name).toList();
        if (names.size() <= 12) return String.join(", ", names);
        return String.join(", ", names.subList(0, 12)) + ", ... (" + names.size() + " in all)";
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Time the model's gradient and log density in steady state (microseconds per evaluation).")
    static final class Bench implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MODEL.ulam", description = "The model file.")
        Path model;

        @Mixin
        DataOptions data;

        @Option(names = "--seconds", paramLabel = "S", defaultValue = "6",
                description = "Measuring time, after as long again of warm-up (default: 6).")
        double seconds;

        @Option(names = "--threads", paramLabel = "N[,N...]", split = ",", defaultValue = "1",
                description = "Threads a chain's large row loops may use, one timing per count in the same run "
                        + "(rounds interleaved), e.g. --threads 1,2 (default: 1).")
        int[] threads;

        @Override
        public Integer call() {
            if (!(seconds > 0 && seconds <= 3600)) {
                throw new UlamException("--seconds must lie between 0 and 3600 (got " + seconds + ")", null, "e.g. --seconds 6");
            }
            for (int n : threads) {
                if (n < 1 || n > 256) throw new UlamException("--threads must list counts between 1 and 256 (got " + n + ")", null, "e.g. --threads 1,2");
            }
            DataSet d = data.read();
            Compiler.Compiled c = compile(model, d);
            Model m = c.factory().apply(d == null ? DataSet.empty() : d);
            Timing[] ts = Timing.measure(m, seconds, threads);
            for (Timing t : ts) {
                Streams.out.printf(Locale.ROOT, "model=%s dimension=%d compile_ms=%.1f threads=%d us_per_gradient=%.3f us_per_log_density=%.3f%n",
                        c.spec().name(), m.dimension(), c.nanos() / 1e6, t.threads(), t.gradient(), t.logDensity());
            }
            for (int k = 1; k < ts.length; k++) {
                Streams.out.printf(Locale.ROOT, "gradient_speedup_threads%d_over_threads%d=%.3f%n", ts[k].threads(), ts[0].threads(),
                        ts[0].gradient() / ts[k].gradient());
            }
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Show what the compiler inferred: each symbol's kind, type, size and constraint.")
    static final class Check implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MODEL.ulam", description = "The model file.")
        Path model;

        @Mixin
        DataOptions data;   // with data, concrete sizes

        @Option(names = "--ir", description = "Also print the intermediate representation.")
        boolean ir;

        @Option(names = "--passes", paramLabel = "all|none|NAMES", defaultValue = "all",
                description = "The optimising IR passes to run: all (default), none (the IR as lowered), or names"
                        + " separated by commas (aggregate, precompute).")
        String passes;

        @Override
        public Integer call() {
            java.util.List<ulam.compiler.ir.Pass> chosen = ulam.compiler.ir.Passes.parse(passes);
            DataSet d = data.read();
            Compiler.Compiled c = Compiler.compile(Source.read(model), d == null ? null : Compiler.schema(d),
                    ulam.compiler.check.CompileMode.POSTERIOR, chosen);
            Model bound = d == null ? null : c.factory().apply(d);
            String alist = c.spec().source().text();   // a brms or rstanarm call: the alist it became
            if (!alist.equals(Source.read(model).text())) Streams.out.print("the alist of " + model + ":\n\n" + alist + "\n");
            Streams.out.print(CheckReport.format(c, bound));
            if (ir) Streams.out.print("\n" + c.ir().dump());
            return 0;
        }
    }

    @Command(name = "stancode", mixinStandardHelpOptions = true,
            description = "Print the model as a Stan program (rethinking's stancode()); --data-out writes its data as Stan JSON.")
    static final class StanCode implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MODEL.ulam", description = "The model file.")
        Path model;

        @Mixin
        DataOptions data;   // tells the compiler which names are data; needed for --data-out

        @Option(names = "--stan-2.21", description = "Stan 2.21 syntax (int y[N]; fabs), for rstan 2.21 as Debian packages it.")
        boolean stan221;

        @Option(names = "--log-lik", description = "Add the pointwise log-likelihood (log_lik) to generated quantities.")
        boolean logLik;

        @Option(names = "--data-out", paramLabel = "FILE.json",
                description = "Write the program's data (sizes, data, derived data) as Stan JSON, from the --data files.")
        Path dataOut;

        @Override
        public Integer call() {
            DataSet d = data.read();
            Compiler.Compiled c = compile(model, d);
            StanProgram program = StanProgram.of(c.spec(), stan221 ? StanSyntax.STAN_2_21 : StanSyntax.MODERN, logLik);
            if (dataOut != null) {
                data.inputs().input(model, "the model file").check(dataOut, null, "--data-out");
                String json = program.dataJson(c, d == null ? DataSet.empty() : d);
                try {
                    java.nio.file.Files.writeString(dataOut, json, java.nio.charset.StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    throw new UlamException("cannot write " + dataOut + ": " + e.getMessage(), null, "check the path");
                }
                Streams.err.println("wrote " + dataOut);
            }
            Streams.out.print(program.text());
            for (String n : c.spec().notes()) Streams.err.println(ulam.runtime.Notes.line(n));
            return 0;
        }
    }
}
