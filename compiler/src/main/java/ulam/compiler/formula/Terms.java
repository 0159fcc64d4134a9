package ulam.compiler.formula;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import ulam.compiler.ast.Span;
import ulam.compiler.parse.Source;
import ulam.runtime.UlamException;

/**
 * The right side of a model formula read as R's {@code terms()} and lme4's {@code findbars()}
 * read it: an intercept flag, population-level terms (each a set of variables: {@code x},
 * {@code a:b}) and group-level terms {@code (lhs | g)}. Expansion follows R's formula algebra
 * ({@code ?formula}): {@code a*b} is {@code a + b + a:b}, {@code (a + b):c} is {@code a:c + b:c},
 * {@code a/b} is {@code a + a:b}, {@code (a + b)^2} the terms up to second order, {@code -x}
 * removes a term, {@code 0} or {@code -1} the intercept. Terms are ordered as R orders them
 * (by order, then by first appearance), the variables of an interaction by their first
 * appearance in the formula. A group-level term's grouping {@code g1:g2} is one grouping factor
 * of the combined levels, {@code g1/g2} the two terms {@code (lhs | g1)} and
 * {@code (lhs | g1:g2)}; {@code ||} makes the term's effects uncorrelated.
 */
final class Terms {

    /** A variable of a term as written: a column, {@code factor(x)}, {@code log(x)}, {@code I(x^2)}. */
    record Variable(RExpr expr, String label) {}

    /** One population-level term: its variables in formula order ({@code a:b}); its label is theirs joined with ':'. */
    record Term(List<Variable> variables) {
        String label() {
            return String.join(":", variables.stream().map(Variable::label).toList());
        }

        Set<String> keys() {
            Set<String> k = new LinkedHashSet<>();
            for (Variable v : variables) k.add(v.label());
            return k;
        }
    }

    /**
     * A group-level term {@code (lhs | g)}.
     *
     * @param effects    the terms of its left side
     * @param grouping   the grouping variables: one ({@code g}) or several for {@code g1:g2}
     * @param correlated false for {@code ||}
     * @param span       where the term is written
     */
    record Group(Rhs effects, List<Variable> grouping, boolean correlated, Span span) {
        /** brms's and rstanarm's name of the grouping factor: {@code g}, {@code g1:g2}. */
        String label() {
            return String.join(":", grouping.stream().map(Variable::label).toList());
        }
    }

    /** A formula's right side: intercept, population-level terms, group-level terms. */
    record Rhs(boolean intercept, List<Term> terms, List<Group> groups, Span span) {}

    private final Source source;
    private final List<String> order = new ArrayList<>();   // variables by first appearance

    private Terms(Source source) {
        this.source = source;
    }

    /**
     * Reads a formula's right side.
     *
     * @param rhs        the expression right of {@code ~}
     * @param allowGroups whether {@code (x | g)} terms may appear (not inside a group term's left side)
     * @throws UlamException for a term this front end does not read, located, with what to write instead
     */
    static Rhs read(Source source, RExpr rhs, boolean allowGroups) {
        return new Terms(source).rhs(rhs, allowGroups);
    }

    private Rhs rhs(RExpr e, boolean allowGroups) {
        Acc acc = new Acc();
        collect(e, acc, allowGroups, false);
        List<Term> terms = new ArrayList<>();
        for (Set<String> keys : acc.terms) {
            List<Variable> vars = new ArrayList<>();
            for (String k : order) if (keys.contains(k)) vars.add(acc.variables.stream().filter(v -> v.label().equals(k)).findFirst().orElseThrow());
            terms.add(new Term(List.copyOf(vars)));
        }
        terms.sort(Comparator.comparingInt(t -> t.variables().size()));   // stable: R's order
        return new Rhs(acc.intercept, List.copyOf(terms), List.copyOf(acc.groups), e.span());
    }

    /** What a formula adds up to while it is read. */
    private static final class Acc {
        boolean intercept = true;
        final List<Set<String>> terms = new ArrayList<>();
        final List<Variable> variables = new ArrayList<>();
        final List<Group> groups = new ArrayList<>();

        void add(Set<String> t) {
            if (!terms.contains(t)) terms.add(t);
        }
    }

    /** Adds the terms of {@code e} to {@code acc} ({@code minus}: removes them). */
    private void collect(RExpr e, Acc acc, boolean allowGroups, boolean minus) {
        RExpr s = RExpr.strip(e);
        if (s instanceof RExpr.Binary b && b.op().equals("+")) {
            collect(b.left(), acc, allowGroups, minus);
            collect(b.right(), acc, allowGroups, minus);
            return;
        }
        if (s instanceof RExpr.Binary b && b.op().equals("-")) {
            collect(b.left(), acc, allowGroups, minus);
            collect(b.right(), acc, allowGroups, !minus);
            return;
        }
        if (s instanceof RExpr.Unary u && u.op().equals("-")) {
            collect(u.operand(), acc, allowGroups, !minus);
            return;
        }
        if (s instanceof RExpr.Unary u && u.op().equals("+")) {
            collect(u.operand(), acc, allowGroups, minus);
            return;
        }
        if (s instanceof RExpr.Num n && (n.value() == 0 || n.value() == 1)) {
            acc.intercept = minus ? n.value() == 0 : n.value() == 1;
            return;
        }
        if (s instanceof RExpr.Binary b && (b.op().equals("|") || b.op().equals("||"))) {
            if (!allowGroups) {
                throw source.error(b.span(), "a group-level term cannot be nested in another",
                        "write each (terms | group) term on its own, joined by +");
            }
            if (minus) throw source.error(b.span(), "a group-level term cannot be removed with '-'", "leave it out of the formula");
            acc.groups.addAll(group(b));
            return;
        }
        for (Set<String> t : product(s, acc)) {
            if (minus) acc.terms.remove(t);
            else acc.add(t);
        }
    }

    /** The terms of an expression without + or -: a variable, or interactions and crossings of them. */
    private List<Set<String>> product(RExpr e, Acc acc) {
        RExpr s = RExpr.strip(e);
        if (s instanceof RExpr.Binary b) {
            switch (b.op()) {
                case ":", "%in%" -> {
                    return cross(product(b.left(), acc), product(b.right(), acc), false);
                }
                case "*" -> {
                    return cross(product(b.left(), acc), product(b.right(), acc), true);
                }
                case "/" -> {
                    List<Set<String>> left = product(b.left(), acc);
                    Set<String> all = new LinkedHashSet<>();
                    for (Set<String> t : left) all.addAll(t);
                    List<Set<String>> out = new ArrayList<>(left);
                    for (Set<String> t : cross(List.of(all), product(b.right(), acc), false)) if (!out.contains(t)) out.add(t);
                    return out;
                }
                case "^" -> {
                    if (!(RExpr.strip(b.right()) instanceof RExpr.Num n) || n.value() < 1 || n.value() != Math.rint(n.value())) {
                        throw source.error(b.right().span(), "the power of a term must be a whole number",
                                "(a + b + c)^2 means a, b, c and their two-way interactions; for x squared write I(x^2)");
                    }
                    List<Set<String>> base = product(b.left(), acc);
                    List<Set<String>> out = base;
                    for (int k = 1; k < (int) n.value(); k++) out = cross(out, base, true);
                    return out;
                }
                case "+", "-" -> {
                    Acc inner = new Acc();
                    collect(s, inner, false, false);
                    if (!inner.intercept) {
                        throw source.error(s.span(), "an intercept term cannot be part of an interaction", "remove the 0 or 1 here");
                    }
                    acc.variables.addAll(inner.variables);
                    return inner.terms;
                }
                case "|", "||" -> throw source.error(b.span(), "a group-level term cannot be part of an interaction",
                        "write (terms | group) on its own, joined by +");
                default -> {
                    // an arithmetic expression outside I() is not a term
                    throw source.error(b.span(), "'" + b.op() + "' is not an operator of formulas here",
                            "to use an arithmetic expression as a predictor write I(" + Deparse.of(b) + ")");
                }
            }
        }
        if (s instanceof RExpr.Sym sym && sym.name().equals(".")) {
            throw source.error(sym.span(), "'.' (all other columns) is not supported yet",
                    "name the predictors: y ~ x1 + x2; see docs/formulas.md");
        }
        if (s instanceof RExpr.Num n) {
            throw source.error(n.span(), "a number other than 0 or 1 is not a term",
                    "1 adds the intercept and 0 removes it; for a constant predictor write I(" + n.text() + ")");
        }
        if (s instanceof RExpr.Sym || s instanceof RExpr.Call) {
            Variable v = variable(s);
            if (!order.contains(v.label())) order.add(v.label());
            if (acc.variables.stream().noneMatch(x -> x.label().equals(v.label()))) acc.variables.add(v);
            Set<String> t = new LinkedHashSet<>();
            t.add(v.label());
            return List.of(t);
        }
        throw source.error(s.span(), "this is not a term of a formula", "terms are column names, calls such as log(x), and their interactions a:b");
    }

    /** Interactions of two term lists ({@code withMain}: also the terms themselves, as {@code *}). */
    private static List<Set<String>> cross(List<Set<String>> a, List<Set<String>> b, boolean withMain) {
        List<Set<String>> out = new ArrayList<>();
        if (withMain) {
            for (Set<String> t : a) if (!out.contains(t)) out.add(t);
            for (Set<String> t : b) if (!out.contains(t)) out.add(t);
        }
        for (Set<String> x : a) {
            for (Set<String> y : b) {
                Set<String> t = new LinkedHashSet<>(x);
                t.addAll(y);
                if (!out.contains(t)) out.add(t);
            }
        }
        return out;
    }

    /** A term's variable; calls other than the supported ones are refused with a located message. */
    private Variable variable(RExpr e) {
        if (e instanceof RExpr.Call c) {
            String f = c.function();
            if (f == null) throw source.error(c.span(), "this call is not a predictor", "write a column name or a call such as log(x)");
            switch (f) {
                case "factor", "as.factor", "log", "exp", "sqrt", "I", "log2", "log10", "log1p", "abs" -> {
                    if (c.args().size() != 1 || c.args().get(0).name() != null || c.args().get(0).value() == null) {
                        throw source.error(c.span(), f + "() takes one argument here",
                                f.equals("factor") ? "factor(x) treats the column x as categories; levels= and labels= are not supported yet"
                                        : "write " + f + "(x)");
                    }
                }
                default -> throw source.error(c.functionSpan(), "'" + f + "(...)' in a formula is not supported yet",
                        suggestion(f));
            }
        }
        return new Variable(e, Deparse.of(e));
    }

    private static String suggestion(String f) {
        return switch (f) {
            case "scale" -> "standardize the column first (a derived column x_s = (x - mean(x)) / sd(x) in the data)";
            case "poly", "ns", "bs", "s", "t2", "gp" -> "splines, polynomials and Gaussian processes are not supported yet;"
                    + " add the powers as columns or use I(x^2); see docs/formulas.md";
            case "offset" -> "offsets are not supported yet; see docs/formulas.md";
            case "mo", "me", "mi", "cs", "cens", "trunc", "weights", "se" -> "brms's special terms are not supported yet; see docs/formulas.md";
            default -> "supported calls are factor(), log(), exp(), sqrt(), log2(), log10(), log1p(), abs() and I(); see docs/formulas.md";
        };
    }

    /** {@code (lhs | g)}, {@code (lhs || g)}, with {@code g1:g2} and {@code g1/g2} groupings. */
    private List<Group> group(RExpr.Binary bar) {
        boolean correlated = bar.op().equals("|");
        RExpr left = RExpr.strip(bar.left());
        if (left instanceof RExpr.Binary inner && inner.op().equals("|")) {
            throw source.error(bar.span(), "brms's (terms | ID | group) correlation IDs are not supported yet",
                    "write (terms | group); see docs/formulas.md");
        }
        Rhs effects = new Terms(source).rhs(bar.left(), false);
        if (!effects.intercept() && effects.terms().isEmpty()) {
            throw source.error(bar.left().span(), "this group-level term has no effects", "write (1 | g) for an intercept per group");
        }
        RExpr g = RExpr.strip(bar.right());
        List<Group> out = new ArrayList<>();
        if (g instanceof RExpr.Binary b && b.op().equals("/")) {
            List<Variable> outer = grouping(b.left());
            List<Variable> inner = grouping(b.right());
            List<Variable> both = new ArrayList<>(outer);
            both.addAll(inner);
            out.add(new Group(effects, outer, correlated, bar.span()));
            out.add(new Group(effects, List.copyOf(both), correlated, bar.span()));
            return out;
        }
        out.add(new Group(effects, grouping(g), correlated, bar.span()));
        return out;
    }

    private List<Variable> grouping(RExpr e) {
        RExpr s = RExpr.strip(e);
        if (s instanceof RExpr.Binary b && b.op().equals(":")) {
            List<Variable> out = new ArrayList<>(grouping(b.left()));
            out.addAll(grouping(b.right()));
            return List.copyOf(out);
        }
        if (s instanceof RExpr.Sym sym) return List.of(new Variable(sym, sym.name()));
        if (s instanceof RExpr.Call c && c.function() != null && (c.function().equals("gr") || c.function().equals("mm"))) {
            throw source.error(c.functionSpan(), "brms's " + c.function() + "() grouping is not supported yet",
                    "group by a column: (1 | g); see docs/formulas.md");
        }
        throw source.error(s.span(), "a grouping factor is a column name", "write (1 | g), (1 | g1:g2) or (1 | g1/g2) with columns g, g1, g2");
    }
}
