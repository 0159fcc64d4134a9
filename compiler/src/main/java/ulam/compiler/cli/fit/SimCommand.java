package ulam.compiler.cli.fit;

import picocli.CommandLine.Command;
import ulam.compiler.predict.Predictor;

/**
 * {@code ulam sim FIT [--data NEW.csv] [--new-groups g] [--n N]}: outcomes drawn from the
 * likelihood lines per posterior draw and case, as rethinking's {@code sim} (posterior
 * predictive; on a {@code --prior-only} fit, prior predictive); written as a draws x cases CSV,
 * summarised per case.
 */
@Command(name = "sim", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Outcomes drawn from the likelihood per draw and case, for the fit's rows or new data.")
public final class SimCommand extends PredictCommand {
    @Override
    boolean simulates() {
        return true;
    }

    @Override
    String name() {
        return "sim";
    }

    @Override
    Predictor.Table table(Predictor.Result r) {
        return r.sim();
    }

    @Override
    String empty() {
        return "sim draws the outcomes of '~' lines on data; this model's likelihood lines have no random generator";
    }
}
