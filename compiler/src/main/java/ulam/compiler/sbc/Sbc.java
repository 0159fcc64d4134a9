package ulam.compiler.sbc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import ulam.compiler.Compiler;
import ulam.compiler.ast.Expr;
import ulam.compiler.check.DataSchema;
import ulam.compiler.check.Kind;
import ulam.compiler.check.Symbol;
import ulam.compiler.parse.Source;
import ulam.runtime.ForwardingModel;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;
import ulam.runtime.diagnostics.Convergence;
import ulam.runtime.diagnostics.RankUniformity;
import ulam.runtime.sampler.ChainResult;
import ulam.runtime.sampler.Fit;
import ulam.runtime.sampler.ProgressListener;
import ulam.runtime.sampler.Sampler;
import ulam.runtime.sampler.SamplerConfig;
import ulam.runtime.sampler.SamplerStat;

/**
 * Simulation-based calibration of a model and the sampler (Talts, Betancourt, Simpson, Vehtari
 * and Gelman 2018, "Validating Bayesian inference algorithms with simulation-based calibration",
 * arXiv:1804.06788, Algorithm 2): for each of {@code N} simulations,
 *
 * <ol>
 *   <li>draw the parameters {@code theta~} and then the outcomes {@code y~} from the model's
 *       joint prior, exactly ({@link PriorSimulator}: ancestral sampling with the priors' own
 *       random generators). A parameter whose support is narrower than its prior's (a
 *       {@code real<lower=0>} with a normal prior, a scale with a normal prior) has a truncated
 *       prior: a joint draw outside the support is rejected and drawn again, which samples
 *       exactly the model's prior, proportional to the product of the prior lines on the support.
 *       So is a draw that gives a distribution invalid arguments (a scale drawn negative, read
 *       by the next prior or the likelihood): the model's density is undefined there for every
 *       data set, so the model puts no mass there either;</li>
 *   <li>replace the outcome columns of the data by {@code y~} and fit the model with NUTS (one
 *       chain of {@code warmup} + {@code L * thin} iterations), keeping every {@code thin}-th
 *       draw: {@code L} draws, nearly independent when {@code thin} exceeds the autocorrelation
 *       time (each simulation's smallest bulk ESS of the kept draws is recorded);</li>
 *   <li>rank each true value among the {@code L} draws of its quantity: the number of draws
 *       below it, ties split at random, in {@code 0..L}.</li>
 * </ol>
 *
 * <p>The quantities are every parameter element (constrained scale), {@code lp__} (the log
 * density on the unconstrained scale, Jacobians included) and {@code log_lik} (the sum of the
 * pointwise log-likelihood): test quantities that are functions of both the parameters and the
 * data, which Modrák, Moon, Kim, Bürkner, Huurre, Faltejsková, Gelman and Vehtari (2023,
 * "Simulation-based calibration checking for Bayesian computation: the choice of test quantities
 * shapes sensitivity", Bayesian Analysis) show detect errors that the parameters' ranks miss.
 * With exact independent posterior draws each quantity's ranks are uniform on {@code 0..L}; the
 * ranks are tested with {@link RankUniformity}.
 *
 * <p>Results depend on the settings and the seed alone, not on the number of threads: simulation
 * {@code i} draws from its own streams derived from the seed and {@code i}.
 */
public final class Sbc {
    /** Name of the log density quantity. */
    public static final String LP = "lp__";
    /** Name of the log-likelihood quantity. */
    public static final String LOG_LIK = "log_lik";
    /** Joint prior draws tried per simulation before giving up on a prior mostly outside the support. */
    public static final int MAX_PRIOR_TRIES = 10_000;

    private final String name;
    private final DataSet data;
    private final PriorSimulator prior;
    private final Function<DataSet, Model> posterior;
    private final Model bound;
    private final Map<String, String> outcomeColumns;

    private Sbc(String name, DataSet data, PriorSimulator prior, Function<DataSet, Model> posterior,
                Map<String, String> outcomeColumns) {
        this.name = name;
        this.data = data;
        this.prior = prior;
        this.posterior = posterior;
        this.bound = posterior.apply(data);
        this.outcomeColumns = outcomeColumns;
    }

    /**
     * The settings of a run.
     *
     * @param sims         number of simulations N (at least 10)
     * @param draws        posterior draws per simulation L, the largest rank (at least 10)
     * @param thin         keep every thin-th post-warmup draw (at least 1)
     * @param warmup       warmup iterations of each fit (at least 10)
     * @param seed         seed of everything random
     * @param cores        simulations run in parallel on this many threads (at least 1)
     * @param adaptDelta   NUTS target acceptance, in (0, 1)
     * @param maxTreeDepth NUTS maximum tree depth, 1..30
     * @param ecdfReplications simulated rank samples of the ECDF test's null distribution (at least 100)
     */
    public record Settings(int sims, int draws, int thin, int warmup, long seed, int cores, double adaptDelta,
                           int maxTreeDepth, int ecdfReplications) {
        /** Validates, naming the command-line option of a bad value. */
        public Settings {
            require(sims >= 10, "--sims must be at least 10 (got " + sims + ")", "uniformity tests need ranks; 100 to 1000 is usual");
            require(draws >= 10, "--draws-per-sim must be at least 10 (got " + draws + ")", "the default is 100");
            require(thin >= 1, "--thin must be at least 1 (got " + thin + ")", "the default is 10");
            require(warmup >= 10, "--warmup must be at least 10 (got " + warmup + ")", "the default is 500");
            require(cores >= 1, "--cores must be at least 1 (got " + cores + ")", null);
            require(adaptDelta > 0 && adaptDelta < 1, "--adapt-delta must lie strictly between 0 and 1 (got " + adaptDelta + ")", null);
            require(maxTreeDepth >= 1 && maxTreeDepth <= 30, "--max-treedepth must lie between 1 and 30 (got " + maxTreeDepth + ")", null);
            require(ecdfReplications >= 100, "the ECDF test needs at least 100 replications", null);
        }

        /** The defaults: 200 simulations of 100 draws thinned by 10 after 500 warmup iterations, seed 1, all processors. */
        public static Settings defaults() {
            return new Settings(200, 100, 10, 500, 1, Runtime.getRuntime().availableProcessors(), 0.95, 10, 10_000);
        }

        private static void require(boolean ok, String message, String help) {
            if (!ok) throw new UlamException(message, null, help);
        }
    }

    /**
     * One simulation.
     *
     * @param ranks     the rank of each quantity's true value among its draws, {@code int[quantities]}, in 0..L
     * @param truth     the true values, {@code double[quantities]} (lp__ and log_lik at the true parameters and simulated data)
     * @param divergent divergent transitions after warmup
     * @param rejected  prior draws rejected for leaving the support
     * @param minEss    the smallest bulk ESS of the kept draws over the quantities (NaN if none is defined)
     */
    public record Simulation(int[] ranks, double[] truth, int divergent, int rejected, double minEss) {
    }

    /**
     * The result of a run.
     *
     * @param model       the model's name
     * @param quantities  names of the quantities: parameter elements, then lp__ and log_lik
     * @param settings    the settings
     * @param simulations per simulation, in order
     * @param tests       per quantity, the uniformity tests of its ranks
     * @param seconds     wall time
     */
    public record Result(String model, List<String> quantities, Settings settings, List<Simulation> simulations,
                         List<RankUniformity.Test> tests, double seconds) {

        /** The ranks of quantity {@code q} over the simulations. */
        public int[] ranks(int q) {
            int[] r = new int[simulations.size()];
            for (int i = 0; i < r.length; i++) r[i] = simulations.get(i).ranks()[q];
            return r;
        }

        /** The test of a quantity by name. */
        public RankUniformity.Test test(String quantity) {
            int q = quantities.indexOf(quantity);
            if (q < 0) throw new IllegalArgumentException("no quantity " + quantity + " in " + quantities);
            return tests.get(q);
        }

        /**
         * Whether a quantity's ranks fail uniformity at family-wise level {@code alpha}: its
         * smaller p-value is below {@code alpha / (2 m)}, m quantities with 2 tests each
         * (Bonferroni, so a correct model and sampler fail anywhere with probability at most alpha).
         */
        public boolean fails(int q, double alpha) {
            return tests.get(q).minP() < alpha / (2.0 * quantities.size());
        }

        /** Whether any quantity fails at family-wise level {@code alpha}. */
        public boolean failed(double alpha) {
            for (int q = 0; q < quantities.size(); q++) if (fails(q, alpha)) return true;
            return false;
        }
    }

    /**
     * Prepares the calibration of a model: compiles it for sampling and as a prior-draw program.
     *
     * @param source the model
     * @param data   its data: the outcomes' columns are replaced in each simulation, every other
     *               value (sizes, predictors, group indices) is kept
     * @return the prepared run
     * @throws UlamException located, when the prior cannot be drawn exactly, the likelihood
     *                       cannot be simulated, or an outcome is not a data column
     */
    public static Sbc prepare(Source source, DataSet data) {
        DataSchema schema = Compiler.schema(data);
        Compiler.Compiled first = Compiler.compile(source, schema);
        for (ulam.compiler.check.Term t : first.spec().terms()) {
            if (t.density() != null && t.density().distribution().improper()) {
                throw first.spec().source().error(t.statement().span(), "sbc draws parameters from their priors, and this prior is"
                        + " the improper flat(): it has no draws", "give the parameter a proper prior (for brms: prior(normal(0, 1), class = b))");
            }
        }
        Model m = first.factory().apply(data);
        String[] names = Arrays.copyOf(m.outputNames(), m.parameterOutputs());
        PriorSimulator prior = PriorSimulator.compile(source, data, names);
        Map<String, String> columns = new LinkedHashMap<>();
        for (String y : prior.outcomes()) columns.put(y, dataColumn(first, source, y, data));
        // an outcome of whole numbers (y = 28, 8, -3 of a normal likelihood) is read as integers
        // unless the schema says otherwise; its simulated values are not whole
        Set<String> integers = new HashSet<>(schema.integers());
        integers.removeAll(columns.values());
        Compiler.Compiled posterior = Compiler.compile(source, new DataSchema(schema.ranks(), integers, schema.missing(), schema.values()));
        return new Sbc(posterior.spec().name(), data, prior, posterior.factory(), columns);
    }

    /** The data column an outcome is read from: itself, or the column it copies ({@code S <- surv}). */
    private static String dataColumn(Compiler.Compiled c, Source source, String outcome, DataSet data) {
        Symbol y = null;
        for (Symbol s : c.spec().data()) if (s.name().equals(outcome)) y = s;
        for (Symbol s : c.spec().derived()) if (s.name().equals(outcome)) y = s;
        String column = null;
        if (y != null && y.kind() == Kind.DATA) {
            column = y.name();
        } else if (y != null && y.statement() != null && y.statement().rhs() instanceof Expr.Name n) {
            column = n.name();
        } else if (y != null && y.statement() != null) {
            throw source.error(y.statement().span(), "sbc replaces the outcome '" + outcome + "' by simulated values, but it is computed"
                    + " by this line", "put the outcome in the data as a column and use it on the left of '~'");
        }
        if (column == null || !data.has(column)) {
            throw new UlamException("the outcome '" + outcome + "' is not a column of the data", null,
                    "sbc needs the data the model is fitted to (sizes, predictors, groups); the outcome's values are replaced");
        }
        if (data.missingCount(column, null) > 0) {
            throw new UlamException("the outcome '" + column + "' has missing values", null,
                    "sbc does not impute: give the rows of the outcome without NA");
        }
        return column;
    }

    /**
     * The same run with every model fitted passed through {@code wrap} first: for tests of the
     * calibration itself (a model with a deliberate error must fail).
     *
     * @param wrap gives a model with the same parameters and outputs
     * @return a new prepared run
     */
    public Sbc wrapPosterior(UnaryOperator<Model> wrap) {
        Function<DataSet, Model> bind = posterior;
        return new Sbc(name, data, prior, d -> wrap.apply(bind.apply(d)), outcomeColumns);
    }

    /** The quantities' names: the parameter elements, then lp__, then log_lik when the model has a likelihood. */
    public List<String> quantities() {
        List<String> q = new ArrayList<>(Arrays.asList(bound.outputNames()).subList(0, bound.parameterOutputs()));
        q.add(LP);
        if (bound.observations() > 0) q.add(LOG_LIK);
        return q;
    }

    /**
     * Runs the simulations and tests the ranks.
     *
     * @param settings the settings
     * @param progress called with the number of simulations done after each one (from several
     *                 threads), or null
     * @return the ranks and tests
     * @throws UlamException when a simulation fails (its number, what happened and what to do)
     */
    public Result run(Settings settings, IntConsumer progress) {
        long t0 = System.nanoTime();
        List<String> quantities = quantities();
        int threads = Math.min(settings.cores(), settings.sims());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ulam-sbc");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        List<Simulation> sims = new ArrayList<>();
        try {
            List<Future<Simulation>> futures = new ArrayList<>();
            for (int i = 0; i < settings.sims(); i++) {
                final int sim = i;
                futures.add(pool.submit(() -> {
                    Simulation s = simulate(sim, settings, quantities.size());
                    int n = done.incrementAndGet();
                    if (progress != null) progress.accept(n);
                    return s;
                }));
            }
            for (Future<Simulation> f : futures) sims.add(f.get());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UlamException("sbc was interrupted");
        } finally {
            pool.shutdownNow();
        }
        int n = settings.sims();
        RankUniformity.EcdfNull ecdf = RankUniformity.EcdfNull.simulate(n, settings.draws(), settings.ecdfReplications(),
                mix(settings.seed(), -1));
        int bins = RankUniformity.bins(n, settings.draws());
        List<RankUniformity.Test> tests = new ArrayList<>();
        Result partial = new Result(name, quantities, settings, sims, List.of(), 0);
        for (int q = 0; q < quantities.size(); q++) tests.add(RankUniformity.test(partial.ranks(q), settings.draws(), bins, ecdf));
        return new Result(name, quantities, settings, List.copyOf(sims), List.copyOf(tests), (System.nanoTime() - t0) / 1e9);
    }

    /** Simulation {@code i}: a prior draw, its data, a fit, the ranks. */
    private Simulation simulate(int i, Settings s, int quantities) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {mix(s.seed(), 2L * i), mix(s.seed(), 2L * i + 1)});
        PriorSimulator prior = this.prior.copy();
        Model check = bound.copy();
        double[] q = new double[check.dimension()];
        PriorSimulator.Draw draw = null;
        int rejected = 0;
        for (int tries = 0; draw == null; tries++) {
            if (tries == MAX_PRIOR_TRIES) {
                throw new UlamException("simulation " + (i + 1) + ": " + MAX_PRIOR_TRIES + " prior draws in a row fell outside the"
                        + " parameters' support or gave a distribution invalid arguments", null, "a parameter's prior puts almost no mass where the parameter may lie"
                        + " (a bound narrower than its prior's support): give it a prior on its support, as sigma ~ dexp(1)");
            }
            PriorSimulator.Draw d;
            try {
                d = prior.draw(rng);
            } catch (IllegalArgumentException invalid) {   // a draw gave a distribution invalid arguments (a negative scale)
                rejected++;
                continue;
            }
            for (double v : d.parameters()) {
                if (!Double.isFinite(v)) throw simulationError(i, "a prior draw is not a finite number");
            }
            try {
                check.unconstrain(d.parameters(), q);
                draw = d;
            } catch (IllegalArgumentException outside) {
                rejected++;
            }
        }
        Map<String, double[]> replaced = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : draw.outcomes().entrySet()) {
            for (double v : e.getValue()) {
                if (Double.isInfinite(v)) throw simulationError(i, "a simulated value of '" + e.getKey() + "' is infinite");
            }
            replaced.put(outcomeColumns.get(e.getKey()), e.getValue());
        }
        DataSet simulated = data.withReplaced(replaced, "simulation " + (i + 1));
        Model model = posterior.apply(simulated);
        double[] qTrue = new double[model.dimension()];
        model.unconstrain(draw.parameters(), qTrue);
        double[] ll = new double[model.observations()];

        SamplerConfig config = SamplerConfig.builder().chains(1).cores(1).warmup(s.warmup()).draws(s.draws() * s.thin())
                .seed(mix(s.seed(), 1_000_003L + i)).adaptDelta(s.adaptDelta()).maxTreeDepth(s.maxTreeDepth()).build();
        Fit fit;
        try {
            fit = Sampler.run(new KeepsUnconstrained(model), config, ProgressListener.NONE);
        } catch (UlamException e) {
            throw simulationError(i, e.getMessage());
        }
        ChainResult chain = fit.chains().get(0);
        int p = model.parameterOutputs();
        double[][] kept = new double[quantities][s.draws()];
        int divergent = 0;
        for (double dv : chain.stat(SamplerStat.DIVERGENT)) if (dv != 0) divergent++;
        int outputs = model.outputNames().length;
        double[] qDraw = new double[model.dimension()];
        for (int k = 0; k < s.draws(); k++) {
            int t = (k + 1) * s.thin() - 1;
            double[] values = chain.values()[t];
            for (int j = 0; j < p; j++) kept[j][k] = values[j];
            kept[p][k] = chain.stats()[t][SamplerStat.LP.index()];
            if (quantities > p + 1) {
                // from the draw's own unconstrained point: a constrained value at its bound after
                // rounding (a scale of exp(-800) = 0) could not be unconstrained again
                System.arraycopy(values, outputs, qDraw, 0, qDraw.length);
                kept[p + 1][k] = logLik(model, qDraw, ll);
            }
        }
        double[] truth = new double[quantities];
        System.arraycopy(draw.parameters(), 0, truth, 0, p);
        truth[p] = model.lp(model.logDensity(qTrue));   // as the draws' lp__
        if (quantities > p + 1) truth[p + 1] = logLik(model, qTrue, ll);
        int[] ranks = new int[quantities];
        double minEss = Double.NaN;
        for (int j = 0; j < quantities; j++) {
            ranks[j] = rank(truth[j], kept[j], rng);
            double ess = Convergence.essBulk(new double[][] {kept[j]});
            if (!Double.isNaN(ess) && !(ess >= minEss)) minEss = ess;
        }
        return new Simulation(ranks, truth, divergent, rejected, minEss);
    }

    /** A model whose draws also report the unconstrained point they were made at, after the model's outputs. */
    private static final class KeepsUnconstrained extends ForwardingModel {
        private final String[] names;
        private final double[] buffer;

        KeepsUnconstrained(Model model) {
            super(model);
            String[] own = model.outputNames();
            this.names = Arrays.copyOf(own, own.length + model.dimension());
            for (int k = 0; k < model.dimension(); k++) names[own.length + k] = "#q" + (k + 1);
            this.buffer = new double[own.length];
        }

        @Override
        public void writeDraw(double[] q, UniformRandomProvider rng, double[] out) {
            delegate().writeDraw(q, rng, buffer);
            System.arraycopy(buffer, 0, out, 0, buffer.length);
            System.arraycopy(q, 0, out, buffer.length, q.length);
        }

        @Override
        public String[] outputNames() {
            return names.clone();
        }

        @Override
        public Model copy() {
            return new KeepsUnconstrained(delegate().copy());
        }
    }

    private static double logLik(Model model, double[] q, double[] ll) {
        model.logLikelihood(q, ll);
        double sum = 0;
        for (double v : ll) sum += v;
        return sum;
    }

    /**
     * The rank of {@code truth} among {@code draws}: how many are below it, plus a uniformly
     * random share of the draws equal to it (so that ties, as of a value that never moves, keep
     * the ranks uniform).
     */
    static int rank(double truth, double[] draws, UniformRandomProvider rng) {
        int below = 0;
        int equal = 0;
        for (double d : draws) {
            if (d < truth) below++;
            else if (d == truth) equal++;
        }
        return equal == 0 ? below : below + rng.nextInt(equal + 1);
    }

    private UlamException simulationError(int i, String what) {
        return new UlamException("simulation " + (i + 1) + " of " + name + ": " + what, null,
                "the prior allows values where the model cannot be fitted or simulated; narrow the priors,"
                        + " or change --seed to see whether it recurs");
    }

    /** A well-mixed 64-bit value of (seed, i): SplitMix64's finaliser (Steele, Lea and Flood 2014). */
    static long mix(long seed, long i) {
        long z = seed + 0x9E3779B97F4A7C15L * (i + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
