package ulam.api;

import java.nio.file.Path;
import java.util.Map;

/** docs/api.md's example program (ApiExampleTest checks that the page shows this code). */
public final class ApiExample {
    private ApiExample() {}

    /** Fits the reed frogs' varying-intercepts model (Statistical Rethinking m13.2) and prints what a user reads. */
    public static void main(String[] args) {
        // data from a file, as ulam run --data
        UlamData frogs = UlamData.read(Path.of(args.length > 0 ? args[0] : "examples/data/reedfrogs.csv"));
        UlamModel m13_2 = Ulam.compile(Path.of(args.length > 1 ? args[1] : "examples/reedfrogs.ulam"), frogs);
        Posterior post = m13_2.sample(SampleOptions.defaults().seed(1).chains(2));
        Summary abar = post.summary("a_bar");
        System.out.printf("a_bar: mean %.2f, sd %.2f, 89%% interval [%.2f, %.2f], R-hat %.3f%n",
                abar.mean(), abar.sd(), abar.lower(), abar.upper(), abar.rhat());
        double[] sigma = post.draws("sigma");
        System.out.printf("%d draws of sigma, %d divergent transitions%n", sigma.length, post.divergences());
        LooResult loo = post.loo();
        System.out.printf("elpd_loo %.1f (SE %.1f), p_loo %.1f%n", loo.elpd(), loo.seElpd(), loo.pLoo());

        // data from Java: a model given as text
        UlamData coins = UlamData.of(Map.of("y", new int[] {1, 0, 1, 1, 0, 1, 1, 1, 0, 1}));
        UlamModel globe = Ulam.compile("globe", "y ~ dbern(p)\np ~ dbeta(1, 1)\n", coins);
        System.out.printf("p: mean %.2f%n", globe.sample(SampleOptions.defaults().seed(2)).summary("p").mean());
    }
}
