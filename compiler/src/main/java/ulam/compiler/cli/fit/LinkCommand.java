package ulam.compiler.cli.fit;

import picocli.CommandLine.Command;
import ulam.compiler.predict.Predictor;

/**
 * {@code ulam link FIT [--data NEW.csv] [--new-groups g] [--n N]}: every named local of the model
 * (the linear models, inverse link applied) per posterior draw and case, as rethinking's
 * {@code link}; written as a draws x cases CSV, summarised per case.
 */
@Command(name = "link", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The model's linear models (inverse link applied) per draw and case, for the fit's rows or new data.")
public final class LinkCommand extends PredictCommand {
    @Override
    boolean simulates() {
        return false;
    }

    @Override
    String name() {
        return "link";
    }

    @Override
    Predictor.Table table(Predictor.Result r) {
        return r.link();
    }

    @Override
    String empty() {
        return "link reports the model's named locals, such as p in logit(p) <- a + b*x; this model has none";
    }
}
