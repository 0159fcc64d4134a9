package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ulam.compiler.cli.fit.LoadedFit;
import ulam.runtime.loo.Loo;
import ulam.runtime.testing.RScript;
import ulam.tests.support.Cli;

/**
 * {@code ulam run --log-lik} writes {@code log_lik.1 ... log_lik.N} into the Stan CSV files, and R
 * reads them as a Stan fit's: {@code resources/rstan/loo_log_lik.R} reads the files with
 * {@code rstan::read_stan_csv}, takes the columns with {@code loo::extract_log_lik}, estimates
 * {@code r_eff} from the chains and runs {@code loo::loo} (and {@code rstan::loo}); elpd_loo, its
 * SE, p_loo and looic equal {@code ulam loo}'s (r_eff from the chains) to 1e-6. Skipped without R,
 * rstan or loo. Fails if the columns hold other values than the fit's pointwise log-likelihood,
 * or if rstan cannot read them.
 */
class LogLikRTest {

    @Test
    void rLooOnTheLogLikColumnsEqualsUlamLoo(@TempDir Path tmp) {
        RScript.assumePackages("rstan", "loo");
        Path fit = tmp.resolve("frogs");
        Cli.Result r = Cli.run("run", "examples/reedfrogs.ulam", "--data", "examples/data/reedfrogs.csv", "--seed", "3",
                "--iter", "800", "--log-lik", "--quiet", "--output-dir", fit.toString());
        assertEquals(0, r.status(), r.err());
        List<String> csv = List.of("1", "2", "3", "4").stream().map(c -> fit.resolve("reedfrogs_" + c + ".csv").toString()).toList();
        String out = RScript.run(300, Path.of("tests/src/test/resources/rstan/loo_log_lik.R"), csv.toArray(String[]::new));
        Map<String, Double> rv = new HashMap<>();
        for (String line : out.strip().split("\n")) {
            String[] kv = line.split("=", 2);
            rv.put(kv[0].strip(), Double.parseDouble(kv[1].strip()));
        }
        Loo ours = LoadedFit.load(fit).loo(true);
        assertEquals(1600, rv.get("draws"));
        assertEquals(48, rv.get("observations"));
        assertEquals(ours.elpd(), rv.get("elpd_loo"), 1e-6, "elpd_loo");
        assertEquals(ours.seElpd(), rv.get("se_elpd_loo"), 1e-6, "SE of elpd_loo");
        assertEquals(ours.penalty(), rv.get("p_loo"), 1e-6, "p_loo");
        assertEquals(ours.looic(), rv.get("looic"), 1e-6, "looic");
        assertEquals(ours.elpd(), rv.get("rstan_elpd_loo"), 1e-6, "rstan::loo's elpd_loo");
        assertTrue(Files.exists(fit.resolve("fit.json")));
    }
}
