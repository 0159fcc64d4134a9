package ulam.compiler.cli.fit;

import java.nio.file.Path;
import ulam.compiler.Compiler;
import ulam.compiler.parse.Source;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;
import ulam.runtime.fit.FitDirectory;
import ulam.runtime.fit.PointwiseLogLikelihood;
import ulam.runtime.loo.Loo;
import ulam.runtime.loo.RelativeEfficiency;
import ulam.runtime.loo.Waic;

/**
 * A fit folder with its model recompiled from the saved source on the saved data, as the fit
 * commands need it: the draws ({@link FitDirectory}), the bound {@link Model}, and the pointwise
 * log-likelihood of the draws, computed once.
 */
public final class LoadedFit {
    private final FitDirectory fit;
    private final Model model;
    private final String family;
    private final String noPointwise;
    private double[][] logLik;

    private LoadedFit(FitDirectory fit, Model model, String family, String noPointwise) {
        this.fit = fit;
        this.model = model;
        this.family = family;
        this.noPointwise = noPointwise;
    }

    /**
     * Why the model has no pointwise log-likelihood, or null: a GLM density ({@code normal_id_glm}
     * and the like, as a Stan program's {@code target += normal_id_glm_lpdf(Y | X, a, b, s)})
     * is one term for all its rows, so WAIC and PSIS-LOO would see one observation where there
     * are N.
     */
    private static String noPointwise(ulam.compiler.check.ModelSpec spec) {
        for (ulam.compiler.check.Term t : spec.likelihoods()) {
            if (t.loop() == null && t.value() instanceof ulam.compiler.check.TExpr.VDensity v
                    && v.distribution().name().endsWith("_glm")) {
                return "the likelihood of " + t.lhs().name() + " (" + v.distribution().name()
                        + ") is one term for all its rows, so there is no log-likelihood per observation";
            }
        }
        return null;
    }

    /**
     * Reads a fit and recompiles its model: {@code Compiler.compile(new Source(saved source),
     * Compiler.schema(saved data))}, bound to the saved data; for a Stan program the saved copy of
     * the program ({@link FitDirectory#stanProgram}), so that its transformed data are computed.
     *
     * @param dir the fit folder
     * @return the fit and its model
     * @throws UlamException if the folder is not a fit, the saved source was edited, the model no
     *                       longer compiles, or the recompiled model's outputs differ from the
     *                       draws' (a fit from another model version)
     */
    public static LoadedFit load(Path dir) {
        FitDirectory fit = FitDirectory.read(dir);
        boolean noData = !fit.hasData();
        DataSet data = noData ? null : fit.readData();
        Compiler.Compiled compiled;
        try {
            Path program = fit.stanProgram();   // a Stan program: its transformed data are not in the alist
            Source source = program == null ? new Source(fit.sourcePath().toString(), fit.source())
                    : new Source(program.toString(), java.nio.file.Files.readString(program));
            compiled = Compiler.compile(source, data == null ? null : Compiler.schema(data));
        } catch (java.io.IOException e) {
            throw new UlamException("cannot read the fit's Stan program in " + dir + ": " + e.getMessage(), null, null);
        } catch (UlamException e) {
            throw new UlamException("the model saved in " + dir + " does not compile with this ulam: " + e.getMessage(),
                    e.location(), "the fit was written by ulam " + fit.manifest().ulamVersion()
                    + "; run the model again with -o");
        }
        Model model = compiled.factory().apply(data == null ? DataSet.empty() : data);
        fit.checkModel(model);
        String family = compiled.spec().likelihoods().stream().map(t -> t.density())
                .filter(java.util.Objects::nonNull).map(d -> d.distribution().name()).findFirst().orElse(null);
        return new LoadedFit(fit, model, family, noPointwise(compiled.spec()));
    }

    /** The fit as read. */
    public FitDirectory fit() {
        return fit;
    }

    /** The recompiled model, bound to the fit's data. */
    public Model model() {
        return model;
    }

    /** A short name for tables: the model's name. */
    public String name() {
        return fit.manifest().model();
    }

    /**
     * The pointwise log-likelihood of the post-warmup draws, chains stacked in order.
     *
     * @return {@code double[S][N]} (computed on first use, then kept)
     * @throws UlamException if the model has no likelihood, its likelihood is one term for many rows
     *                       (a GLM density), or the fit has no post-warmup draws
     */
    public double[][] logLik() {
        if (noPointwise != null) {
            throw new UlamException("WAIC and PSIS-LOO need the log-likelihood of each observation, but " + noPointwise,
                    null, "write the likelihood per row (Y ~ normal(Intercept + Xc * b, sigma), or a log_lik generated"
                    + " quantity for loo::loo in R)");
        }
        if (logLik == null) {
            if (fit.totalDraws() < 2) {
                throw new UlamException("the fit " + fit.dir() + " has " + fit.totalDraws() + " draws after warmup;"
                        + " WAIC and PSIS need at least 2", null, "run the model again and let it finish");
            }
            logLik = PointwiseLogLikelihood.compute(model, fit.draws());
        }
        return logLik;
    }

    /** rethinking's WAIC of the fit. */
    public Waic waic() {
        return Waic.of(logLik());
    }

    /**
     * PSIS-LOO of the fit, its warnings' advice chosen by the model's likelihood ({@link Loo#withFamily}).
     *
     * @param relativeEfficiency true: r_eff from the chains ({@link RelativeEfficiency}, as
     *                           rethinking's PSIS for a Stan fit); false: r_eff = 1
     * @return the result
     */
    public Loo loo(boolean relativeEfficiency) {
        double[][] ll = logLik();
        if (!relativeEfficiency) return Loo.of(ll).withFamily(family);
        return Loo.of(ll, RelativeEfficiency.of(ll, fit.chains().size())).withFamily(family);
    }
}
