package ulam.compiler.check;

import java.util.Map;
import ulam.compiler.ast.Expr;
import ulam.compiler.ast.Program;
import ulam.compiler.ast.Span;
import ulam.compiler.ast.Statement;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.Support;
import static ulam.compiler.check.Syntax.isEscape;

/**
 * Constraints of parameters (language reference 3.5, A.6): from the support of the parameter's
 * own prior, then from the support of the argument a bare parameter is given to, then from the
 * wrapper's {@code constraints=list(...)}; a truncated prior bounds its parameter. Writes the
 * constraints of the parameters in {@link CheckState#symbols}.
 */
final class Constraints {

    private final CheckState state;
    private final Typer typer;

    Constraints(CheckState state, Typer typer) {
        this.state = state;
        this.typer = typer;
    }

    void constrain() {
        // 1. the outcome support of each parameter's own prior
        for (Symbol p : state.byKind(Kind.PARAMETER)) {
            Expr.Call call = (Expr.Call) p.statement().rhs();
            DistributionSpec spec = typer.distributionOf(call);
            if (p.transform() != null) {
                if (TypeInference.isVectorSupport(spec.outcomeSupport()) && spec.outcomeSupport() != p.transform().support()) {
                    throw state.error(call.functionSpan(), spec.name() + " is a distribution of a " + spec.outcomeSupport().name().toLowerCase()
                            + ", but '" + p.name() + "' is a " + p.transform().type(), null);
                }
                continue;   // its type's transform keeps it in its support
            }
            if (TypeInference.isVectorSupport(spec.outcomeSupport())) {
                throw state.error(p.span(), "'" + p.name() + "' needs a type: its prior " + spec.name() + " is a distribution of a "
                        + spec.outcomeSupport().name().toLowerCase(), "declare it, e.g. "
                        + TypeInference.typeName(spec.outcomeSupport()) + "[K]:" + p.name() + " ~ " + spec.name() + "(...)");
            }
            p.constraint(fromSupport(p, spec.outcomeSupport(), spec, call, "its prior " + spec.name()));
            Statement.Truncation tr = p.statement().truncation();
            if (tr != null) {   // T[L, U] on a prior: the parameter lives in [L, U]
                p.constraint(new Constraint(tr.lower() != null ? bound(p, tr.lower()) : p.constraint().lower(),
                        tr.upper() != null ? bound(p, tr.upper()) : p.constraint().upper(), "its truncation T[,]"));
            }
        }
        // (custom(...) and mixture(...) lines impose no constraint: their parts are expressions)
        // 2. a bare parameter name as an argument, if it has no constraint yet (priors and likelihoods)
        for (Statement st : state.program.statements()) {
            if (st.op() != Statement.Op.SAMPLE || isEscape((Expr.Call) st.rhs())) continue;
            Expr.Call call = (Expr.Call) st.rhs();
            DistributionSpec spec = typer.distributionOf(call);
            for (int k = 0; k < Math.min(spec.arity(), call.args().size()); k++) {
                if (!(call.args().get(k) instanceof Expr.Name n)) continue;
                Symbol s = state.symbols.get(n.name());
                if (s == null || s.kind() != Kind.PARAMETER || !s.constraint().isNone() || s.transform() != null) continue;
                Support sup = spec.args().get(k).support();
                if (TypeInference.isVectorSupport(sup)) continue;
                s.constraint(fromSupport(s, sup, spec, call, "the " + spec.args().get(k).name() + " of " + spec.name()));
            }
        }
        // 3. constraints=list(name = "lower=0") in the wrapper
        for (Map.Entry<String, Program.Option> e : state.constraintOverrides.entrySet()) {
            Symbol s = state.symbols.get(e.getKey());
            Program.Option o = e.getValue();
            if (s == null || s.kind() != Kind.PARAMETER) {
                throw state.error(o.span(), "constraints= names '" + e.getKey() + "', which is not a parameter", null);
            }
            if (!(o.value() instanceof Expr.Str str)) {
                throw state.error(o.span(), "a constraint is text such as \"lower=0\" or \"lower=0,upper=1\"", null);
            }
            s.constraint(parseConstraint(s, str.value(), o.span()));
        }
    }

    /**
     * A constraint's text, {@code "lower=0"}, {@code "lower=0,upper=1"} or with expressions
     * ({@code "lower=0,upper=1 - alpha1"}, {@code "lower=L"}): each bound an alist expression of the
     * data and of the parameters declared before {@code p} (Stan's rule for bounds), a scalar.
     */
    private Constraint parseConstraint(Symbol p, String text, Span span) {
        TExpr lower = null;
        TExpr upper = null;
        for (String part : topLevel(text)) {
            int eq = part.indexOf('=');
            if (eq < 0 || part.substring(eq + 1).isBlank()) {
                throw state.error(span, "cannot read the constraint \"" + text + "\"", "write \"lower=0\" or \"lower=0,upper=1\"");
            }
            String key = part.substring(0, eq).trim();
            TExpr b = boundText(p, part.substring(eq + 1).trim(), text, span);
            switch (key) {
                case "lower" -> lower = b;
                case "upper" -> upper = b;
                default -> throw state.error(span, "unknown bound '" + key + "'", "bounds are lower and upper");
            }
        }
        return new Constraint(lower, upper, "constraints=list(...)");
    }

    /** The parts of a constraint's text between its top-level commas (a comma inside parentheses is the expression's). */
    private static java.util.List<String> topLevel(String text) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[') depth++;
            else if (c == ')' || c == ']') depth--;
            else if (c == ',' && depth == 0) {
                parts.add(text.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(text.substring(from));
        return parts;
    }

    /**
     * One bound of a constraints= text: a number, or an expression parsed as alist, typed as a
     * scalar of the data and of the parameters declared before {@code p}; its errors (the parser's
     * and the typer's, whose places are in the text) are located at the constraint.
     */
    private TExpr boundText(Symbol p, String bound, String text, Span span) {
        try {
            return new TExpr.Num(Double.parseDouble(bound), Elem.REAL);
        } catch (NumberFormatException notNumber) {
            // an expression
        }
        Expr e;
        TExpr t;
        try {
            Program parsed = ulam.compiler.parse.Parser.parse(new ulam.compiler.parse.Source("bound", "x ~ f(" + bound + ")"));
            if (parsed.statements().size() != 1 || !(parsed.statements().get(0).rhs() instanceof Expr.Call c) || c.args().size() != 1) {
                throw state.error(span, "cannot read the bound '" + bound + "' in \"" + text + "\"", "a bound is one expression");
            }
            e = c.args().get(0);
            declareData(e, bound, span);
            t = typer.expr(e, Typer.Ctx.scalar(false, false));
        } catch (ulam.runtime.UlamException ex) {
            throw state.error(span, "in the bound '" + bound + "' of '" + p.name() + "': " + ex.getMessage(), ex.help());
        }
        return boundOf(p, t, span, "'" + bound + "'");
    }

    /**
     * Data that only a bound reads ({@code "lower=L"}) are not symbols yet (the lines make them):
     * a scalar of the data becomes one; a name that is neither known nor in the data is an error.
     */
    private void declareData(Expr e, String bound, Span span) {
        java.util.List<Expr.Name> names = new java.util.ArrayList<>();
        Syntax.names(e, names::add, n -> { });
        for (Expr.Name n : names) {
            if (state.symbols.containsKey(n.name()) || java.util.Set.of("pi", "TRUE", "FALSE").contains(n.name())) continue;
            if (state.schema == null || !state.schema.has(n.name())) {
                throw state.error(span, "the bound '" + bound + "' reads '" + n.name() + "', which is neither data nor a parameter",
                        "a bound is an expression of the data and of parameters declared before");
            }
            if (state.schema.rank(n.name()) != 0) {
                throw state.error(span, "the bound '" + bound + "' reads '" + n.name() + "', which is not a scalar in the data",
                        "a bound is a scalar: index it, or give a data scalar");
            }
            state.symbol(n.name(), Kind.DATA, span, null).shape(Shape.SCALAR);
        }
    }

    /**
     * A bound of parameter {@code p} that is data or refers to parameters declared before it
     * (Stan's rule: the transform of {@code p} runs after theirs, and the log-Jacobian's
     * {@code log(U - L)} passes its gradient to them); refuses anything else, located.
     */
    private TExpr boundOf(Symbol p, TExpr t, Span span, String what) {
        java.util.List<Symbol> params = state.byKind(Kind.PARAMETER);
        int at = params.indexOf(p);
        TExprs.walk(t, x -> {
            Symbol s = x instanceof TExpr.Ref r ? r.symbol() : x instanceof TExpr.Slice sl ? sl.symbol() : null;
            if (s == null || s.isData()) return;
            if (s.kind() != Kind.PARAMETER) {
                throw state.error(span, "the bound " + what + " of '" + p.name() + "' reads '" + s.name() + "', which is neither data nor a parameter",
                        "a bound is an expression of the data and of parameters declared before '" + p.name() + "'");
            }
            if (params.indexOf(s) >= at) {
                throw state.error(span, "the bound " + what + " of '" + p.name() + "' reads '" + s.name() + "', "
                        + (s == p ? "the parameter itself" : "a parameter declared after it"),
                        "declare '" + s.name() + "' before '" + p.name() + "' (a bound may read only earlier parameters)");
            }
        });
        return t;
    }

    /** The bounds of parameter {@code p} from a support; {@code uniform(L, U)}'s are its arguments. */
    private Constraint fromSupport(Symbol p, Support support, DistributionSpec spec, Expr.Call call, String origin) {
        switch (support) {
            case REAL -> { return Constraint.NONE; }
            case POSITIVE -> { return new Constraint(new TExpr.Num(0, Elem.REAL), null, origin); }
            case UNIT -> { return new Constraint(new TExpr.Num(0, Elem.REAL), new TExpr.Num(1, Elem.REAL), origin); }
            case ARG_BOUNDS -> {
                TExpr lo = bound(p, call.args().get(spec.lowerArg()));
                TExpr hi = bound(p, call.args().get(spec.upperArg()));
                return new Constraint(lo, hi, origin);
            }
            default -> throw state.error(call.span(), "the support of " + spec.name() + " " + Unsupported.LATER, null);
        }
    }

    /**
     * A bound written in a line ({@code b ~ uniform(0, a)}, {@code T[0, a]} on a prior): a scalar of
     * the data and of the parameters before {@code p}, as rethinking's ulam writes
     * {@code real<lower=0,upper=a> b} from the same line.
     */
    private TExpr bound(Symbol p, Expr e) {
        TExpr t = typer.expr(e, Typer.Ctx.scalar(false, false));
        return boundOf(p, t, e.span(), "'" + TExprs.show(t) + "'");
    }
}
