package ulam.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import ulam.runtime.UlamException;
import ulam.runtime.sampler.MetricKind;
import ulam.runtime.sampler.SamplerConfig;

class RunOptionsTest {

    private static RunOptions parse(String... args) {
        RunOptions o = new RunOptions();
        new CommandLine(o).parseArgs(args);
        return o;
    }

    @Test
    void defaults() {
        SamplerConfig c = parse().toConfig(Map.of(), () -> 42);
        assertEquals(4, c.chains());
        assertEquals(Runtime.getRuntime().availableProcessors(), c.cores());
        assertEquals(500, c.warmup());
        assertEquals(500, c.draws());
        assertEquals(42, c.seed());
        assertEquals(0.95, c.adaptDelta());
        assertEquals(10, c.maxTreeDepth());
        assertEquals(MetricKind.DIAG, c.metric());
        assertEquals(2, c.initRadius());
        RunOptions o = parse();
        assertEquals(1, o.depth());
        assertEquals(0.89, o.prob());
        assertEquals(false, o.quiet());
        assertEquals(false, o.seedGiven(Map.of()));
    }

    @Test
    void commandLineBeatsSourceBeatsDefaults() {
        Map<String, String> src = Map.of("chains", "2", "iter", "2000", "adapt_delta", "0.99", "seed", "11",
                "max_treedepth", "12L", "cores", "1", "log_lik", "TRUE");
        SamplerConfig fromSource = parse().toConfig(src, () -> 42);
        assertEquals(2, fromSource.chains());
        assertEquals(1000, fromSource.warmup(), "warmup defaults to iter / 2 of the source's iter");
        assertEquals(1000, fromSource.draws());
        assertEquals(0.99, fromSource.adaptDelta());
        assertEquals(11, fromSource.seed());
        assertEquals(12, fromSource.maxTreeDepth());
        assertTrue(parse().seedGiven(src));

        SamplerConfig cli = parse("--chains", "3", "--iter", "300", "--warmup", "100", "--seed", "5",
                "--adapt-delta", "0.9", "--max-treedepth", "8", "--metric", "dense", "--init", "0.5")
                .toConfig(src, () -> 42);
        assertEquals(3, cli.chains());
        assertEquals(100, cli.warmup());
        assertEquals(200, cli.draws());
        assertEquals(5, cli.seed());
        assertEquals(0.9, cli.adaptDelta());
        assertEquals(8, cli.maxTreeDepth());
        assertEquals(MetricKind.DENSE, cli.metric());
        assertEquals(0.5, cli.initRadius());
    }

    @Test
    void metricFromTheSourceUnlessTheCommandLineGivesOne() {
        // rstan's control=list(metric="dense_e") reaches sourceOptions as metric=dense_e
        assertEquals(MetricKind.DENSE, parse().toConfig(Map.of("metric", "dense_e"), () -> 1).metric());
        assertEquals(MetricKind.DIAG, parse().toConfig(Map.of("metric", "diag_e"), () -> 1).metric());
        assertEquals(MetricKind.DIAG, parse("--metric", "diag").toConfig(Map.of("metric", "dense_e"), () -> 1).metric());
        UlamException e = assertThrows(UlamException.class,
                () -> parse().toConfig(Map.of("metric", "unit_e"), () -> 1));
        assertEquals("the model's ulam(...) option metric=\"unit_e\" is not diag_e or dense_e", e.getMessage());
        assertTrue(e.help().contains("--metric"));
    }

    @Test
    void dataOptions() {
        RunOptions o = parse("--data", "a.csv", "--data", "b.json", "--data-value", "N=10", "--data-value", "K=3",
                "--output-dir", "out", "--depth", "2", "--prob", "0.95", "--quiet");
        assertEquals(List.of(Path.of("a.csv"), Path.of("b.json")), o.dataFiles());
        assertEquals(Map.of("N", "10", "K", "3"), o.dataValues());
        assertEquals(List.of("N", "K"), List.copyOf(o.dataValues().keySet()));
        assertEquals(Path.of("out"), o.outputDir());
        assertEquals(2, o.depth());
        assertEquals(0.95, o.prob());
        assertTrue(o.quiet());
    }

    @Test
    void badValuesNameTheOption() {
        assertEquals("--warmup (500) must be smaller than --iter (500)", assertThrows(UlamException.class,
                () -> parse("--iter", "500", "--warmup", "500").toConfig(Map.of(), () -> 1)).getMessage());
        assertEquals("--adapt-delta must lie strictly between 0 and 1 (got 1.5)", assertThrows(UlamException.class,
                () -> parse("--adapt-delta", "1.5").toConfig(Map.of(), () -> 1)).getMessage());
        assertEquals("unknown --metric 'full'", assertThrows(UlamException.class,
                () -> parse("--metric", "full").toConfig(Map.of(), () -> 1)).getMessage());
        assertEquals("--depth must be 1, 2 or 3 (got 0)", assertThrows(UlamException.class,
                () -> parse("--depth", "0").validate()).getMessage());
        assertEquals("--chains must be at least 1 (got 0)", assertThrows(UlamException.class,
                () -> parse("--chains", "0").toConfig(Map.of(), () -> 1)).getMessage());
        UlamException e = assertThrows(UlamException.class,
                () -> parse().toConfig(Map.of("chains", "four"), () -> 1));
        assertEquals("the model's ulam(...) option chains=four is not a whole number", e.getMessage());
        assertTrue(e.help().contains("--chains"));
    }
}
