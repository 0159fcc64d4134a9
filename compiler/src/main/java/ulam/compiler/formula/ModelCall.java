package ulam.compiler.formula;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ulam.compiler.ast.Span;
import ulam.compiler.parse.Source;
import ulam.runtime.UlamException;

/**
 * The model call of a file ({@code fit <- brm(...)}, {@code stan_glmer(...)}) with the names
 * its arguments may refer to: the file's earlier top-level assignments ({@code f <- bf(...)},
 * {@code priors <- c(prior(...), ...)}), so that {@code brm(f, prior = priors)} reads them.
 */
final class ModelCall {
    final Source source;
    final RExpr.Call call;
    final String function;
    final String fitName;
    private final Map<String, RExpr> env;
    private final Map<String, RParser.Statement> unreadable;
    private final Set<String> read = new LinkedHashSet<>();

    private ModelCall(Source source, RExpr.Call call, String fitName, Map<String, RExpr> env,
                      Map<String, RParser.Statement> unreadable) {
        this.source = source;
        this.call = call;
        this.function = call.function();
        this.fitName = fitName;
        this.env = env;
        this.unreadable = unreadable;
    }

    /**
     * Finds the model call among a file's statements.
     *
     * @throws UlamException when the statement holding the call does not parse, is not a call
     *                       of a model function, or the file has two model calls
     */
    static ModelCall find(Source source, List<RParser.Statement> statements) {
        Map<String, RExpr> env = new HashMap<>();
        Map<String, RParser.Statement> unreadable = new HashMap<>();
        ModelCall found = null;
        for (RParser.Statement st : statements) {
            if (st.callsModel()) {
                if (st.error() != null) throw st.error();
                if (found != null) {
                    throw source.error(st.span(), "this file has a second model call (the first is on line "
                            + found.call.span().line() + ")", "keep one brm(...) or stan_glmer(...) call per file");
                }
                RExpr e = st.expr();
                String fit = null;
                if (e instanceof RExpr.Binary b && (b.op().equals("<-") || b.op().equals("=")) && b.left() instanceof RExpr.Sym s) {
                    fit = s.name();
                    e = b.right();
                }
                e = RExpr.strip(e);
                if (!(e instanceof RExpr.Call c) || c.function() == null || !RParser.modelFunction(c.function())) {
                    throw source.error(st.span(), "the model call must be a statement of its own",
                            "write fit <- brm(...) or fit <- stan_glmer(...) on its own line");
                }
                if (!RParser.MODEL_FUNCTIONS.contains(c.function())) {
                    throw source.error(c.functionSpan(), c.function() + "() is not supported yet",
                            "supported: brm, stan_glmer, stan_lmer and stan_glm (see docs/formulas.md)");
                }
                found = new ModelCall(source, c, fit, Map.copyOf(env), Map.copyOf(unreadable));
                continue;
            }
            if (st.expr() instanceof RExpr.Binary b && (b.op().equals("<-") || b.op().equals("=")) && b.left() instanceof RExpr.Sym s) {
                env.put(s.name(), b.right());
                unreadable.remove(s.name());
            } else if (st.error() != null) {
                String name = assigned(source, st);
                if (name != null) {
                    unreadable.put(name, st);
                    env.remove(name);
                }
            }
        }
        if (found == null) throw new IllegalStateException("no model call");
        return found;
    }

    /** The name a statement that did not parse assigns to, judged from its text ({@code x <- ...}), or null. */
    private static String assigned(Source source, RParser.Statement st) {
        String text = source.line(st.span().line()).strip();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([A-Za-z.][A-Za-z0-9._]*)\\s*(<-|=)").matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /**
     * An argument by name, or else by position among the positional arguments (-1: by name
     * only), with a name that refers to an earlier assignment replaced by its value.
     *
     * @return the value, or null when absent
     */
    RExpr arg(String name, int position) {
        RExpr.Arg a = call.named(name);
        if (a == null && position >= 0) {
            List<RExpr.Arg> pos = call.positional();
            if (position < pos.size()) a = pos.get(position);
        }
        if (a == null) return null;
        read.add(name);
        return resolve(a.value());
    }

    /** A name replaced by the value an earlier top-level assignment gave it (transitively); anything else as it is. */
    RExpr resolve(RExpr e) {
        for (int depth = 0; depth < 20 && RExpr.strip(e) instanceof RExpr.Sym s; depth++) {
            if (unreadable.containsKey(s.name())) {
                RParser.Statement st = unreadable.get(s.name());
                throw source.error(s.span(), "'" + s.name() + "' is defined on line " + st.span().line()
                        + " by R code this front end cannot read: " + st.error().getMessage(),
                        "write its value in the call itself, or simplify that line");
            }
            RExpr v = env.get(s.name());
            if (v == null) return e;
            e = v;
        }
        return e;
    }

    /** The named arguments of the call that {@link #arg} never read, with where they are. */
    Map<String, Span> unread() {
        Map<String, Span> out = new java.util.LinkedHashMap<>();
        List<RExpr.Arg> pos = call.positional();
        for (RExpr.Arg a : call.args()) {
            if (a.name() != null && !read.contains(a.name())) out.put(a.name(), a.span());
        }
        return out;
    }

    /** A number argument (chains, iter, adapt_delta), or null; an error if it is not a number. */
    Double number(String name) {
        RExpr v = arg(name, -1);
        if (v == null) return null;
        if (RExpr.strip(v) instanceof RExpr.Num n) return n.value();
        throw source.error(v.span(), "'" + name + "' must be a number here", "write e.g. " + name + " = 4");
    }

    /** A logical argument ({@code TRUE}, {@code FALSE}, {@code T}, {@code F}), or {@code otherwise} when absent. */
    boolean flag(String name, boolean otherwise) {
        RExpr v = arg(name, -1);
        if (v == null) return otherwise;
        if (RExpr.strip(v) instanceof RExpr.Sym s && (s.name().equals("TRUE") || s.name().equals("T"))) return true;
        if (RExpr.strip(v) instanceof RExpr.Sym s && (s.name().equals("FALSE") || s.name().equals("F"))) return false;
        throw source.error(v.span(), "'" + name + "' must be TRUE or FALSE", null);
    }
}
