package ulam.runtime.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import ulam.runtime.UlamException;
import ulam.runtime.diagnostics.SamplerDiagnostics;
import ulam.runtime.diagnostics.VariableSummary;
import ulam.runtime.fit.ChainDraws;
import ulam.runtime.fit.FitDirectory;
import ulam.runtime.fit.FitManifest;
import ulam.runtime.loo.Loo;
import ulam.runtime.loo.Waic;
import ulam.runtime.output.PrecisTable;
import ulam.runtime.plot.FitPlots;
import ulam.runtime.plot.Pages;
import ulam.runtime.sampler.Fit;
import ulam.runtime.sampler.SamplerStat;

/**
 * One self-contained HTML page about a fit ({@code ulam report FIT}): the run settings, the
 * precis table, the sampler diagnostics (divergences, tree depth, E-BFMI per chain, step sizes,
 * timings, and the R-hat and ESS warnings of {@link SamplerDiagnostics}), optionally WAIC and
 * PSIS-LOO with the Pareto k table, the plots of {@link FitPlots} (the precis plot as inline SVG,
 * trace and trank pages as PNG {@code data:} URIs) and the model source. No scripts, no external
 * resources: the file can be mailed or archived as is.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /** Trace and trank panels a report shows by default: one page, the values with the smallest bulk ESS. */
    public static final int PANELS = Pages.COLUMNS * Pages.ROWS;

    /**
     * What the report shows.
     *
     * @param prob       interval mass of the precis table and plot (0.89)
     * @param depth      precis depth: 1 hides vector and matrix elements, 2 matrix elements, 3 none
     * @param maxPanels  cap on trace and trank panels (the values with the smallest bulk ESS first)
     * @param waic       WAIC of the fit, or null to leave it out
     * @param loo        PSIS-LOO of the fit, or null to leave it out
     * @param predictive the predictive checks to show ({@code FitPlots.predictive}), or empty
     * @param hints      the model's non-centring hints ({@code Model.reparameterisations()}), shown
     *                   after divergences or a low E-BFMI, as {@code ulam run} prints them
     * @param notes      notes to show (e.g. why a predictive check is missing)
     */
    public record Options(double prob, int depth, int maxPanels, Waic waic, Loo loo, Map<String, Pages> predictive,
                          List<String> hints, List<String> notes) {
        /** Copies the map and lists. */
        public Options {
            predictive = predictive == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(predictive));
            hints = hints == null ? List.of() : List.copyOf(hints);
            notes = notes == null ? List.of() : List.copyOf(notes);
        }

        /** Without predictive checks, hints or notes. */
        public Options(double prob, int depth, int maxPanels, Waic waic, Loo loo) {
            this(prob, depth, maxPanels, waic, loo, Map.of(), List.of(), List.of());
        }

        /** Defaults: 0.89, depth 2, {@link #PANELS}, no WAIC or LOO. */
        public static Options defaults() {
            return new Options(0.89, 2, PANELS, null, null);
        }
    }

    /**
     * The page.
     *
     * @param fit     the fit
     * @param options what to show
     * @return the HTML document
     * @throws UlamException if the fit has no post-warmup draws
     */
    public static String html(FitDirectory fit, Options options) {
        Fit f = fit.toFit();
        FitManifest m = fit.manifest();
        List<VariableSummary> summaries = VariableSummary.of(f, options.prob());
        List<Integer> selected = FitPlots.smallestEssFirst(summaries, FitPlots.select(fit, options.depth(), List.of()));
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>").append(esc(m.model())).append(" - ulam fit report</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(m.model())).append("</h1>\n");
        h.append("<p class=\"sub\">").append(m.chains()).append(" chains of ").append(m.warmup())
                .append(" warmup + ").append(m.draws()).append(" draws, seed ").append(m.seed())
                .append("; fit folder <code>").append(esc(fit.dir().toString())).append("</code></p>\n");
        for (String n : fit.notes()) h.append("<p class=\"note\">Note: ").append(esc(n)).append("</p>\n");
        for (String n : options.notes()) h.append("<p class=\"note\">Note: ").append(esc(n)).append("</p>\n");

        section(h, "summary", "Posterior summary");
        precis(h, summaries, options);

        section(h, "diagnostics", "Sampler diagnostics");
        diagnostics(h, fit, f, summaries);
        if (SamplerDiagnostics.showsFunnel(f)) {
            for (String hint : options.hints()) h.append("<p class=\"hint\">Hint: ").append(esc(hint)).append("</p>\n");
        }

        if (options.waic() != null || options.loo() != null) {
            section(h, "criteria", "WAIC and PSIS-LOO");
            criteria(h, options);
        }

        section(h, "plots", "Plots");
        // the precis plot in table order, then the predictive checks, then traces and tranks, smallest bulk ESS first
        Map<String, Pages> pages = new java.util.LinkedHashMap<>();
        Map<String, Pages> inOrder = FitPlots.build(fit, summaries, FitPlots.select(fit, options.depth(), List.of()), options.prob(), 0);
        if (inOrder.containsKey("precis")) pages.put("precis", inOrder.get("precis"));
        pages.putAll(options.predictive());
        Map<String, Pages> worst = FitPlots.build(fit, summaries, selected, options.prob(), options.maxPanels());
        worst.remove("precis");
        pages.putAll(worst);
        if (selected.size() > options.maxPanels()) {
            h.append("<p class=\"note\">Trace and trank plots show the ").append(options.maxPanels()).append(" of ")
                    .append(selected.size()).append(" values with the smallest bulk ESS; ulam plot draws them all.</p>\n");
        }
        for (Map.Entry<String, Pages> e : pages.entrySet()) {
            String name = e.getKey();
            h.append("<figure id=\"").append(name).append("\">\n");
            if (name.equals("precis") || name.equals("ppc")) {
                h.append(e.getValue().svgElement()).append('\n');
            } else {
                h.append("<img alt=\"").append(name).append("\" width=\"").append(e.getValue().width())
                        .append("\" height=\"").append(e.getValue().height()).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(e.getValue().png())).append("\">\n");
            }
            h.append("<figcaption>").append(caption(name, options.prob())).append("</figcaption>\n</figure>\n");
        }

        section(h, "settings", "Run settings");
        settings(h, fit);
        section(h, "source", "Model source");
        h.append("<pre>").append(esc(fit.source())).append("</pre>\n");
        h.append("<footer>ulam ").append(esc(m.ulamVersion())).append(", fit created ").append(esc(m.created()))
                .append("</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    /**
     * Writes the page.
     *
     * @param fit     the fit
     * @param options what to show
     * @param file    the HTML file to write (its folder is created)
     * @throws UlamException if the file cannot be written or the fit has no draws
     */
    public static void write(FitDirectory fit, Options options, Path file) {
        String html = html(fit, options);
        try {
            if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UlamException("cannot write the report " + file + ": " + e.getMessage(), null,
                    "check that the folder is writable");
        }
    }

    private static final String CSS = """
            body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 1300px;
                   padding: 0 1em; color: #222; }
            h1 { margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 1.6em; }
            .sub { color: #555; margin-top: 0; }
            table { border-collapse: collapse; margin: 0.5em 0; font-variant-numeric: tabular-nums; }
            th, td { padding: 0.15em 0.7em; text-align: right; border-bottom: 1px solid #eee; }
            th:first-child, td:first-child { text-align: left; }
            th { background: #f4f4f4; }
            .warn { background: #fff4e5; border-left: 4px solid #e69f00; padding: 0.4em 0.8em; margin: 0.4em 0; }
            .ok { background: #eef8f1; border-left: 4px solid #009e73; padding: 0.4em 0.8em; }
            .hint { background: #eef4fb; border-left: 4px solid #0072b2; padding: 0.4em 0.8em; margin: 0.4em 0; }
            tr.bad td { background: #fde2e1; color: #8a1c17; font-weight: 600; }
            .note { color: #555; font-style: italic; }
            figure { margin: 1em 0; } figcaption { color: #555; font-size: 0.9em; }
            img, svg { max-width: 100%; height: auto; }
            pre { background: #f7f7f7; padding: 0.8em; overflow-x: auto; }
            footer { color: #888; font-size: 0.85em; margin-top: 3em; }
            """;

    private static void section(StringBuilder h, String id, String title) {
        h.append("<h2 id=\"").append(id).append("\">").append(esc(title)).append("</h2>\n");
    }

    private static void precis(StringBuilder h, List<VariableSummary> summaries, Options o) {
        double a = (1 - o.prob()) / 2;
        List<VariableSummary> rows = new ArrayList<>();
        int hidden = 0;
        for (VariableSummary s : summaries) {
            if (!PrecisTable.isShown(s.name())) continue;
            if (PrecisTable.hiddenAtDepth(s.name(), o.depth())) hidden++;
            else rows.add(s);
        }
        h.append("<table class=\"precis\">\n<tr><th></th><th>mean</th><th>sd</th><th>")
                .append(PrecisTable.percentLabel(a)).append("</th><th>").append(PrecisTable.percentLabel(1 - a))
                .append("</th><th>rhat</th><th>ess_bulk</th><th>ess_tail</th></tr>\n");
        for (VariableSummary s : rows) {
            boolean bad = s.rhat() > SamplerDiagnostics.RHAT_THRESHOLD;
            h.append(bad ? "<tr class=\"bad\" title=\"R-hat above " + SamplerDiagnostics.RHAT_THRESHOLD
                    + ": the chains disagree\">" : "<tr>").append("<td>").append(esc(s.name())).append("</td>");
            for (double v : new double[] {s.mean(), s.sd(), s.lower(), s.upper()}) {
                h.append("<td>").append(PrecisTable.value(v, 2)).append("</td>");
            }
            h.append("<td>").append(num(s.rhat(), 2)).append("</td>");
            h.append("<td>").append(num(s.essBulk(), 0)).append("</td><td>").append(num(s.essTail(), 0))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (hidden > 0) {
            h.append("<p class=\"note\">").append(hidden).append(o.depth() <= 1 ? " vector or matrix" : " matrix")
                    .append(" values hidden (ulam report --depth ").append(o.depth() + 1).append(" shows them).</p>\n");
        }
    }

    private static void diagnostics(StringBuilder h, FitDirectory fit, Fit f, List<VariableSummary> summaries) {
        int total = f.chainCount() * f.drawsPerChain();
        List<VariableSummary> shown = summaries.stream().filter(s -> PrecisTable.isShown(s.name())).toList();
        List<String> warnings = SamplerDiagnostics.warnings(f, shown);
        if (warnings.isEmpty() && ulam.runtime.output.NonFiniteDraws.of(f).none()) {
            h.append("<p class=\"ok\">No warnings: no divergent transitions, no tree-depth saturation, E-BFMI above ")
                    .append(SamplerDiagnostics.EBFMI_THRESHOLD).append(", R-hat below ")
                    .append(SamplerDiagnostics.RHAT_THRESHOLD).append(" and enough effective draws.</p>\n");
        }
        for (String w : warnings) h.append("<p class=\"warn\">").append(esc(w)).append("</p>\n");
        String nonFinite = ulam.runtime.output.NonFiniteDraws.of(f).warning();
        if (nonFinite != null) h.append("<p class=\"warn\">").append(esc(nonFinite)).append("</p>\n");
        h.append("<table class=\"diagnostics\">\n<tr><th></th><th>divergent</th><th>max tree depth hits</th>")
                .append("<th>E-BFMI</th><th>step size</th><th>mean accept_stat</th><th>warmup s</th><th>sampling s</th></tr>\n");
        int maxDepth = f.config().maxTreeDepth();
        for (int c = 0; c < f.chainCount(); c++) {
            ChainDraws chain = fit.chains().get(c);
            double[][] stats = f.chains().get(c).stats();
            int div = 0;
            int depth = 0;
            double accept = 0;
            for (double[] s : stats) {
                if (s[SamplerStat.DIVERGENT.index()] != 0) div++;
                if (s[SamplerStat.TREEDEPTH.index()] >= maxDepth) depth++;
                accept += s[SamplerStat.ACCEPT_STAT.index()];
            }
            h.append("<tr><td>chain ").append(chain.id()).append("</td><td>").append(div).append("</td><td>")
                    .append(depth).append("</td><td>")
                    .append(num(SamplerDiagnostics.ebfmi(f.chains().get(c).stat(SamplerStat.ENERGY)), 2))
                    .append("</td><td>").append(num(chain.stepSize(), 3)).append("</td><td>")
                    .append(num(accept / Math.max(1, stats.length), 2)).append("</td><td>")
                    .append(num(chain.warmupSeconds(), 2)).append("</td><td>").append(num(chain.samplingSeconds(), 2))
                    .append("</td></tr>\n");
        }
        h.append("<tr><td>all</td><td>").append(SamplerDiagnostics.divergences(f)).append(" of ").append(total)
                .append("</td><td>").append(SamplerDiagnostics.treeDepthHits(f)).append(" of ").append(total)
                .append("</td><td></td><td></td><td></td><td></td><td></td></tr>\n</table>\n");
    }

    private static void criteria(StringBuilder h, Options o) {
        h.append("<table class=\"criteria\">\n<tr><th></th><th>estimate</th><th>SE</th></tr>\n");
        if (o.waic() != null) {
            Waic w = o.waic();
            row(h, "WAIC", w.waic(), w.seWaic());
            row(h, "lppd", w.lppd(), Double.NaN);
            row(h, "pWAIC", w.penalty(), w.sePenalty());
        }
        if (o.loo() != null) {
            Loo l = o.loo();
            row(h, "elpd_loo", l.elpd(), l.seElpd());
            row(h, "p_loo", l.penalty(), l.sePenalty());
            row(h, "PSIS (looic)", l.looic(), l.seLooic());
        }
        h.append("</table>\n");
        if (o.waic() != null && o.waic().warning() != null) {
            h.append("<p class=\"warn\">").append(esc(o.waic().warning())).append("</p>\n");
        }
        if (o.loo() != null) {
            int[] counts = o.loo().kCounts();
            String[] labels = {"good (k &le; 0.5)", "ok (0.5 &lt; k &le; 0.7)", "bad (0.7 &lt; k &le; 1)", "very bad (k &gt; 1)"};
            h.append("<table class=\"pareto-k\">\n<tr><th>Pareto k</th><th>count</th><th>percent</th></tr>\n");
            for (int c = 0; c < 4; c++) {
                h.append("<tr><td>").append(labels[c]).append("</td><td>").append(counts[c]).append("</td><td>")
                        .append(num(100.0 * counts[c] / o.loo().observations(), 1)).append("%</td></tr>\n");
            }
            h.append("</table>\n");
            for (String w : o.loo().warnings()) h.append("<p class=\"warn\">").append(esc(w)).append("</p>\n");
        }
    }

    private static void row(StringBuilder h, String name, double v, double se) {
        h.append("<tr><td>").append(name).append("</td><td>").append(num(v, 1)).append("</td><td>")
                .append(Double.isNaN(se) ? "" : num(se, 1)).append("</td></tr>\n");
    }

    private static void settings(StringBuilder h, FitDirectory fit) {
        FitManifest m = fit.manifest();
        String[][] rows = {
            {"model", m.model() + (m.originalSource() == null ? "" : " (" + m.originalSource() + ")")},
            {"chains", Integer.toString(m.chains())},
            {"iterations per chain", m.iter() + " (" + m.warmup() + " warmup)"},
            {"seed", Long.toString(m.seed())},
            {"adapt_delta", num(m.adaptDelta(), 3)},
            {"max tree depth", Integer.toString(m.maxTreedepth())},
            {"metric", m.metric()},
            {"data", m.originalDataFiles().isEmpty() ? "none" : String.join(", ", m.originalDataFiles())},
            {"data values", m.dataValues().isEmpty() ? "none" : m.dataValues().toString()},
            {"wall time", m.complete() ? num(m.wallSeconds(), 2) + " s" : "the run did not finish"},
            {"source SHA-256", m.sourceSha256()},
        };
        h.append("<table class=\"settings\">\n");
        for (String[] r : rows) {
            h.append("<tr><td>").append(esc(r[0])).append("</td><td style=\"text-align:left\">").append(esc(r[1]))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String caption(String name, double prob) {
        if (name.equals("ppc")) {
            return "Predictive check: the observed outcome of each case (blue) against the mean (circle) and "
                    + PrecisTable.percentLabel((1 - prob) / 2) + " to " + PrecisTable.percentLabel(1 - (1 - prob) / 2)
                    + " interval of the simulated outcomes (ulam sim).";
        }
        if (name.equals("ppc_dens")) {
            return "Predictive density: the density of the observed outcomes (dark) over those of simulated data sets"
                    + " (light), as bayesplot's pp_check.";
        }
        if (name.equals("precis")) {
            return "Posterior means (circles) and " + PrecisTable.percentLabel((1 - prob) / 2) + " to "
                    + PrecisTable.percentLabel(1 - (1 - prob) / 2) + " intervals.";
        }
        String page = name.substring(name.indexOf('_') + 1);
        if (name.startsWith("trace")) {
            return "Trace plots, page " + page + ": draws of every chain against iteration; warmup shaded grey;"
                    + " n_eff is the bulk ESS.";
        }
        return "Trank plots, page " + page + ": histograms of each chain's ranks among all draws; chains that agree"
                + " give flat, overlapping lines.";
    }

    private static String num(double v, int decimals) {
        return PrecisTable.fixed(v, decimals);
    }

    /** HTML-escapes text. */
    static String esc(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
