package ulam.compiler.stanfront;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import ulam.compiler.ast.Span;
import ulam.compiler.parse.Source;
import ulam.grammar.StanParser;
import ulam.runtime.UlamException;

/**
 * A Stan program's blocks as alist lines (docs/stan.md): the data block becomes the data schema,
 * each parameter one typed {@code ~} line in declaration order (its first prior, or
 * {@code flat()}, Stan's implicit uniform prior), bounds the wrapper's {@code constraints},
 * model statements {@code ~} lines, {@code target += dist_lpdf(y | ...)} the line
 * {@code y ~ dist(...)}, locals and transformed parameters {@code <-} lines (one value per row
 * when they read the data's vectors) or typed {@code <<-} lines (a whole vector), transformed
 * data {@code transdata>} lines and generated quantities {@code gq>} lines. A loop whose
 * iterations are independent is one vectorised line ({@link StanExprs}).
 */
final class StanLowering {

    /** An alist line and the Stan statement it came from, for messages about it. */
    record Line(String text, Span origin) {}

    private final Source source;
    private final Map<String, Decl> scope = new LinkedHashMap<>();
    private final StanExprs ex;
    private final List<Decl> parameters = new ArrayList<>();
    private final Map<String, Line> declaring = new LinkedHashMap<>();
    private final List<Line> lines = new ArrayList<>();
    private final Set<String> defined = new HashSet<>();
    private final Map<String, String> constraints = new LinkedHashMap<>();
    private final Map<String, Span> constraintOrigins = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private Decl.Block block;

    private final ulam.runtime.data.DataSet data;
    private final DataValues values;
    private InterpretedQuantities quantities;

    /** @param data the data when given (sizes that are expressions of data scalars are evaluated), or null */
    StanLowering(Source source, ulam.runtime.data.DataSet data) {
        this.source = source;
        this.data = data;
        this.ex = new StanExprs(source, scope, data);
        this.values = new DataValues(source, scope, data);
    }

    /** The data block's declarations. */
    List<Decl> data() {
        List<Decl> d = new ArrayList<>();
        for (Decl x : scope.values()) if (x.block() == Decl.Block.DATA) d.add(x);
        return d;
    }

    List<String> notes() {
        return notes;
    }

    Map<String, String> constraints() {
        return constraints;
    }

    /** Where each parameter of {@link #constraints} declares its bounds. */
    Map<String, Span> constraintOrigins() {
        return constraintOrigins;
    }

    /** Adds a line after the locals its expressions made ({@link StanExprs#drainHoisted}). */
    private void add(Line l) {
        for (String h : ex.drainHoisted()) lines.add(new Line(h, l.origin()));
        lines.add(l);
    }

    /** The alist lines: each parameter's declaring line in declaration order, then the others in program order. */
    List<Line> lines() {
        List<Line> all = new ArrayList<>();
        for (Decl p : parameters) {
            Line l = declaring.get(p.name());
            all.add(l != null ? l : new Line(typePrefix(p) + p.name() + " ~ flat()", p.span()));
        }
        all.addAll(lines);
        return all;
    }

    void lower(StanParser.ProgramContext c) {
        if (c.functionsBlock() != null && !c.functionsBlock().functionDef().isEmpty()) {
            throw unsupported(c.functionsBlock(), "the functions block (user-defined functions)",
                    "write the function's body where it is used");
        }
        if (c.dataBlock() != null) {
            block = Decl.Block.DATA;
            for (StanParser.VarDeclContext v : c.dataBlock().varDecl()) {
                if (v.value != null) throw source.error(StanParse.span(v.value), "a data variable cannot be given a value", "move it to transformed data");
                declare(v);
            }
        }
        if (c.transformedDataBlock() != null && imperative(c.transformedDataBlock().blockItem())) {
            interpreted(c.transformedDataBlock().blockItem());
        } else if (c.transformedDataBlock() != null) {
            items(Decl.Block.TRANSFORMED_DATA, c.transformedDataBlock().blockItem());
        }
        if (c.parametersBlock() != null) {
            block = Decl.Block.PARAMETERS;
            for (StanParser.VarDeclContext v : c.parametersBlock().varDecl()) {
                if (v.value != null) throw source.error(StanParse.span(v.value), "a parameter cannot be given a value", "move it to transformed parameters");
                parameters.add(declareParameter(v));
            }
        }
        if (c.transformedParametersBlock() != null) items(Decl.Block.TRANSFORMED_PARAMETERS, c.transformedParametersBlock().blockItem());
        if (c.modelBlock() != null) items(Decl.Block.MODEL, c.modelBlock().blockItem());
        if (c.generatedQuantitiesBlock() != null && InterpretedQuantities.imperative(c.generatedQuantitiesBlock().blockItem())) {
            quantities = new InterpretedQuantities(source, scope, c.transformedDataBlock() == null ? null : c.transformedDataBlock().blockItem(),
                    c.generatedQuantitiesBlock().blockItem());
            notes.add(source.file() + ":" + c.generatedQuantitiesBlock().getStart().getLine() + ": the generated quantities block is"
                    + " imperative code, run by the interpreter once per draw (not alist lines): its values follow the model's outputs");
        } else if (c.generatedQuantitiesBlock() != null) {
            items(Decl.Block.GENERATED_QUANTITIES, c.generatedQuantitiesBlock().blockItem());
        }
        for (Decl d : scope.values()) {
            boolean assignedBlock = d.block() == Decl.Block.TRANSFORMED_DATA || d.block() == Decl.Block.TRANSFORMED_PARAMETERS
                    || d.block() == Decl.Block.GENERATED_QUANTITIES;
            if (assignedBlock && !defined.contains(d.name())) {
                throw source.error(d.span(), "'" + d.name() + "' is declared but never given a value",
                        "assign it in its block (the front end does not report variables left undefined)");
            }
        }
    }

    /** The generated quantities run per draw by the interpreter (an imperative block), or null. */
    InterpretedQuantities quantities() {
        return quantities;
    }

    /** The transformed data block's items when the block is run on the data when they are bound, else null. */
    List<StanParser.BlockItemContext> interpretedData() {
        return values.interpreted();
    }

    /** The program's declarations by name. */
    Map<String, Decl> scope() {
        return scope;
    }

    /** The transformed data computed by {@link StanInterpreter} (not alist lines): their declarations. */
    List<Decl> interpretedDecls() {
        List<Decl> d = new ArrayList<>();
        if (values.interpreted() != null) for (Decl x : scope.values()) if (x.block() == Decl.Block.TRANSFORMED_DATA) d.add(x);
        return d;
    }

    /**
     * Whether a transformed data block has statements (loops, assignments of elements and
     * slices, conditions): then it is run as Stan runs it, once on the data, and its variables
     * are data of the model; a block of declarations with values only is {@code transdata>} lines.
     */
    private static boolean imperative(List<StanParser.BlockItemContext> items) {
        for (StanParser.BlockItemContext i : items) {
            if (i.statement() != null && !(i.statement() instanceof StanParser.EmptyStatementContext)) return true;
        }
        return false;
    }

    /** Declares the block's top-level variables as data computed by the interpreter; with the data given, runs it now (errors early). */
    private void interpreted(List<StanParser.BlockItemContext> items) {
        block = Decl.Block.TRANSFORMED_DATA;
        for (StanParser.BlockItemContext i : items) {
            if (i.varDecl() == null) continue;
            Decl d = declare(i.varDecl());
            if (d.rank() > 2) throw unsupported(i.varDecl(), "a transformed data variable of more than two indices", null);
            defined.add(d.name());
        }
        values.interpret(items);
    }

    private void items(Decl.Block b, List<StanParser.BlockItemContext> items) {
        block = b;
        for (StanParser.BlockItemContext i : items) item(i);
    }

    private void item(StanParser.BlockItemContext i) {
        if (i.varDecl() != null) {
            StanParser.VarDeclContext v = i.varDecl();
            if (!bodies.isEmpty() && carried(v)) {
                declareSymbolic(v);
                return;
            }
            Decl d = declare(v);
            if (v.value != null) define(d, v.value, v);
        } else {
            statement(i.statement());
        }
    }

    // ------------------------------------------------------------ declarations

    private Decl declare(StanParser.VarDeclContext v) {
        String name = v.name.getText();
        if (scope.containsKey(name)) {
            throw source.error(StanParse.span(v.name), "'" + name + "' is declared twice",
                    "give the second one another name (the front end has one scope for the whole program)");
        }
        if (name.endsWith("__")) throw source.error(StanParse.span(v.name), "a name may not end in __ (Stan reserves such names)", null);
        List<String> arrayDims = new ArrayList<>();
        for (StanExprs.Loop l : ex.loops()) arrayDims.add(l.extent());
        if (v.arrayDims != null && v.oldDims != null) throw source.error(StanParse.span(v), "a declaration with both array[...] and [...] after the name", null);
        StanParser.ExprListContext dims = v.arrayDims != null ? v.arrayDims : v.oldDims;
        if (dims != null) for (StanParser.ExprContext e : dims.expr()) arrayDims.add(size(e));
        StanParser.TypeContext t = v.type();
        List<String> typeDims = new ArrayList<>();
        if (t.size != null) typeDims.add(size(t.size));
        if (t.rows != null) typeDims.add(size(t.rows));
        if (t.cols != null) typeDims.add(size(t.cols));
        Map<String, String> bounds = new LinkedHashMap<>();
        if (t.bounds() != null) {
            for (StanParser.BoundContext b : t.bounds().bound()) {
                String key = b.name.getText();
                if (!List.of("lower", "upper", "offset", "multiplier").contains(key)) {
                    throw source.error(StanParse.span(b), "unknown bound '" + key + "'", "bounds are lower, upper, offset and multiplier");
                }
                bounds.put(key, ex.additive(b.additive()));
            }
        }
        Decl d = new Decl(name, block, t.kind.getText(), List.copyOf(arrayDims), List.copyOf(typeDims), bounds, StanParse.span(v.name), v);
        if (d.base().equals("complex")) throw unsupported(t, "complex numbers", null);
        scope.put(name, d);
        return d;
    }

    /**
     * A size: a number or a data name, as alist text (an alist type takes nothing else); with the
     * data in hand, whole-number arithmetic of data scalars ({@code N_R - 1}) is its value.
     */
    private String size(StanParser.ExprContext e) {
        String t = StanParse.text(e).strip();
        if (t.matches("[0-9]+")) return t;
        Decl d = scope.get(t);
        if (d != null && d.rank() == 0 && (d.block() == Decl.Block.DATA || d.block() == Decl.Block.TRANSFORMED_DATA)) return t;
        Integer v = data == null ? null : DataChecks.evaluate(ex.expr(e), data);
        if (v != null) return Integer.toString(v);
        throw unsupported(e, "a size that is an expression" + (data == null ? " (without the data)" : ""),
                data == null ? "give the data with --data, or give the size as data (int K;)" : "give the size as data (int K;) and use its name");
    }

    private Decl declareParameter(StanParser.VarDeclContext v) {
        Decl p = declare(v);
        String base = p.base();
        if (base.equals("int")) throw source.error(StanParse.span(v.type()), "a parameter cannot be an int", "Stan's parameters are real-valued");
        if (List.of("unit_vector", "sum_to_zero_vector", "row_vector").contains(base)) throw unsupported(v.type(), "a " + base + " parameter", null);
        if (!p.arrayDims().isEmpty() && !base.equals("real")) {
            throw unsupported(v.type(), "an array of " + base + " parameters", "declare a matrix, one row per element");
        }
        if (p.arrayDims().size() > 2) throw unsupported(v.type(), "an array of more than two indices", null);
        String lower = p.bounds().get("lower");
        String upper = p.bounds().get("upper");
        if (lower != null || upper != null) {
            // a bound is a number or an expression of the data and the parameters declared before
            // (the checker types it: a scalar; a later parameter is not in scope here yet)
            List<String> c = new ArrayList<>();
            if (lower != null) c.add("lower=" + bound(lower));
            if (upper != null) c.add("upper=" + bound(upper));
            constraints.put(p.name(), String.join(",", c));
            constraintOrigins.put(p.name(), StanParse.span(v.type().bounds()));
        }
        if (p.bounds().containsKey("offset") || p.bounds().containsKey("multiplier")) {
            notes.add(source.file() + ":" + p.span().line() + ": '" + p.name() + "' has <offset, multiplier>: the front end samples it"
                    + " on the plain unconstrained scale (the same posterior; the affine transform only changes the geometry)");
        }
        return p;
    }

    /** A bound's alist text: a number without its spaces, an expression as it is (the constraint's text splits at top-level commas only). */
    private static String bound(String text) {
        String t = text.replace(" ", "");
        try {
            Double.parseDouble(t);
            return t;
        } catch (NumberFormatException e) {
            return text;
        }
    }

    /** The alist type a line declares a value with ({@code vector[J]:}), or "" for a scalar. */
    private static String typePrefix(Decl d) {
        List<String> dims = d.dims();
        String base = d.base();
        return switch (base) {
            case "simplex", "ordered", "positive_ordered", "corr_matrix", "cov_matrix", "cholesky_factor_corr" -> base + "[" + d.typeDims().get(0) + "]:";
            case "cholesky_factor_cov" -> base + "[" + String.join(",", d.typeDims()) + "]:";
            default -> dims.isEmpty() ? "" : dims.size() == 1 ? "vector[" + dims.get(0) + "]:" : "matrix[" + dims.get(0) + "," + dims.get(1) + "]:";
        };
    }

    // ------------------------------------------------------------ statements

    private void statement(StanParser.StatementContext s) {
        if (s instanceof StanParser.AssignStatementContext a) assign(a);
        else if (s instanceof StanParser.TildeStatementContext t) tilde(t);
        else if (s instanceof StanParser.TargetStatementContext t) target(t.expr(), t);
        else if (s instanceof StanParser.OldTargetStatementContext t) target(t.expr(), t);
        else if (s instanceof StanParser.ForStatementContext f) loop(f);
        else if (s instanceof StanParser.BlockStatementContext b) for (StanParser.BlockItemContext i : b.blockItem()) item(i);
        else if (s instanceof StanParser.ProfileStatementContext p) for (StanParser.BlockItemContext i : p.blockItem()) item(i);
        else if (s instanceof StanParser.EmptyStatementContext) { /* nothing */ }
        else if (s instanceof StanParser.PrintStatementContext p && p.fn.getType() == StanParser.PRINT) {
            notes.add(source.file() + ":" + p.getStart().getLine() + ": print() is ignored");
        } else if (s instanceof StanParser.PrintStatementContext p) {
            throw unsupported(s, p.fn.getText() + "()", "check the data before the run; the front end does not reject draws");
        } else if (s instanceof StanParser.IfStatementContext i) {
            decide(i);
        } else if (s instanceof StanParser.WhileStatementContext) {
            throw unsupported(s, "a while loop", null);
        } else if (s instanceof StanParser.ForeachStatementContext) {
            throw unsupported(s, "a for loop over the elements of a container", "loop over 1:size(x)");
        } else if (s instanceof StanParser.CallStatementContext c) {
            throw unsupported(s, "calling " + c.ID().getText() + "() as a statement", null);
        } else {
            throw unsupported(s, "'" + s.getStart().getText() + "'", null);
        }
    }

    /**
     * {@code if (c) s1 else s2} whose condition reads data only (brms's {@code if (!prior_only)}):
     * the branch the data choose, with a note (the compiled model is for data with that value).
     */
    private void decide(StanParser.IfStatementContext i) {
        StanValue c = values.value(i.cond, "if / else on the data");
        if (c == null) {
            throw unsupported(i, "if / else whose condition depends on parameters, locals or a loop's variable",
                    "write the condition with the ?: operator inside an expression");
        }
        if (!c.isScalar()) throw source.error(StanParse.span(i.cond), "a condition must be a single int or real, but this is " + c.describe(), null);
        boolean yes = c.scalarValue() != 0;
        notes.add(source.file() + ":" + i.getStart().getLine() + ": if (" + StanParse.text(i.cond) + ") is " + (yes ? "true" : "false")
                + " with these data: " + (yes ? "its statement applies" : i.otherwise != null ? "its else applies" : "its statement is left out")
                + " (the model is compiled for these data)");
        if (yes) statement(i.then);
        else if (i.otherwise != null) statement(i.otherwise);
    }

    /** The bodies of the loops being lowered, innermost last, with the symbolic locals each declares. */
    private final java.util.Deque<List<String>> bodies = new java.util.ArrayDeque<>();
    private final java.util.Deque<StanParser.StatementContext> bodyTrees = new java.util.ArrayDeque<>();

    /**
     * A loop. One whose body only updates symbolic locals ({@code mu = mu + beta[k] * y[t - k]})
     * is unrolled, its variable a number in each copy (the bounds must be known: numbers, or data
     * scalars with the data given); any other is one vectorised line per statement, its
     * iterations independent; when it does not start at 1, its {@code ~} lines on data apply to
     * the rows from its start ({@code y | stan_row_1 >= lo ~ ...}).
     */
    private void loop(StanParser.ForStatementContext f) {
        String var = f.var.getText();
        if (scope.containsKey(var)) throw source.error(StanParse.span(f.var), "the loop variable '" + var + "' is also a variable's name", "rename it");
        if (!bodies.isEmpty() && updatesOnlySymbolic(f.statement())) {
            unroll(f, var);
            return;
        }
        boolean one = StanParse.text(f.lo).strip().equals("1");
        ex.reset();
        Integer lo = one ? Integer.valueOf(1) : ex.intValue(f.lo);
        ex.enter(new StanExprs.Loop(var, size(f.hi), one ? null : ex.expr(f.lo), lo));
        bodies.addLast(new ArrayList<>());
        bodyTrees.addLast(f.statement());
        try {
            statement(f.statement());
        } finally {
            ex.leave();
            ex.forgetElements(var);
            bodyTrees.removeLast();
            for (String name : bodies.removeLast()) {
                ex.forget(name);
                scope.remove(name);
            }
        }
    }

    private void unroll(StanParser.ForStatementContext f, String var) {
        Integer lo = ex.intValue(f.lo);
        Integer hi = ex.intValue(f.hi);
        if (lo == null || hi == null) {
            throw unsupported(f.hi, "a loop inside a loop whose bounds are not known" + (data == null ? " without the data" : ""),
                    data == null ? "give the data with --data" : "give its bounds as data scalars");
        }
        if (hi - lo >= 1000) throw unsupported(f.hi, "unrolling a loop of " + (hi - lo + 1) + " iterations inside a loop", null);
        try {
            for (int k = lo; k <= hi; k++) {
                ex.constant(var, k);
                statement(f.statement());
            }
        } finally {
            ex.constant(var, null);
        }
    }

    /** Whether a statement only assigns symbolic locals (in blocks and loops): it can be unrolled. */
    private boolean updatesOnlySymbolic(StanParser.StatementContext s) {
        if (s instanceof StanParser.AssignStatementContext a) return a.lvalue().indexes().isEmpty() && ex.isSymbolic(a.lvalue().ID().getText());
        if (s instanceof StanParser.ForStatementContext f) return updatesOnlySymbolic(f.statement());
        if (s instanceof StanParser.BlockStatementContext b) {
            for (StanParser.BlockItemContext i : b.blockItem()) if (i.statement() == null || !updatesOnlySymbolic(i.statement())) return false;
            return !b.blockItem().isEmpty();
        }
        return false;
    }

    /**
     * Whether a scalar declared in a loop's body is assigned more than once there (or by
     * {@code +=}, or inside a nested loop): such a local is carried symbolically, each read
     * being its current value, and never becomes an alist line of its own.
     */
    private boolean carried(StanParser.VarDeclContext v) {
        if (v.arrayDims != null || v.oldDims != null || v.type().size != null || v.type().rows != null) return false;
        if (block != Decl.Block.MODEL && block != Decl.Block.TRANSFORMED_PARAMETERS && block != Decl.Block.GENERATED_QUANTITIES) return false;
        int[] count = {v.value != null ? 1 : 0};
        boolean[] compound = {false};
        assignments(bodyTrees.peekLast(), v.name.getText(), false, count, compound);
        return count[0] > 1 || compound[0];
    }

    private static void assignments(org.antlr.v4.runtime.tree.ParseTree t, String name, boolean nested, int[] count, boolean[] compound) {
        if (t instanceof StanParser.AssignStatementContext a && a.lvalue().ID().getText().equals(name)) {
            count[0]++;
            String op = a.op.getText();
            if (nested || (!op.equals("=") && !op.equals("<-"))) compound[0] = true;
        }
        boolean inner = nested || t instanceof StanParser.ForStatementContext;
        for (int k = 0; k < t.getChildCount(); k++) assignments(t.getChild(k), name, inner, count, compound);
    }

    private void declareSymbolic(StanParser.VarDeclContext v) {
        declare(v);
        String name = v.name.getText();
        ex.symbolic(name);
        bodies.peekLast().add(name);
        if (v.value != null) {
            ex.reset();
            ex.assignSymbolic(name, ex.expr(v.value), false);
        }
    }

    /** {@code mu = e}, {@code mu += e}, ... of a symbolic local: its new current value. */
    private void assignSymbolic(StanParser.AssignStatementContext a, String name) {
        if (!a.lvalue().indexes().isEmpty()) throw source.error(StanParse.span(a.lvalue()), "'" + name + "' is a scalar", null);
        String op = a.op.getText();
        ex.reset();
        String old = op.equals("=") || op.equals("<-") ? null : ex.value(name);
        if (old == null && !op.equals("=") && !op.equals("<-")) {
            throw source.error(StanParse.span(a.lvalue()), "'" + name + "' is read (" + op + ") before it is given a value", null);
        }
        String e = ex.expr(a.expr());
        String v = switch (op) {
            case "=", "<-" -> e;
            case "+=" -> "(" + old + ") + " + e;
            case "-=" -> "(" + old + ") - (" + e + ")";
            case "*=", ".*=" -> "(" + old + ") * (" + e + ")";
            default -> "(" + old + ") / (" + e + ")";
        };
        ex.assignSymbolic(name, v, old != null);
    }

    private void assign(StanParser.AssignStatementContext a) {
        if (ex.isSymbolic(a.lvalue().ID().getText())) {
            assignSymbolic(a, a.lvalue().ID().getText());
            return;
        }
        String op = a.op.getText();
        if (!op.equals("=") && !op.equals("<-")) {
            throw unsupported(a, "the compound assignment " + op, "write the whole value in one assignment");
        }
        StanParser.LvalueContext lv = a.lvalue();
        Decl d = scope.get(lv.ID().getText());
        if (d == null) throw source.error(StanParse.span(lv), "'" + lv.ID().getText() + "' is not declared", null);
        List<StanExprs.Loop> loops = ex.loops();
        if (recurrence(d, lv, a.expr(), a)) return;
        int k = 0;
        for (StanParser.IndexesContext ix : lv.indexes()) {
            for (StanParser.IndexContext i : ix.index()) {
                String t = StanParse.text(i).strip();
                if (k >= loops.size() || !loops.get(k).var().equals(t)) {
                    throw unsupported(i, "assigning part of '" + d.name() + "' other than element by element in loops over all of it"
                            + " (" + d.name() + "[i] = ... in for (i in 1:N))", "assign the whole value, or assign in a loop over every element");
                }
                k++;
            }
        }
        if (k != loops.size() && !lv.indexes().isEmpty()) {
            throw unsupported(lv, "an assignment inside a loop that does not index by every loop variable", null);
        }
        if (!lv.indexes().isEmpty() && k != d.dims().size()) {
            throw unsupported(lv, "an element-wise assignment that does not cover every index of '" + d.name() + "'", null);
        }
        define(d, a.expr(), a);
    }

    /** The first element of a vector local given on its own ({@code nu[1] = ...}), alist text by name. */
    private final Map<String, String> firsts = new LinkedHashMap<>();

    /**
     * A vector local of the model block or a transformed parameter defined as a recurrence:
     * {@code v[1] = e1;} then {@code for (t in 2:N) v[t] = e(t);} (e may read {@code v[t - 1]}, and
     * elements assigned earlier in the same iteration, {@code nu[t]}, are their values) is the
     * line {@code vector[N]:v <<- ifelse(stan_row_1 > 1, e, e1)}, which the checker computes in
     * element order (language.md, "Statement forms"). False when the assignment is something else.
     */
    private boolean recurrence(Decl d, StanParser.LvalueContext lv, StanParser.ExprContext value, ParserRuleContext at) {
        if (lv.indexes().size() != 1 || lv.indexes(0).index().size() != 1 || d.rank() != 1 || !d.arrayDims().isEmpty() && !d.base().equals("real")) return false;
        if (d.block() != block || (block != Decl.Block.MODEL && block != Decl.Block.TRANSFORMED_PARAMETERS) || defined.contains(d.name())) return false;
        String index = StanParse.text(lv.indexes(0)).strip();
        List<StanExprs.Loop> loops = ex.loops();
        if (loops.isEmpty() && index.equals("1") && !firsts.containsKey(d.name())) {
            ex.reset();
            String e = ex.expr(value);
            firsts.put(d.name(), e);
            ex.element(d.name(), "1", e);
            return true;
        }
        if (loops.size() != 1 || !firsts.containsKey(d.name())) return false;
        StanExprs.Loop l = loops.get(0);
        if (!index.equals(l.var()) || l.loValue() == null || l.loValue() != 2) return false;
        if (!l.extent().equals(d.dims().get(0))) {
            throw unsupported(at, "a recurrence over 2:" + l.extent() + " of '" + d.name() + "', whose size is " + d.dims().get(0),
                    "loop over 2:" + d.dims().get(0));
        }
        defined.add(d.name());
        ex.reset();
        String e = ex.expr(value);
        String row = ex.rowIndex(l);
        ex.element(d.name(), l.var(), e);
        String tag = block == Decl.Block.TRANSFORMED_PARAMETERS ? "transpars> " : "";
        String first = firsts.get(d.name());
        add(new Line(tag + "vector[" + d.dims().get(0) + "]:" + d.name() + " <<- ifelse(" + row + " > 1, " + e + ", " + first + ")", StanParse.span(at)));
        return true;
    }

    /** Emits the line that gives a declared local, transformed parameter or generated quantity its value. */
    private void define(Decl d, StanParser.ExprContext value, ParserRuleContext at) {
        if (d.block() != block) {
            throw source.error(StanParse.span(at), "'" + d.name() + "' is declared in " + blockName(d.block()) + " and cannot be assigned in "
                    + blockName(block), null);
        }
        for (StanExprs.Loop l : ex.loops()) {
            if (l.lo() != null) {
                throw unsupported(at, "assigning '" + d.name() + "' in a loop that does not start at 1 (from " + l.lo() + ")",
                        "compute it in a loop over every element, or inline it into the ~ statement");
            }
        }
        if (!defined.add(d.name())) {
            throw unsupported(at, "assigning '" + d.name() + "' a second time", "give each value its own name, or compute it in one expression");
        }
        ex.reset();
        String e = ex.expr(value);
        if (block == Decl.Block.MODEL || block == Decl.Block.TRANSFORMED_PARAMETERS) refuseSummedDensity(value, e);
        boolean rows = false;
        for (Decl r : ex.read()) {
            if ((r.block() == Decl.Block.DATA || r.block() == Decl.Block.TRANSFORMED_DATA) && r.rank() >= 1) rows = true;
        }
        String tag = switch (block) {
            case TRANSFORMED_DATA -> "transdata> ";
            case TRANSFORMED_PARAMETERS -> "transpars> ";
            case GENERATED_QUANTITIES -> "gq> ";
            default -> "";
        };
        String prefix = typePrefix(d);
        // a declared scalar outside loops is one value even when it reads data vectors (dot_product(means_X, b))
        if (rows && d.rank() == 0 && ex.loops().isEmpty() && block != Decl.Block.TRANSFORMED_DATA) {
            add(new Line(tag + d.name() + " <<- " + e, StanParse.span(at)));
            return;
        }
        String line = rows || prefix.isEmpty() || block == Decl.Block.TRANSFORMED_DATA
                ? tag + d.name() + " <- " + e
                : tag + prefix + d.name() + " <<- " + e;
        add(new Line(line, StanParse.span(at)));
    }

    /** A log density of vectors assigned to a variable is their sum in Stan, but one value per row in an alist line. */
    private void refuseSummedDensity(StanParser.ExprContext value, String text) {
        if (ex.loops().isEmpty() && text.matches(".*_lp[dm]f\\(.*")) {
            for (Decl r : ex.read()) {
                if (r.rank() >= 1) {
                    throw unsupported(value, "assigning the log density of a whole vector to a variable", "add it to target directly");
                }
            }
        }
    }

    private void tilde(StanParser.TildeStatementContext t) {
        String dist = t.dist.getText();
        String args = t.exprList() == null ? "" : ex.list(t.exprList());
        if (dist.equals("std_normal")) {
            if (!args.isEmpty()) throw source.error(StanParse.span(t.exprList()), "std_normal() takes no arguments", null);
            dist = "normal";
            args = "0, 1";
        }
        String trunc = "";
        if (t.truncation() != null) {
            StanParser.TruncationContext tr = t.truncation();
            if (!tr.trunc.getText().equals("T")) throw source.error(StanParse.span(tr), "expected T[lower, upper] after the distribution", null);
            trunc = " T[" + (tr.lower == null ? "" : ex.expr(tr.lower)) + ", " + (tr.upper == null ? "" : ex.expr(tr.upper)) + "]";
        }
        sample(t.expr(), dist, args, trunc, false, t);
    }

    /**
     * {@code lhs ~ dist(args)}: a likelihood line when lhs is data, a prior when it is a parameter;
     * with {@code keep} (Stan's {@code target += dist_lpdf}) tagged {@code target>}, which keeps the
     * density's constants in {@code lp__} (docs/stan.md, "lp__").
     */
    private void sample(StanParser.ExprContext lhs, String dist, String args, String trunc, boolean keep, ParserRuleContext at) {
        if (block != Decl.Block.MODEL) throw source.error(StanParse.span(at), "~ and target += belong in the model block", null);
        ex.reset();
        String y = ex.expr(lhs);
        java.util.regex.Matcher whole = java.util.regex.Pattern.compile("to_vector\\(([A-Za-z][A-Za-z0-9_]*)\\)").matcher(y);
        if (whole.matches()) y = whole.group(1);   // to_vector(b) ~ normal(0, 1): every element of b
        if (!y.matches("[A-Za-z][A-Za-z0-9_]*(\\[[0-9, ]+\\])?")) {
            throw unsupported(lhs, "a ~ statement whose left side is an expression (it needs a Jacobian)", "sample a variable");
        }
        Decl d = ex.read().iterator().next();
        String tag = keep ? ulam.compiler.ast.Statement.KEEP_CONSTANTS + "> " : "";
        String line = y + rows(lhs) + " ~ " + dist + "(" + args + ")" + trunc;
        switch (d.block()) {
            case DATA, TRANSFORMED_DATA -> add(new Line(tag + line, StanParse.span(at)));
            case PARAMETERS -> {
                if (y.equals(d.name()) && !declaring.containsKey(d.name())) {
                    for (String h : ex.drainHoisted()) lines.add(new Line(h, StanParse.span(at)));
                    declaring.put(d.name(), new Line(tag + typePrefix(d) + line, StanParse.span(at)));
                }
                else add(new Line(tag + line, StanParse.span(at)));
            }
            default -> {
                if (!y.equals(d.name()) || d.rank() != 1 || !ex.loops().isEmpty() || !trunc.isEmpty() || dist.equals("mixture")
                        || (d.block() != Decl.Block.MODEL && d.block() != Decl.Block.TRANSFORMED_PARAMETERS)) {
                    throw unsupported(lhs, "a ~ statement on " + blockName(d.block()) + " variable other than a whole vector",
                            "put the distribution on the parameters it is computed from");
                }
                // as Stan: the density of the values, without a Jacobian; one term per element, over the rows 1:N
                String row = ex.rowIndex(new StanExprs.Loop(d.name(), d.dims().get(0)));
                add(new Line(row + " ~ custom(" + dist + "_lpdf(" + y + (args.isEmpty() ? "" : " | " + args) + "))", StanParse.span(at)));
            }
        }
    }

    /**
     * The condition {@code " | stan_row_1 >= lo"} of a {@code ~} line in loops that do not start at
     * 1 (the rows from the start), or "" in loops from 1; refused when the outcome is not data
     * read at the loop's rows.
     */
    private String rows(StanParser.ExprContext lhs) {
        List<String> c = new ArrayList<>();
        for (StanExprs.Loop l : ex.loops()) if (l.lo() != null) c.add(ex.rowIndex(l) + " >= " + l.lo());
        if (c.isEmpty()) return "";
        Decl d = ex.read().iterator().next();
        if (!ex.stripped() || (d.block() != Decl.Block.DATA && d.block() != Decl.Block.TRANSFORMED_DATA)) {
            throw unsupported(lhs, "a ~ statement on a parameter, or on data not indexed by the loop, in a loop that does not start at 1",
                    "write the first element's statement on its own and loop over the others' data");
        }
        return " | " + String.join(" && ", c);
    }

    private void target(StanParser.ExprContext e, ParserRuleContext at) {
        ex.reset();
        ex.expr(e);   // names and functions first: an undeclared name or a solver is said as such
        List<ParserRuleContext> all = terms(e);
        List<Boolean> minus = signs(e, all.size());
        double constant = 0;
        boolean constants = false;
        for (int k = 0; k < all.size(); k++) {
            ParserRuleContext term = all.get(k);
            StanParser.CallExprContext call = densityCall(term);
            if (call != null && minus.get(k)) call = null;
            if (call == null && !minus.get(k) && mixture(term, at)) continue;
            if (call == null) {
                StanValue c = term instanceof StanParser.MultiplicativeContext m ? values.term(m, "target += of a constant") : null;
                if (c != null && c.isScalar()) {
                    constant += minus.get(k) ? -c.scalarValue() : c.scalarValue();
                    constants = true;
                    continue;
                }
                throw unsupported(term, "target += of an expression that is not a log density dist_lpdf(y | ...) or dist_lpmf(y | ...)"
                        + " (or a constant of the data)", "write it as y ~ dist(...), which gives the same posterior");
            }
            String fn = call.fn.getText();
            String dist = fn.substring(0, fn.lastIndexOf('_'));
            String args = call.exprList() == null ? "" : ex.list(call.exprList());
            if (dist.equals("std_normal")) { dist = "normal"; args = "0, 1"; }
            sample(call.first, dist, args, "", !fn.matches(".*_lup[dm]f"), at);
        }
        if (constants) constant(constant, at);
    }

    /**
     * A constant added to the log density ({@code - 1 * student_t_lccdf(0 | 3, 0, 10)}, brms's
     * normalisation of a bounded prior): the line {@code target> stan_const_k ~ custom(c)} on a
     * derived datum of its own, which keeps it in {@code lp__} as Stan's {@code target +=} does
     * (no parameter: the gradient is unchanged).
     */
    private void constant(double c, ParserRuleContext at) {
        String name = "stan_const";
        for (int k = 1; scope.containsKey(name) || constantsMade.contains(name); k++) name = "stan_const_" + k;
        constantsMade.add(name);
        lines.add(new Line("transdata> " + name + " <- 0", StanParse.span(at)));
        lines.add(new Line(ulam.compiler.ast.Statement.KEEP_CONSTANTS + "> " + name + " ~ custom(" + Double.toString(c) + ")", StanParse.span(at)));
    }

    private final Set<String> constantsMade = new HashSet<>();

    /** For each term of {@link #terms}, whether it is subtracted. */
    private static List<Boolean> signs(StanParser.ExprContext e, int n) {
        List<Boolean> out = new ArrayList<>();
        if (n == 1) return List.of(false);
        StanParser.AdditiveContext ad = e.cond.andExpr(0).eqExpr(0).cmpExpr(0).additive(0);
        out.add(false);
        for (org.antlr.v4.runtime.Token op : ad.addop) out.add(op.getType() == StanParser.MINUS);
        return out;
    }

    /**
     * The terms of a sum {@code a + b + c} at the top of an expression (each a multiplicative
     * expression), or the expression itself when it is anything else.
     */
    private static List<ParserRuleContext> terms(StanParser.ExprContext e) {
        if (e.yes != null || e.cond.andExpr().size() != 1) return List.of(e);
        StanParser.AndExprContext a = e.cond.andExpr(0);
        if (a.eqExpr().size() != 1 || a.eqExpr(0).cmpExpr().size() != 1 || a.eqExpr(0).cmpExpr(0).additive().size() != 1) return List.of(e);
        StanParser.AdditiveContext ad = a.eqExpr(0).cmpExpr(0).additive(0);
        return new ArrayList<>(ad.multiplicative());
    }

    /**
     * {@code target += log_mix(theta, d1_lpdf(y | ...), d2_lpdf(y | ...))}, both densities of the
     * same outcome: the line {@code y ~ mixture(theta, d1(...), d2(...))} (language.md, "Escape
     * hatches"; Stan functions reference, "Composed functions", log_mix). False when the term is
     * something else.
     */
    private boolean mixture(ParserRuleContext term, ParserRuleContext at) {
        StanParser.CallExprContext c = call(term);
        if (c == null || !c.fn.getText().equals("log_mix") || c.first != null || c.exprList() == null || c.exprList().expr().size() != 3) return false;
        List<StanParser.CallExprContext> parts = new ArrayList<>();
        for (int k = 1; k < 3; k++) {
            StanParser.CallExprContext d = densityCall(term(c.exprList().expr(k)));
            if (d == null) return false;
            parts.add(d);
        }
        String y = StanParse.text(parts.get(0).first).replace(" ", "");
        if (!y.equals(StanParse.text(parts.get(1).first).replace(" ", ""))) return false;
        StringBuilder args = new StringBuilder(ex.expr(c.exprList().expr(0)));
        for (StanParser.CallExprContext d : parts) {
            String fn = d.fn.getText();
            String dist = fn.substring(0, fn.lastIndexOf('_'));
            String rest = d.exprList() == null ? "" : ex.list(d.exprList());
            if (dist.equals("std_normal")) { dist = "normal"; rest = "0, 1"; }
            args.append(", ").append(dist).append('(').append(rest).append(')');
        }
        sample(parts.get(0).first, "mixture", args.toString(), "", true, at);   // target += log_mix(...) keeps every constant
        return true;
    }

    /** The multiplicative term an expression is when it is one term (no operator at its top), else null. */
    private static ParserRuleContext term(StanParser.ExprContext e) {
        List<ParserRuleContext> t = terms(e);
        return t.size() == 1 && t.get(0) != e ? t.get(0) : null;
    }

    /** The call a term is, bare (no operator, index or transpose after it), or null. */
    private static StanParser.CallExprContext call(ParserRuleContext term) {
        if (!(term instanceof StanParser.MultiplicativeContext m)) return null;
        if (m.unary().size() != 1 || m.unary(0).power() == null || m.unary(0).power().op != null) return null;
        StanParser.PostfixContext p = m.unary(0).power().postfix();
        if (!p.postfixOp().isEmpty() || !(p.primary() instanceof StanParser.CallExprContext c)) return null;
        return c;
    }

    /** The call when a term is exactly {@code dist_lpdf(y | ...)} (or lpmf, lupdf, lupmf). */
    private static StanParser.CallExprContext densityCall(ParserRuleContext term) {
        StanParser.CallExprContext c = call(term);
        if (c == null || c.first == null) return null;
        return c.fn.getText().matches(".*_lu?p[dm]f") ? c : null;
    }

    private static String blockName(Decl.Block b) {
        return switch (b) {
            case DATA -> "the data block";
            case TRANSFORMED_DATA -> "transformed data";
            case PARAMETERS -> "the parameters block";
            case TRANSFORMED_PARAMETERS -> "transformed parameters";
            case MODEL -> "the model block";
            case GENERATED_QUANTITIES -> "generated quantities";
        };
    }

    private UlamException unsupported(ParserRuleContext c, String what, String help) {
        return ex.unsupported(c, what, help);
    }
}
