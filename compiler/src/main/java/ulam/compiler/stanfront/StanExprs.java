package ulam.compiler.stanfront;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import ulam.compiler.parse.Source;
import ulam.grammar.StanParser;
import ulam.runtime.UlamException;

/**
 * Stan expressions as alist expressions (docs/stan.md, "How it works"). Most are written the same;
 * the differences: {@code .*} and {@code ./} are the alist's element-wise {@code *} and {@code /},
 * {@code %} is {@code %%}, {@code c ? a : b} is {@code ifelse(c, a, b)}, {@code x'} is
 * {@code t(x)}, {@code {a, b}} and {@code [a, b]} are {@code c(a, b)}, {@code row_vector * vector}
 * of two names is {@code dot_product}, and sizes ({@code size}, {@code rows}, {@code cols},
 * {@code num_elements}) are the declared sizes.
 *
 * <p>Inside a loop whose iterations are independent ({@code for (n in 1:N)}), an index that is
 * the loop's variable is dropped: {@code y[n]} is {@code y}, {@code alpha[g[n]]} is
 * {@code alpha[g]}, which the alist reads at the row (language reference 2.1) or element by
 * element ({@code <<-}). Any other use of a loop variable ({@code x[n - 1]}, {@code n * 2}) makes
 * the iterations depend on their index and is refused as not supported yet.
 */
final class StanExprs {

    /**
     * An active loop over {@code lo:extent}: its variable, its extent (the upper end, as alist
     * text), its start as alist text (null when it is 1) and the start's value when it is known
     * (a number, or arithmetic of data scalars with the data given), else null.
     */
    record Loop(String var, String extent, String lo, Integer loValue) {
        Loop(String var, String extent) {
            this(var, extent, null, 1);
        }
    }

    /** A scalar local of a loop's body assigned more than once, carried as its current value (alist text) and what that reads. */
    private record Symbolic(String text, Set<Decl> reads) {}

    private final Source source;
    private final Map<String, Decl> scope;
    private final List<Loop> loops = new ArrayList<>();
    private final Set<Decl> read = new LinkedHashSet<>();
    private boolean stripped;
    private final Map<String, String> hoisted = new java.util.HashMap<>();
    private final List<String> fresh = new ArrayList<>();

    private final Map<String, Integer> constants = new java.util.HashMap<>();
    private final Map<String, Symbolic> symbolic = new java.util.HashMap<>();
    private final ulam.runtime.data.DataSet data;

    /** @param data the data when given (sizes and loop bounds of data scalars are evaluated), or null */
    StanExprs(Source source, Map<String, Decl> scope, ulam.runtime.data.DataSet data) {
        this.source = source;
        this.scope = scope;
        this.data = data;
    }

    /** Binds an unrolled loop's variable to its value in the current iteration (null: unbinds it). */
    void constant(String var, Integer value) {
        if (value == null) constants.remove(var);
        else constants.put(var, value);
    }

    /** Makes a scalar local symbolic: each read is its current value (null until it is assigned). */
    void symbolic(String name) {
        symbolic.put(name, new Symbolic(null, Set.of()));
    }

    boolean isSymbolic(String name) {
        return symbolic.containsKey(name);
    }

    /** A symbolic local's current value as alist text, or null before it is assigned. */
    String value(String name) {
        return symbolic.get(name).text();
    }

    /**
     * Gives a symbolic local a new value: {@code text}, reading what was read since {@link #reset}
     * and, when {@code keep} (a compound assignment), what its old value read.
     */
    void assignSymbolic(String name, String text, boolean keep) {
        Set<Decl> r = new LinkedHashSet<>(read);
        if (keep) r.addAll(symbolic.get(name).reads());
        symbolic.put(name, new Symbolic(text, Set.copyOf(r)));
    }

    void forget(String name) {
        symbolic.remove(name);
    }

    private final Map<String, Symbolic> elements = new java.util.HashMap<>();

    /**
     * Gives one element of a vector a known value, read wherever {@code name[index]} is written
     * as such ({@code nu[1]} after {@code nu[1] = ...}; {@code nu[t]} in the loop over t after
     * {@code nu[t] = ...}): the value as alist text, reading what was read since {@link #reset}.
     */
    void element(String name, String index, String text) {
        elements.put(name + "[" + index + "]", new Symbolic(text, Set.copyOf(read)));
    }

    /** Forgets the element values indexed by a loop's variable (at the end of its body). */
    void forgetElements(String var) {
        elements.keySet().removeIf(k -> k.endsWith("[" + var + "]"));
    }


    /**
     * The value of a whole-number expression that does not depend on the parameters: a number,
     * an unrolled loop's variable, or (with the data given) arithmetic of data scalars; else null.
     */
    Integer intValue(StanParser.ExprContext e) {
        Set<Decl> before = Set.copyOf(read);
        String t;
        try {
            t = expr(e);
        } catch (UlamException x) {
            return null;
        } finally {
            read.clear();
            read.addAll(before);
        }
        if (data == null && !t.matches("[0-9 ()+*-]+")) return null;
        return data == null ? DataChecks.evaluate(t, EMPTY) : DataChecks.evaluate(t, data);
    }

    private static final ulam.runtime.data.DataSet EMPTY = ulam.runtime.data.DataSet.empty();

    /** The derived-data column {@code 1:extent} of a loop's variable (made once per extent), for conditions and lags. */
    String rowIndex(Loop l) {
        return derived("row:" + l.extent(), "stan_row", name -> "transdata> " + name + " <- 1:" + l.extent());
    }

    private String derived(String key, String stem, java.util.function.Function<String, String> line) {
        String name = hoisted.get(key);
        if (name == null) {
            int k = 1;
            name = stem + "_" + k;
            while (scope.containsKey(name) || hoisted.containsValue(name)) name = stem + "_" + (++k);
            hoisted.put(key, name);
            fresh.add(line.apply(name));
        }
        return name;
    }

    /**
     * {@code x[t - c]} in a loop over t that starts at {@code lo > c}: the index as a derived-data
     * column ({@code ifelse(row > c, row - c, 1)}), which the alist reads at the row; null when the
     * index is not the loop variable minus a whole number.
     */
    private String lag(StanParser.ExprContext e) {
        if (e.yes != null || e.cond.andExpr().size() != 1) return null;
        StanParser.AndExprContext a = e.cond.andExpr(0);
        if (a.eqExpr().size() != 1 || a.eqExpr(0).cmpExpr().size() != 1 || a.eqExpr(0).cmpExpr(0).additive().size() != 1) return null;
        StanParser.AdditiveContext ad = a.eqExpr(0).cmpExpr(0).additive(0);
        if (ad.multiplicative().size() != 2) return null;
        Loop l = null;
        for (Loop x : loops) if (x.var().equals(StanParse.text(ad.multiplicative(0)).strip())) l = x;
        if (l == null) return null;
        if (ad.addop.get(0).getType() != StanParser.MINUS) {
            throw unsupported(e, "an index after the loop's variable (x[" + l.var() + " + c])", "loop over the earlier index and read x[" + l.var() + " - c]");
        }
        String cText = StanParse.text(ad.multiplicative(1)).strip();
        Integer c = constants.containsKey(cText) ? constants.get(cText)
                : cText.matches("[0-9]+") ? Integer.valueOf(cText) : data == null ? null : DataChecks.evaluate(cText, data);
        if (c == null) {
            throw unsupported(e, "an index " + l.var() + " - c whose c is not a whole number" + (data == null ? " known without the data" : ""),
                    data == null ? "give the data with --data" : null);
        }
        if (l.loValue() == null) {
            throw unsupported(e, "a lagged index in a loop whose start is not known without the data", "give the data with --data");
        }
        if (l.loValue() - c < 1) {
            throw error(e, "the loop reads index " + (l.loValue() - c) + " (" + l.var() + " = " + l.loValue() + " minus " + c + "), below 1",
                    "start the loop at " + (c + 1));
        }
        if (c == 0) return null;
        String row = rowIndex(l);
        int lag = c;
        return derived("lag:" + row + ":" + c, "stan_lag", name -> "transdata> " + name + " <- ifelse(" + row + " > " + lag + ", " + row + " - " + lag + ", 1)");
    }

    void enter(Loop l) {
        loops.add(l);
    }

    void leave() {
        loops.remove(loops.size() - 1);
    }

    List<Loop> loops() {
        return List.copyOf(loops);
    }

    /** Starts recording the declarations an expression reads and whether a loop index was dropped. */
    void reset() {
        read.clear();
        stripped = false;
    }

    /** Declarations read since {@link #reset}. */
    Set<Decl> read() {
        return Set.copyOf(read);
    }

    /** Whether a loop variable's index was dropped since {@link #reset}. */
    boolean stripped() {
        return stripped;
    }

    UlamException error(ParserRuleContext c, String message, String help) {
        return source.error(StanParse.span(c), message, help);
    }

    UlamException unsupported(ParserRuleContext c, String what, String help) {
        return source.error(StanParse.span(c), what + " is not supported yet by the Stan front end", help);
    }

    String expr(StanParser.ExprContext c) {
        String cond = or(c.cond);
        if (c.yes == null) return cond;
        return "ifelse(" + cond + ", " + expr(c.yes) + ", " + expr(c.no) + ")";
    }

    private String or(StanParser.OrExprContext c) {
        List<String> p = new ArrayList<>();
        for (StanParser.AndExprContext a : c.andExpr()) p.add(and(a));
        return String.join(" || ", p);
    }

    private String and(StanParser.AndExprContext c) {
        List<String> p = new ArrayList<>();
        for (StanParser.EqExprContext a : c.eqExpr()) p.add(eq(a));
        return String.join(" && ", p);
    }

    private String eq(StanParser.EqExprContext c) {
        StringBuilder sb = new StringBuilder(cmp(c.cmpExpr(0)));
        for (int k = 1; k < c.cmpExpr().size(); k++) sb.append(' ').append(c.eqop.get(k - 1).getText()).append(' ').append(cmp(c.cmpExpr(k)));
        return sb.toString();
    }

    private String cmp(StanParser.CmpExprContext c) {
        StringBuilder sb = new StringBuilder(additive(c.additive(0)));
        for (int k = 1; k < c.additive().size(); k++) sb.append(' ').append(c.cmpop.get(k - 1).getText()).append(' ').append(additive(c.additive(k)));
        return sb.toString();
    }

    String additive(StanParser.AdditiveContext c) {
        StringBuilder sb = new StringBuilder(multiplicative(c.multiplicative(0)));
        for (int k = 1; k < c.multiplicative().size(); k++) {
            sb.append(' ').append(c.addop.get(k - 1).getText()).append(' ').append(multiplicative(c.multiplicative(k)));
        }
        return sb.toString();
    }

    private String multiplicative(StanParser.MultiplicativeContext c) {
        String acc = unary(c.unary(0));
        for (int k = 1; k < c.unary().size(); k++) {
            Token op = c.mulop.get(k - 1);
            String right = unary(c.unary(k));
            switch (op.getType()) {
                case StanParser.STAR -> {
                    Decl l = k == 1 ? nameOf(c.unary(0)) : null;
                    Decl r = nameOf(c.unary(k));
                    if (l != null && r != null && l.isRowVector() && r.rank() == 1 && !r.isRowVector() && r.arrayDims().isEmpty()) {
                        acc = "dot_product(" + acc + ", " + right + ")";
                    } else if (l != null && l.rank() == 2 && l.arrayDims().isEmpty() && isData(l)) {
                        acc = hoist(acc + " %*% " + right);
                    } else {
                        acc = acc + " * " + right;
                    }
                }
                case StanParser.ELTTIMES -> acc = acc + " * " + right;
                case StanParser.SLASH, StanParser.ELTDIV -> acc = acc + " / " + right;
                case StanParser.PERCENT -> acc = acc + " %% " + right;
                case StanParser.INTDIV -> acc = acc + " %/% " + right;
                default -> throw error(c, "matrix left division '\\' is not supported yet by the Stan front end",
                        "write the solve another way (mdivide_left is not in the stdlib yet)");
            }
        }
        return acc;
    }

    private static boolean isData(Decl d) {
        return d.block() == Decl.Block.DATA || d.block() == Decl.Block.TRANSFORMED_DATA;
    }

    /**
     * A data matrix times a vector, {@code X * beta}: one value per row of X, which an alist line
     * over rows reads from a local of its own ({@code stan_Xb_1 <- X %*% beta}, as
     * {@code mu <- X %*% beta} in an alist).
     */
    private String hoist(String product) {
        String name = hoisted.get(product);
        if (name == null) {
            int k = hoisted.size() + 1;
            name = "stan_Xb_" + k;
            while (scope.containsKey(name)) name = "stan_Xb_" + (++k);
            hoisted.put(product, name);
            fresh.add(name + " <- " + product);
        }
        return name;
    }

    /** The local lines made by {@link #hoist} since the last call (each made once). */
    List<String> drainHoisted() {
        List<String> out = List.copyOf(fresh);
        fresh.clear();
        return out;
    }

    /** The declaration an operand names when it is a bare name, else null. */
    private Decl nameOf(StanParser.UnaryContext u) {
        if (u.power() == null || u.power().op != null) return null;
        StanParser.PostfixContext p = u.power().postfix();
        if (!p.postfixOp().isEmpty() || !(p.primary() instanceof StanParser.NameExprContext n)) return null;
        return scope.get(n.ID().getText());
    }

    private String unary(StanParser.UnaryContext c) {
        if (c.op != null) return c.op.getText() + unary(c.unary());
        StanParser.PowerContext p = c.power();
        String base = postfix(p.postfix());
        if (p.op == null) return base;
        return base + " ^ " + unary(p.unary());
    }

    private String postfix(StanParser.PostfixContext c) {
        int k = 0;
        String acc;
        List<StanParser.PostfixOpContext> ops = c.postfixOp();
        if (c.primary() instanceof StanParser.NameExprContext n && !ops.isEmpty() && ops.get(0) instanceof StanParser.IndexOpContext ix) {
            acc = indexed(n, ix);
            k = 1;
        } else {
            acc = primary(c.primary());
        }
        for (; k < ops.size(); k++) {
            if (ops.get(k) instanceof StanParser.TransposeOpContext) {
                acc = "t(" + acc + ")";
            } else {
                throw unsupported(ops.get(k), "indexing the result of an expression, or a second [ ] after an index",
                        "index with one [i, j]");
            }
        }
        return acc;
    }

    /** {@code v[i, j]}: loop variables' indices dropped; others written as they are. */
    private String indexed(StanParser.NameExprContext n, StanParser.IndexOpContext ix) {
        Decl d = declared(n);
        Symbolic known = elements.get(d.name() + "[" + StanParse.text(ix.indexes()).replace(" ", "") + "]");
        if (known != null) {
            read.addAll(known.reads());
            return "(" + known.text() + ")";
        }
        List<StanParser.IndexContext> idx = ix.indexes().index();
        List<String> kept = new ArrayList<>();
        int dropped = 0;
        for (int k = 0; k < idx.size(); k++) {
            StanParser.IndexContext i = idx.get(k);
            if (!(i instanceof StanParser.SingleIndexContext s)) {
                throw unsupported(i, "a slice (a:b, :) as an index", "index one element at a time in a loop");
            }
            Loop l = loopVar(s.expr());
            if (l != null) {
                List<String> dims = d.dims();
                if (d.ctx() != null && k < dims.size() && !dims.get(k).equals(l.extent())) {
                    throw unsupported(i, "a loop over 1:" + l.extent() + " that reads '" + d.name() + "', whose size here is "
                            + dims.get(k) + ",", "loop over the whole of '" + d.name() + "' (1:" + dims.get(k) + ")");
                }
                dropped++;
                stripped = true;
            } else {
                String lagged = lag(s.expr());
                kept.add(lagged != null ? lagged : index(s.expr()));
            }
        }
        if (dropped > 0 && !kept.isEmpty()) {
            throw unsupported(ix, "indexing by a loop variable and by something else in one [ ]",
                    "loop over every index of '" + d.name() + "'");
        }
        return kept.isEmpty() ? d.name() : d.name() + "[" + String.join(", ", kept) + "]";
    }

    /**
     * An index other than a loop's variable: a name or number as it is; whole-number arithmetic of
     * numbers (an unrolled loop's {@code k - 1}) its value; arithmetic of data
     * ({@code B_slot[n] + 1}) a derived-data column of its own ({@code stan_index_1 <- B_slot + 1}),
     * as the alist takes an index (language.md, "Statement forms").
     */
    private String index(StanParser.ExprContext e) {
        Set<Decl> before = Set.copyOf(read);
        read.clear();
        String t = expr(e);
        Set<Decl> used = Set.copyOf(read);
        read.addAll(before);
        if (t.matches("[A-Za-z][A-Za-z0-9_]*|[0-9]+")) return t;
        Integer v = t.matches("[0-9 ()+*-]+") ? DataChecks.evaluate(t, EMPTY) : null;
        if (v != null) return Integer.toString(v);
        for (Decl d : used) if (!isData(d) || !d.isInt()) return t;
        return derived("index:" + t, "stan_index", name -> "transdata> " + name + " <- " + t);
    }

    /** The loop whose variable the expression is, bare, or null. */
    private Loop loopVar(StanParser.ExprContext e) {
        String t = StanParse.text(e).strip();
        for (Loop l : loops) if (l.var().equals(t)) return l;
        return null;
    }

    private Decl declared(StanParser.NameExprContext n) {
        String name = n.ID().getText();
        Decl d = scope.get(name);
        if (d == null) {
            throw error(n, "'" + name + "' is not declared", "declare it in the data, parameters or a block before its use");
        }
        read.add(d);
        return d;
    }

    private String primary(StanParser.PrimaryContext c) {
        if (c instanceof StanParser.NumberExprContext n) return n.NUMBER().getText();
        if (c instanceof StanParser.ParenExprContext p) return "(" + expr(p.expr()) + ")";
        if (c instanceof StanParser.NameExprContext n) {
            Integer k = constants.get(n.ID().getText());
            if (k != null) return Integer.toString(k);
            Symbolic sy = symbolic.get(n.ID().getText());
            if (sy != null) {
                if (sy.text() == null) throw error(n, "'" + n.ID().getText() + "' is read before it is given a value", null);
                read.addAll(sy.reads());
                return "(" + sy.text() + ")";
            }
            for (Loop l : loops) {
                if (l.var().equals(n.ID().getText())) {
                    throw unsupported(n, "using the loop variable '" + l.var() + "' other than as a whole index (x[" + l.var() + "])",
                            "the front end runs a loop's iterations as one vectorised statement; write the index as data");
                }
            }
            return declared(n).name();
        }
        if (c instanceof StanParser.CallExprContext call) return call(call);
        if (c instanceof StanParser.ArrayExprContext a) return "c(" + list(a.exprList()) + ")";
        if (c instanceof StanParser.RowVectorExprContext r) return "c(" + list(r.exprList()) + ")";
        if (c instanceof StanParser.ImagExprContext) throw unsupported(c, "complex numbers", null);
        if (c instanceof StanParser.TargetExprContext) throw unsupported(c, "reading target()", null);
        throw unsupported(c, "a string outside print()", null);
    }

    String list(StanParser.ExprListContext l) {
        List<String> p = new ArrayList<>();
        if (l != null) for (StanParser.ExprContext e : l.expr()) p.add(expr(e));
        return String.join(", ", p);
    }

    /** Stan functions that take functions or closures: refused by name (prefixes). */
    private static final List<String> UNSUPPORTED = List.of("ode_", "integrate_ode", "integrate_1d", "algebra_solver", "solve_newton",
            "solve_powell", "reduce_sum", "map_rect", "hmm_", "dae", "maximize", "minimize");

    /** Stan functions the alist spells differently, or sizes that are the declared sizes. */
    private String call(StanParser.CallExprContext c) {
        String fn = c.fn.getText();
        for (String prefix : UNSUPPORTED) {
            if (fn.startsWith(prefix)) {
                throw unsupported(c, fn + "() (ODE and algebraic solvers, integrators, reduce_sum, map_rect, HMMs)", null);
            }
        }
        List<StanParser.ExprContext> args = c.exprList() == null ? List.of() : c.exprList().expr();
        if (c.first != null) {
            String outcome = expr(c.first);
            String rest = list(c.exprList());
            if (fn.equals("std_normal_lpdf") || fn.equals("std_normal_lupdf")) return "normal_lpdf(" + outcome + " | 0, 1)";
            fn = fn.replace("_lupdf", "_lpdf").replace("_lupmf", "_lpmf");
            return fn + "(" + outcome + (rest.isEmpty() ? "" : " | " + rest) + ")";
        }
        switch (fn) {
            case "pi" -> { return Double.toString(Math.PI); }
            case "e" -> { return Double.toString(Math.E); }
            case "sqrt2" -> { return Double.toString(Math.sqrt(2)); }
            case "log2" -> { return args.isEmpty() ? Double.toString(Math.log(2)) : "(log(" + list(c.exprList()) + ") / " + Math.log(2) + ")"; }
            case "log10" -> { return args.isEmpty() ? Double.toString(Math.log(10)) : "(log(" + list(c.exprList()) + ") / " + Math.log(10) + ")"; }
            case "fabs" -> fn = "abs";
            case "inv" -> { return "(1 / (" + list(c.exprList()) + "))"; }
            case "inv_sqrt" -> { return "(1 / sqrt(" + list(c.exprList()) + "))"; }
            case "inv_square" -> { return "(1 / square(" + list(c.exprList()) + "))"; }
            case "dot_self" -> {
                String x = list(c.exprList());
                // x[n] of an array of vectors in a loop over n: one dot product per row
                return (args.size() == 1 && loopRow(args.get(0)) ? "rows_dot_product(" : "dot_product(") + x + ", " + x + ")";
            }
            case "binomial_coefficient_log" -> fn = "lchoose";
            case "size", "num_elements", "rows", "cols" -> { return size(c, fn, args); }
            case "std_normal_rng" -> { return "normal_rng(0, 1)"; }
            default -> { }
        }
        fn = fn.replace("_lupdf", "_lpdf").replace("_lupmf", "_lpmf");
        return fn + "(" + list(c.exprList()) + ")";
    }

    private String size(StanParser.CallExprContext c, String fn, List<StanParser.ExprContext> args) {
        if (args.size() != 1 || loopVarFree(args.get(0)) == null) {
            throw unsupported(c, fn + "() of an expression", "give " + fn + "() a declared variable");
        }
        Decl d = loopVarFree(args.get(0));
        read.add(d);
        List<String> dims = d.dims();
        if (dims.isEmpty()) throw error(c, fn + "() of the scalar '" + d.name() + "'", null);
        return switch (fn) {
            case "cols" -> dims.size() < 2 ? "1" : dims.get(1);
            case "num_elements" -> dims.size() == 1 ? dims.get(0) : "(" + String.join(" * ", dims) + ")";
            default -> dims.get(0);
        };
    }

    /** Whether an expression is {@code x[n]}, x of two indices (an array of vectors) and n a loop's variable. */
    private boolean loopRow(StanParser.ExprContext e) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\[([A-Za-z_][A-Za-z0-9_]*)\\]")
                .matcher(StanParse.text(e).replaceAll("\\s", ""));
        if (!m.matches()) return false;
        Decl d = scope.get(m.group(1));
        return d != null && d.rank() == 2 && loops.stream().anyMatch(l -> l.var().equals(m.group(2)));
    }

    private Decl loopVarFree(StanParser.ExprContext e) {
        return scope.get(StanParse.text(e).strip());
    }
}
