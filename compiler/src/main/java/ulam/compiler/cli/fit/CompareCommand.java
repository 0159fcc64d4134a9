package ulam.compiler.cli.fit;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import ulam.runtime.UlamException;
import java.util.Arrays;
import ulam.runtime.loo.Compare;
import ulam.runtime.loo.KFold;
import ulam.runtime.loo.Loo;
import ulam.runtime.loo.Waic;

/**
 * {@code ulam compare FIT1 FIT2 ... [--func WAIC|PSIS]}: rethinking's {@code compare}
 * (language reference 8.7, {@link Compare}): rows sorted by the criterion, columns
 * {@code WAIC SE dWAIC dSE pWAIC weight} (or the PSIS ones), and with {@code --dse} the pairwise
 * dSE matrix. Models are named by the model name, or by the fit folder when two fits share one.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compare fits by WAIC or PSIS-LOO (rethinking's compare): WAIC SE dWAIC dSE pWAIC weight.")
public final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "2..*", paramLabel = "FIT", description = "Two or more fit folders of models fitted to the same observations.")
    List<Path> fits;

    @Option(names = "--func", paramLabel = "WAIC|PSIS|KFOLD", defaultValue = "WAIC",
            description = "The criterion: WAIC (default), PSIS (PSIS-LOO; LOO is accepted too) or KFOLD (the results of ulam kfold, on the same folds).")
    String func;

    @Option(names = "--dse", description = "Also print the matrix of pairwise dSE.")
    boolean dse;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Compare.Criterion criterion = switch (func.toUpperCase(Locale.ROOT)) {
            case "WAIC" -> Compare.Criterion.WAIC;
            case "PSIS", "LOO" -> Compare.Criterion.PSIS;
            case "KFOLD" -> Compare.Criterion.KFOLD;
            default -> throw new UlamException("unknown --func '" + func + "'", null, "use --func WAIC, PSIS or KFOLD");
        };
        List<LoadedFit> loaded = new ArrayList<>();
        for (Path p : fits) loaded.add(LoadedFit.load(p));
        List<String> names = names(loaded);
        int n0 = loaded.get(0).model().observations();
        for (LoadedFit f : loaded) {
            if (f.model().observations() != n0) {
                StringBuilder sb = new StringBuilder();
                for (int j = 0; j < loaded.size(); j++) {
                    if (j > 0) sb.append(", ");
                    sb.append(names.get(j)).append(": ").append(loaded.get(j).model().observations());
                }
                throw new UlamException("the models have different numbers of observations (" + sb + ")", null,
                        "WAIC and PSIS compare models fitted to exactly the same observations; fit every model"
                                + " to the same data rows");
            }
        }
        for (LoadedFit f : loaded) FitCommands.notes(f, err);
        Compare c;
        if (criterion == Compare.Criterion.WAIC) {
            List<Waic> w = loaded.stream().map(LoadedFit::waic).toList();
            c = Compare.waic(names, w);
            for (int j = 0; j < w.size(); j++) {
                if (w.get(j).warning() != null) err.println("warning: " + names.get(j) + ": " + w.get(j).warning());
            }
        } else if (criterion == Compare.Criterion.KFOLD) {
            List<KFold> kf = loaded.stream().map(KfoldCommand::read).toList();
            for (int j = 1; j < kf.size(); j++) {
                if (!Arrays.equals(kf.get(j).folds(), kf.get(0).folds())) {
                    throw new UlamException("the K-fold results of " + names.get(0) + " and " + names.get(j) + " use different folds",
                            null, "run ulam kfold on every fit with the same --k and --seed (or --group, or --folds FILE)");
                }
            }
            c = Compare.kfold(names, kf);
        } else {
            List<Loo> l = loaded.stream().map(f -> f.loo(true)).toList();
            c = Compare.psis(names, l);
            for (int j = 0; j < l.size(); j++) {
                for (String w : l.get(j).warnings()) err.println("warning: " + names.get(j) + ": " + w);
            }
        }
        out.print(c.format());
        if (dse) {
            out.println();
            out.println("dSE, pairwise:");
            out.print(c.formatDSe());
        }
        out.flush();
        for (String w : c.warnings()) err.println("warning: " + w);
        err.flush();
        return 0;
    }

    /** Model names, or folder names where two fits share a model name. */
    private static List<String> names(List<LoadedFit> loaded) {
        Set<String> seen = new HashSet<>();
        boolean clash = false;
        for (LoadedFit f : loaded) clash |= !seen.add(f.name());
        List<String> out = new ArrayList<>();
        for (LoadedFit f : loaded) {
            Path fn = f.fit().dir().toAbsolutePath().normalize().getFileName();
            out.add(clash ? (fn == null ? f.fit().dir().toString() : fn.toString()) : f.name());
        }
        return out;
    }
}
