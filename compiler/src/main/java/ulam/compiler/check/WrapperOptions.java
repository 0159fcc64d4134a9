package ulam.compiler.check;

import ulam.compiler.ast.Expr;
import ulam.compiler.ast.Program;
import ulam.compiler.ast.Span;

/**
 * The {@code ulam(...)} wrapper's arguments (language reference A.1): the sampler options given
 * as literals ({@code chains}, {@code iter}, {@code control=list(adapt_delta=...)}, ...) become
 * the model's defaults, {@code constraints=list(...)} is kept for {@link Constraints},
 * {@code output_names=list(...)} for {@link OutputNames}, and every
 * other argument gets a note saying it is ignored. Writes {@link CheckState#options},
 * {@link CheckState#constraintOverrides} and {@link CheckState#notes}; reads the program only.
 */
final class WrapperOptions {

    private final CheckState state;

    WrapperOptions(CheckState state) {
        this.state = state;
    }

    void readOptions() {
        String fn = state.program.wrapper() == null ? "ulam" : state.program.wrapper();
        boolean quap = fn.equals("quap") || fn.equals("map");
        for (Program.Option o : state.program.options()) {
            if (o.name() == null) {
                state.notes.add("the unnamed argument at line " + o.span().line() + " of the " + fn + "(...) call is ignored");
                continue;
            }
            switch (o.name()) {
                case "chains", "cores", "iter", "warmup", "seed", "adapt_delta", "max_treedepth" -> literal(o.name(), o.value(), o.span());
                case "control" -> {
                    if (o.value() instanceof Expr.Call c && c.function().equals("list")) {
                        for (int k = 0; k < c.args().size(); k++) {
                            String n = c.argNames().get(k);
                            if (n != null && (n.equals("adapt_delta") || n.equals("max_treedepth"))) {
                                literal(n, c.args().get(k), c.args().get(k).span());
                            } else if ("metric".equals(n)) {
                                // rstan's control=list(metric="dense_e"): the metric adapted in warmup
                                if (c.args().get(k) instanceof Expr.Str str) state.options.put(n, str.value());
                                else state.notes.add("the argument metric at line " + c.args().get(k).span().line()
                                        + " is not a text such as \"dense_e\" and is ignored");
                            }
                        }
                    }
                }
                case "constraints" -> {
                    if (o.value() instanceof Expr.Call c && c.function().equals("list")) {
                        for (int k = 0; k < c.args().size(); k++) {
                            String n = c.argNames().get(k);
                            if (n != null) state.constraintOverrides.put(n.replaceAll("[^A-Za-z0-9_]", "_"),
                                    new Program.Option(n, c.args().get(k), c.args().get(k).span()));
                        }
                    }
                }
                case "data" -> state.notes.add("data=... in the " + fn + "(...) call is ignored: give the data with --data FILE");
                case "start" -> {
                    // quap's start values are read by ulam quap (compiler/cli StartValues)
                    if (!quap) state.notes.add("the argument 'start' of the " + fn + "(...) call is ignored");
                }
                case "log_lik" -> { } // the pointwise log-likelihood is always available (A.8)
                case "output_names" -> { } // read by OutputNames once the reported values are known
                default -> state.notes.add("the argument '" + o.name() + "' of the " + fn + "(...) call is ignored");
            }
        }
    }

    private void literal(String name, Expr value, Span span) {
        if (value instanceof Expr.Num n) {
            double v = n.value();
            state.options.put(name, v == Math.rint(v) && !name.equals("adapt_delta") ? Long.toString((long) v) : Double.toString(v));
        } else {
            state.notes.add("the argument " + name + " at line " + span.line() + " is not a number and is ignored");
        }
    }
}
