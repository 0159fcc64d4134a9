package ulam.compiler.cli.fit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import ulam.compiler.Compiler;
import ulam.compiler.ast.Span;
import ulam.compiler.ast.Statement;
import ulam.compiler.check.Term;
import ulam.compiler.parse.Source;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;
import ulam.runtime.fit.FitDirectory;
import ulam.runtime.loo.KFold;
import ulam.runtime.sampler.ChainResult;
import ulam.runtime.sampler.Fit;
import ulam.runtime.sampler.ProgressListener;
import ulam.runtime.sampler.Sampler;
import ulam.runtime.sampler.SamplerConfig;

/**
 * The refits of K-fold cross-validation. Leaving a fold out must not change the model's sizes
 * and indices ({@code tank <- 1:length(surv)}, {@code a[tank]}): every row stays in the data, and
 * the likelihood line gets the condition {@code | ulam_kfold_train == 1} on a 0/1 data column
 * ({@value #COLUMN}) that is 0 for the fold's rows, so those rows leave the log density while the
 * parameters of their groups stay (drawn from their priors, as brms keeps a left-out group's
 * level). The model is compiled once this way; each fold binds it to the data with its own
 * column. Each held-out row is then scored by the original model's pointwise log-likelihood at
 * the refit's draws.
 */
final class KfoldRefits {
    /** The 0/1 data column of the training rows. */
    static final String COLUMN = "ulam_kfold_train";

    private final FitDirectory fit;
    private final Model original;
    private final Function<DataSet, Model> factory;
    private final int rows;

    private KfoldRefits(FitDirectory fit, Model original, Function<DataSet, Model> factory, int rows) {
        this.fit = fit;
        this.original = original;
        this.factory = factory;
        this.rows = rows;
    }

    /**
     * Compiles the training model of a fit.
     *
     * @param loaded the fit and its model
     * @return the refits' factory
     * @throws UlamException if the model has more than one likelihood line or one with a condition
     */
    static KfoldRefits prepare(LoadedFit loaded) {
        FitDirectory f = loaded.fit();
        DataSet data = f.readData();
        Compiler.Compiled c = Compiler.compile(new Source(f.sourcePath().toString(), f.source()), Compiler.schema(data));
        List<Term> likelihoods = c.spec().likelihoods();
        if (likelihoods.size() != 1) {
            throw new UlamException("kfold needs a model with one likelihood line; " + f.manifest().model() + " has "
                    + likelihoods.size(), null, "cross-validate a model whose observations come from one ~ line");
        }
        Statement s = likelihoods.get(0).statement();
        if (s.condition() != null) {
            throw new UlamException("kfold does not support a likelihood line with a condition (y | cond ~ ...) yet", null,
                    "filter the rows in the data instead");
        }
        String rewritten = insertCondition(f.source(), s.target().span());
        int n = loaded.model().observations();
        DataSet probe = withColumn(f, new int[n], 0);
        Compiler.Compiled training;
        try {
            training = Compiler.compile(new Source(f.sourcePath().toString(), rewritten), Compiler.schema(probe));
        } catch (UlamException e) {
            throw new UlamException("kfold cannot leave rows out of this model's likelihood: " + e.getMessage(), null,
                    "the likelihood line with '| " + COLUMN + " == 1' added does not compile");
        }
        return new KfoldRefits(f, loaded.model(), training.factory(), n);
    }

    /** The source with {@code | ulam_kfold_train == 1} after the target of the line at {@code target}. */
    static String insertCondition(String source, Span target) {
        String[] lines = source.split("\n", -1);
        int offset = 0;
        for (int l = 0; l < target.line() - 1; l++) offset += lines[l].length() + 1;
        int at = offset + target.column() - 1 + target.length();
        return source.substring(0, at) + " | " + COLUMN + " == 1" + source.substring(at);
    }

    /** The fit's data with the training column: 1 except for the rows of fold {@code k}. */
    private static DataSet withColumn(FitDirectory f, int[] folds, int k) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("ulam-kfold", ".csv");
            StringBuilder sb = new StringBuilder(COLUMN).append('\n');
            for (int x : folds) sb.append(x == k ? 0 : 1).append('\n');
            Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
            List<Path> files = new ArrayList<>(f.dataPaths());
            files.add(tmp);
            Map<String, Path> matrices = new LinkedHashMap<>();
            for (Map.Entry<String, String> m : f.manifest().dataMatrices().entrySet()) matrices.put(m.getKey(), f.dir().resolve(m.getValue()));
            return DataSet.read(files, f.dataValues(), matrices);
        } catch (IOException e) {
            throw new UlamException("cannot write a temporary file for kfold: " + e.getMessage(), null, "check the temporary folder");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    /**
     * The held-out scores of some folds.
     *
     * @param elpd        {@code double[N]}: {@link #heldOutLpd} of each row of the folds run (others 0)
     * @param divergences divergent transitions summed over the refits
     */
    record HeldOut(double[] elpd, int divergences) {
    }

    /**
     * Refits the model once per listed fold, in parallel on {@code threads} threads, fold f with
     * seed {@code config.seed() + f} (so the result does not depend on the threads), and scores
     * the held-out rows.
     *
     * @param folds    each observation's fold (rows of fold 0, or of a fold not listed, are never left out)
     * @param run      the folds to leave out, one refit each
     * @param config   the refits' sampler settings (cores is ignored: one thread per refit)
     * @param threads  refits at once
     * @param progress one line per finished refit
     * @return the scores
     */
    HeldOut run(int[] folds, List<Integer> run, SamplerConfig config, int threads, java.io.PrintWriter progress) {
        double[] elpd = new double[rows];
        int[] divergences = new int[1];
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "ulam-refit");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<?>> jobs = new ArrayList<>();
            for (int fold : run) {
                jobs.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    Fit refit = fit(folds, fold, config.toBuilder().cores(1).seed(config.seed() + fold).build());
                    double[] held = heldOutLpd(refit, folds, fold);
                    synchronized (elpd) {
                        for (int i = 0; i < rows; i++) if (folds[i] == fold) elpd[i] = held[i];
                        divergences[0] += ulam.runtime.diagnostics.SamplerDiagnostics.divergences(refit);
                        long left = Arrays.stream(folds).filter(x -> x == fold).count();
                        progress.printf(java.util.Locale.ROOT, "refit %d of %d: %d observation%s left out, %.1f s%n",
                                run.indexOf(fold) + 1, run.size(), left, left == 1 ? "" : "s", (System.nanoTime() - t0) / 1e9);
                        progress.flush();
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> j : jobs) j.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UlamException("the refits were interrupted", null, null);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new HeldOut(elpd, divergences[0]);
    }

    /**
     * Fits the model without fold {@code k}.
     *
     * @param folds  each observation's fold
     * @param k      the fold left out
     * @param config the sampler settings (its seed)
     * @return the draws
     */
    Fit fit(int[] folds, int k, SamplerConfig config) {
        Model m = factory.apply(withColumn(fit, folds, k));
        return Sampler.run(m, config, ProgressListener.NONE);
    }

    /**
     * The log predictive density of the rows of fold {@code k} under a refit.
     *
     * @return {@code double[N]}, filled for the fold's rows (others 0)
     */
    double[] heldOutLpd(Fit refit, int[] folds, int k) {
        Model model = original.copy();
        String[] own = model.outputNames();
        Map<String, Integer> at = new HashMap<>();
        String[] names = refit.outputNames();
        for (int j = 0; j < names.length; j++) at.put(names[j], j);
        int p = model.parameterOutputs();
        int[] map = new int[p];
        for (int j = 0; j < p; j++) {
            Integer a = at.get(own[j]);
            if (a == null) throw new IllegalStateException("the training model lacks parameter " + own[j]);
            map[j] = a;
        }
        List<Integer> held = new ArrayList<>();
        for (int i = 0; i < folds.length; i++) if (folds[i] == k) held.add(i);
        int s = refit.chainCount() * refit.drawsPerChain();
        double[][] ll = new double[s][held.size()];
        double[] constrained = new double[p];
        double[] q = new double[model.dimension()];
        double[] all = new double[rows];
        int row = 0;
        for (ChainResult c : refit.chains()) {
            for (double[] v : c.values()) {
                for (int j = 0; j < p; j++) constrained[j] = v[map[j]];
                model.unconstrain(constrained, q);
                model.logLikelihood(q, all);
                for (int h = 0; h < held.size(); h++) ll[row][h] = all[held.get(h)];
                row++;
            }
        }
        double[] lpd = KFold.lpd(ll);
        double[] out = new double[rows];
        Arrays.fill(out, 0);
        for (int h = 0; h < held.size(); h++) out[held.get(h)] = lpd[h];
        return out;
    }
}
