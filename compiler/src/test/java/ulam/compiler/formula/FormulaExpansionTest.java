package ulam.compiler.formula;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.compiler.Compiler;
import ulam.compiler.parse.Source;
import ulam.runtime.Model;
import ulam.runtime.data.DataSet;

/**
 * The formula front end against R and the packages: design columns against R's model.matrix,
 * brms's default priors against brms 2.18's get_prior (reference/default_priors.csv, written by
 * bench/formula/default_priors.R), R's numerics (round, mad, median, number labels), the QR
 * scaling, and the names brms and rstanarm report.
 */
class FormulaExpansionTest {
    static final Path ROOT = Path.of("../tests/src/test/resources/formula");
    static final DataSet FROGS = DataSet.read(List.of(Path.of("../examples/data/reedfrogs.csv")), Map.of());

    // ------------------------------------------------------------------ model.matrix

    /** Column names R 4 gives (model.matrix(formula, reedfrogs), printed by R here). */
    static Stream<Arguments> designs() {
        return Stream.of(
                Arguments.of("~ pred * size", "(Intercept) | predpred | sizesmall | predpred:sizesmall"),
                Arguments.of("~ 0 + pred:size", "predno:sizebig | predpred:sizebig | predno:sizesmall | predpred:sizesmall"),
                Arguments.of("~ density + pred:size", "(Intercept) | density | predno:sizebig | predpred:sizebig | predno:sizesmall | predpred:sizesmall"),
                Arguments.of("~ (pred + size + density)^2",
                        "(Intercept) | predpred | sizesmall | density | predpred:sizesmall | predpred:density | sizesmall:density"),
                Arguments.of("~ pred/size", "(Intercept) | predpred | predno:sizesmall | predpred:sizesmall"),
                Arguments.of("~ log(density) + I(density^2)", "(Intercept) | log(density) | I(density^2)"),
                Arguments.of("~ size:pred + pred", "(Intercept) | predpred | sizesmall:predno | sizesmall:predpred"),
                Arguments.of("~ 0 + pred + size", "predno | predpred | sizesmall"),
                Arguments.of("~ density * pred - 1", "density | predno | predpred | density:predpred"),
                Arguments.of("~ 0 + size + pred:size", "sizebig | sizesmall | sizebig:predpred | sizesmall:predpred"),
                Arguments.of("~ 0 + density + pred + size", "density | predno | predpred | sizesmall"),
                Arguments.of("~ 0 + pred:size + pred", "predno | predpred | predno:sizesmall | predpred:sizesmall"),
                Arguments.of("~ pred + pred:size", "(Intercept) | predpred | predno:sizesmall | predpred:sizesmall"),
                Arguments.of("~ factor(density)", "(Intercept) | factor(density)25 | factor(density)35"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void designColumnsAreNamedAndCodedAsRDoes(String formula, String rColumns) {
        Source source = new Source("t.R", "y " + formula + "\n");
        RExpr.Binary f = (RExpr.Binary) RParser.statements(source).get(0).expr();
        Terms.Rhs rhs = Terms.read(source, f.right(), false);
        List<Design.Column> cols = Design.of(source, rhs, new FormulaData(FROGS, source), 48, "(Intercept)");
        assertEquals(rColumns, String.join(" | ", cols.stream().map(Design.Column::label).toList()));
        for (Design.Column c : cols) {
            if (c.label().equals("predpred:sizesmall")) {   // an interaction of indicators is their product
                double[] v = c.values();
                String[] pred = FROGS.strings("pred", null);
                String[] size = FROGS.strings("size", null);
                for (int i = 0; i < v.length; i++) assertEquals(pred[i].equals("pred") && size[i].equals("small") ? 1 : 0, v[i]);
            }
        }
    }

    @Test
    void nestedAndCrossedGroupingsExpandAsLme4Does() {
        Source source = new Source("t.R", "y ~ x + (1 + x | g1/g2) + (x || h)\n");
        RExpr.Binary f = (RExpr.Binary) RParser.statements(source).get(0).expr();
        Terms.Rhs rhs = Terms.read(source, f.right(), true);
        assertEquals(List.of("g1", "g1:g2", "h"), rhs.groups().stream().map(Terms.Group::label).toList());
        assertTrue(rhs.groups().get(0).correlated());
        assertFalse(rhs.groups().get(2).correlated());
        assertEquals(List.of("x"), rhs.terms().stream().map(Terms.Term::label).toList());
    }

    // ------------------------------------------------------------------ brms's default priors

    /** The brms reference models' calls without their prior= arguments (get_prior ignores them). */
    static Stream<Arguments> brmsModels() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("models"))) {
            for (Path p : files.filter(p -> p.toString().endsWith("_brms.R")).sorted().toList()) {
                out.add(Arguments.of(p.getFileName().toString().replace(".R", "")));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brmsModels")
    void defaultPriorsAreBrmsOwn(String model) throws IOException {
        Path file = ROOT.resolve("models").resolve(model + ".R");
        String text = withoutPrior(Files.readString(file));
        String alist = FormulaFrontEnd.expand(new Source(file.toString(), text), data(file)).alist().text();
        int compared = 0;
        try (Reader in = Files.newBufferedReader(ROOT.resolve("reference/default_priors.csv"))) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                if (!r.get("model").equals(model) || r.get("prior").isEmpty() || !r.get("coef").isEmpty() || !r.get("group").isEmpty()) continue;
                String cls = r.get("class");
                // every line is tagged target> (brms keeps the constants in lp__)
                Pattern line = switch (cls) {
                    case "sd" -> Pattern.compile("^\\s*(?:target> )?(sd_\\S+) ~ (.*?),?$", Pattern.MULTILINE);
                    case "cor" -> Pattern.compile("^\\s*(?:target> )?cholesky_factor_corr\\[\\d+\\]: (L_\\S+) ~ (.*?),?$", Pattern.MULTILINE);
                    case "Intercept" -> Pattern.compile("^\\s*(?:target> )?(?:ordered\\[\\d+\\]: )?(Intercept) ~ (.*?),?$", Pattern.MULTILINE);
                    default -> Pattern.compile("^\\s*(?:target> )?(" + cls + ") ~ (.*?),?$", Pattern.MULTILINE);
                };
                Matcher m = line.matcher(alist);
                int found = 0;
                while (m.find()) {
                    found++;
                    String brms = r.get("prior").replace("lkj(", "lkj_corr_cholesky(");
                    assertEquals(name(brms), name(m.group(2)), model + " " + m.group(1));
                    assertArrayEquals(numbers(brms), numbers(m.group(2)), 1e-12, model + " " + m.group(1) + ": " + m.group(2) + " vs brms " + brms);
                    compared++;
                }
                assertTrue(found > 0, model + ": no line for class " + cls + " in\n" + alist);
            }
        }
        assertTrue(compared > 0, model);
        Matcher b = Pattern.compile("^\\s*b_\\S+ ~ (.*?),?$", Pattern.MULTILINE).matcher(alist);
        while (b.find()) assertEquals("flat()", b.group(1), "brms's default prior of b is flat");
    }

    /** A call's text with its prior = ... argument removed (balanced brackets). */
    static String withoutPrior(String text) {
        int at = text.indexOf("prior =");
        if (at < 0) return text;
        int depth = 0;
        int end = at;
        for (int i = at; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') depth++;
            if (c == ')') {
                if (depth == 0) {
                    end = i;
                    break;
                }
                depth--;
                if (depth == 0) {
                    end = i + 1;
                    break;
                }
            }
        }
        int start = text.lastIndexOf(',', at);
        return text.substring(0, start) + text.substring(end);
    }

    private static String name(String prior) {
        return prior.substring(0, prior.indexOf('('));
    }

    private static double[] numbers(String prior) {
        String inner = prior.substring(prior.indexOf('(') + 1, prior.lastIndexOf(')'));
        return Arrays.stream(inner.split(",")).mapToDouble(s -> Double.parseDouble(s.strip())).toArray();
    }

    static DataSet data(Path model) throws IOException {
        String d = Files.readAllLines(model).stream().filter(l -> l.startsWith("# data:")).findFirst().orElseThrow()
                .substring("# data:".length()).strip();
        return DataSet.read(List.of(Path.of("..").resolve(d)), Map.of());
    }

    // ------------------------------------------------------------------ names

    @Test
    void namesAreThePackagesOwn() throws IOException {
        Path sleep = ROOT.resolve("models/sleepstudy_brms.R");
        Model m = compile(sleep);
        List<String> names = Arrays.asList(m.outputNames());
        for (String n : List.of("b_Days", "Intercept", "b_Intercept", "sigma", "sd_Subject__Intercept", "sd_Subject__Days",
                "cor_Subject__Intercept__Days", "r_Subject[308,Intercept]", "r_Subject[372,Days]")) {
            assertTrue(names.contains(n), n + " in " + names);
        }
        List<String> arm = Arrays.asList(compile(ROOT.resolve("models/sleepstudy_rstanarm.R")).outputNames());
        for (String n : List.of("(Intercept)", "Days", "sigma", "b[(Intercept) Subject:308]", "b[Days Subject:372]",
                "Sigma[Subject:(Intercept),(Intercept)]", "Sigma[Subject:Days,(Intercept)]", "Sigma[Subject:Days,Days]")) {
            assertTrue(arm.contains(n), n + " in " + arm);
        }
        List<String> milk = Arrays.asList(compile(ROOT.resolve("models/milk_beta_brms.R")).outputNames());
        assertTrue(milk.contains("b_perc.fat") && milk.contains("phi"), milk.toString());
        List<String> nl = Arrays.asList(compile(ROOT.resolve("models/chimpanzees_nl_brms.R")).outputNames());
        for (String n : List.of("b_a_Intercept", "b_b_factortreatment1", "sd_actor__a_Intercept", "r_actor__a[7,Intercept]", "r_block__a[6,Intercept]")) {
            assertTrue(nl.contains(n), n + " in " + nl);
        }
        List<String> trolley = Arrays.asList(compile(ROOT.resolve("models/trolley_brms.R")).outputNames());
        assertTrue(trolley.contains("b_Intercept[6]") && trolley.contains("Intercept[1]") && trolley.contains("r_id[96;434,Intercept]"));
    }

    static Model compile(Path model) throws IOException {
        DataSet d = data(model);
        return Compiler.compile(Source.read(model), Compiler.schema(d)).factory().apply(d);
    }

    @Test
    void brmsRenamesCoefficientsAsBrmsDoes() {
        assertEquals("factortreatment2", BrmsExpansion.rename("factor(treatment)2"));
        assertEquals("logpopulation", BrmsExpansion.rename("log(population)"));
        assertEquals("IxE2", BrmsExpansion.rename("I(x^2)"));
        assertEquals("IaMUb", BrmsExpansion.rename("I(a * b)"));
        assertEquals("predpred:sizesmall", BrmsExpansion.rename("predpred:sizesmall"));
    }

    @Test
    void theCallMayBeSurroundedByRCodeAndUseEarlierAssignments() {
        DataSet sleep = DataSet.read(List.of(ROOT.resolve("data/sleepstudy.csv")), Map.of());
        String text = "library(brms)\nd <- read.csv(\"sleepstudy.csv\")\nfor (i in 1:3) { print(i) }\n"
                + "f <- bf(Reaction ~ Days + (1 | Subject))\npriors <- c(prior(normal(0, 10), class = b),\n"
                + "  prior(exponential(1), class = sd))\nfit <- brm(f, data = d, prior = priors, chains = 2, iter = 500)\nplot(fit)\n";
        String alist = FormulaFrontEnd.expand(new Source("s.R", text), sleep).alist().text();
        assertTrue(alist.contains("b_Days ~ normal(0, 10)"), alist);
        assertTrue(alist.contains("sd_Subject__Intercept ~ exponential(1)"), alist);
        assertTrue(alist.contains("chains = 2") && alist.contains("iter = 500") && !alist.contains("warmup"), alist);
        assertTrue(alist.startsWith("# the model brms 2.18 fits for Reaction ~ Days + (1 | Subject)"), alist);
    }

    // ------------------------------------------------------------------ numerics

    @Test
    void rNumericsAreRs() {
        // values printed by R 4.2 here: round(2.45, 1), round(0.15, 1), round(0.25, 1), round(2.5, 0), round(-0.05, 1)
        assertEquals(2.5, FormulaData.round(2.45, 1));
        assertEquals(0.1, FormulaData.round(0.15, 1));
        assertEquals(0.2, FormulaData.round(0.25, 1));
        assertEquals(2.0, FormulaData.round(2.5, 0));
        assertEquals(0.0, FormulaData.round(-0.05, 1), 0.0);
        assertEquals(59.3, FormulaData.round(59.30000000001, 1));
        assertEquals(1.4826, FormulaData.mad(new double[] {1, 2, 3, 4, 100}), 1e-15);
        assertEquals(2.5, FormulaData.median(new double[] {3, 1, 2, 10}));
        // as.character(c(1e-5, 0.1 + 0.2, 123456.5, 2, 1/3, 1e15, 0.0001)), as.character(c(100000, 308, -2.5, 1234567))
        assertEquals(List.of("1e-05", "0.3", "123456.5", "2", "0.333333333333333", "1e+15", "1e-04"),
                Stream.of(1e-5, 0.1 + 0.2, 123456.5, 2.0, 1.0 / 3, 1e15, 0.0001).map(FormulaData::format).toList());
        assertEquals(List.of("1e+05", "308", "-2.5", "1234567"), Stream.of(100000.0, 308.0, -2.5, 1234567.0).map(FormulaData::format).toList());
    }

    @Test
    void qrScalingMakesOrthogonalColumnsOfNormSqrtNMinusOne() {
        double[] a = {1, 2, 3, 4, 5, 7};
        double[] b = {2, 1, 0, 1, 3, 3};
        double[] c = {0, 0, 1, 1, 1, 0};
        List<double[]> cols = List.of(a, b, c);
        List<Double> means = List.of(22.0 / 6, 10.0 / 6, 0.5);
        double[][] rinv = QrScale.rInverse(cols, means, true);
        int n = 6;
        double[][] q = new double[3][n];   // Q* = X_centred R_inv
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 3; k++) q[j][i] += (cols.get(k)[i] - means.get(k)) * rinv[k][j];
            }
        }
        for (int j = 0; j < 3; j++) {
            for (int k = 0; k < 3; k++) {
                double dot = 0;
                for (int i = 0; i < n; i++) dot += q[j][i] * q[k][i];
                assertEquals(j == k ? n - 1 : 0, dot, 1e-9, j + "," + k);
            }
            for (int k = j + 1; k < 3; k++) assertEquals(0, rinv[k][j], 0, "upper triangular");
        }
    }
}
