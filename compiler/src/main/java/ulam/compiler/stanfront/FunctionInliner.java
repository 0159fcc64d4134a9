package ulam.compiler.stanfront;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import ulam.compiler.parse.Source;
import ulam.grammar.StanLexer;
import ulam.grammar.StanParser;
import ulam.runtime.UlamException;

/**
 * User-defined functions of a Stan program's {@code functions} block, inlined at statement
 * level before the program is lowered (docs/stan.md, "User-defined functions"): the result is
 * the same program without the functions block, each call replaced by its body's statements
 * (placed before the statement that makes the call) and the call itself by the expression the
 * body returns.
 *
 * <p>How a call {@code f(a1, ..., an)} is inlined: an argument that is a name or an element of
 * one ({@code x}, {@code v[1]}) is substituted for the parameter ({@code lscale[1]} with
 * {@code lscale = v[1]} becomes {@code v[1, 1]}); any other argument is substituted in
 * parentheses (Stan's functions cannot assign their arguments, so this is the same value).
 * {@code rows}, {@code cols}, {@code size}, {@code num_elements} and {@code dims(x)[k]} of a
 * parameter are the declared size of the argument. The body's locals and loop variables are
 * renamed uniquely ({@code out} of {@code spd_cov_exp_quad} becomes {@code out_spd_cov_exp_quad1});
 * an {@code int} local given a value once and never assigned again is replaced by its value, so
 * that an {@code if} on it is decided by the data. The body's last statement must be
 * {@code return e;}, and the call becomes {@code (e)}.
 *
 * <p>The rewritten text keeps every line of the program at its line number (the functions block
 * becomes blank lines, and a statement that makes a call is rewritten on its first line), so
 * that errors of the lowering are located at the statement that made the call.
 *
 * <p>Refused, each with a located error: recursion (direct or mutual), functions ending in
 * {@code _rng} or {@code _lp} when called, a {@code return} other than the body's last statement,
 * a call in a loop's bounds or a condition, a user-defined distribution used with {@code ~},
 * a declaration without a body.
 */
final class FunctionInliner {

    private final Source source;
    private final String text;
    private final Map<String, StanParser.FunctionDefContext> functions = new LinkedHashMap<>();
    private final Map<String, Shape> globals = new HashMap<>();
    private final Set<String> taken = new HashSet<>();
    private int fresh;

    /** A declared shape: array sizes, the kind (vector, matrix, ...) and the kind's sizes, as source text. */
    record Shape(List<String> arrayDims, String kind, List<String> typeDims) {
        Shape drop(int k) {
            if (k <= arrayDims.size()) return new Shape(arrayDims.subList(k, arrayDims.size()), kind, typeDims);
            return null;
        }

        /** All sizes in order: the array's, then the vector's or matrix's. */
        List<String> all() {
            List<String> a = new ArrayList<>(arrayDims);
            a.addAll(typeDims);
            return a;
        }

        String rows() {
            if (!arrayDims.isEmpty() || typeDims.isEmpty()) return null;
            return kind.equals("row_vector") ? "1" : typeDims.get(0);
        }

        String cols() {
            if (!arrayDims.isEmpty() || typeDims.isEmpty()) return null;
            if (typeDims.size() == 2) return typeDims.get(1);
            return kind.equals("row_vector") ? typeDims.get(0) : "1";
        }
    }

    /** What a name stands for in an inlined body: a name (with leading indices), or an expression in parentheses. */
    private record Sub(String base, List<String> idx, String expr, Shape shape) {
        String text() {
            if (expr != null) return expr;
            return idx.isEmpty() ? base : base + "[" + String.join(", ", idx) + "]";
        }
    }

    /** Names in scope while a body is copied, innermost last. */
    private static final class Env {
        final Deque<Map<String, Sub>> scopes = new ArrayDeque<>();
        final boolean body;

        Env(boolean body) {
            this.body = body;
            scopes.push(new HashMap<>());
        }

        Sub get(String name) {
            for (Map<String, Sub> m : scopes) {
                Sub s = m.get(name);
                if (s != null) return s;
            }
            return null;
        }
    }

    private FunctionInliner(Source source, String text) {
        this.source = source;
        this.text = text;
    }

    /**
     * The program with its user-defined functions inlined, or the same source when its functions
     * block is absent or empty.
     *
     * @throws UlamException located, for recursion and the forms listed in the class comment
     */
    static Source inline(Source source) {
        StanParser.ProgramContext p = StanParse.parse(source);
        if (p.functionsBlock() == null || p.functionsBlock().functionDef().isEmpty()) return source;
        String text = source.text().replace("\r\n", "\n").replace('\r', '\n');
        return new FunctionInliner(source, text).run(p);
    }

    private Source run(StanParser.ProgramContext p) {
        for (StanParser.FunctionDefContext f : p.functionsBlock().functionDef()) {
            String name = f.name.getText();
            if (f.statement() == null || f.statement() instanceof StanParser.EmptyStatementContext) continue;   // a forward declaration
            if (functions.containsKey(name)) {
                throw source.error(StanParse.span(f.name), "the function '" + name + "' is defined twice",
                        "the front end does not support overloading: give it another name");
            }
            functions.put(name, f);
        }
        for (Token t : tokensOf(p)) if (t.getType() == StanLexer.ID) taken.add(t.getText());
        checkRecursion();
        collectGlobals(p);
        List<int[]> ranges = new ArrayList<>();
        List<String> replacements = new ArrayList<>();
        ranges.add(new int[] {p.functionsBlock().getStart().getStartIndex(), p.functionsBlock().getStop().getStopIndex()});
        replacements.add(blankLines(p.functionsBlock()));
        List<List<StanParser.BlockItemContext>> blocks = new ArrayList<>();
        if (p.transformedDataBlock() != null) blocks.add(p.transformedDataBlock().blockItem());
        if (p.transformedParametersBlock() != null) blocks.add(p.transformedParametersBlock().blockItem());
        if (p.modelBlock() != null) blocks.add(p.modelBlock().blockItem());
        if (p.generatedQuantitiesBlock() != null) blocks.add(p.generatedQuantitiesBlock().blockItem());
        for (List<StanParser.BlockItemContext> b : blocks) rewriteItems(b, ranges, replacements);
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (int k = 0; k < ranges.size(); k++) {
            out.append(text, at, ranges.get(k)[0]).append(replacements.get(k));
            at = ranges.get(k)[1] + 1;
        }
        out.append(text.substring(at));
        return new Source(source.file(), out.toString());
    }

    // ------------------------------------------------------------ the program's statements

    /** Rewrites, in place, the items of a block that call user-defined functions. */
    private void rewriteItems(List<StanParser.BlockItemContext> items, List<int[]> ranges, List<String> replacements) {
        for (StanParser.BlockItemContext i : items) {
            if (!callsUser(i)) continue;
            if (i.statement() != null && compound(i.statement())) {
                rewriteCompound(i.statement(), ranges, replacements);
                continue;
            }
            StringBuilder out = new StringBuilder();
            item(i, new Env(false), out);
            ranges.add(new int[] {i.getStart().getStartIndex(), i.getStop().getStopIndex()});
            replacements.add(out + blankLines(i));
        }
    }

    private void rewriteCompound(StanParser.StatementContext s, List<int[]> ranges, List<String> replacements) {
        if (s instanceof StanParser.BlockStatementContext b) {
            rewriteItems(b.blockItem(), ranges, replacements);
        } else if (s instanceof StanParser.ProfileStatementContext b) {
            rewriteItems(b.blockItem(), ranges, replacements);
        } else if (s instanceof StanParser.ForStatementContext f) {
            if (callsUser(f.lo) || callsUser(f.hi)) throw unsupported(f, "a call of a user-defined function in a loop's bounds", "compute the bound in a local before the loop");
            rewriteNested(f.statement(), ranges, replacements);
        } else if (s instanceof StanParser.IfStatementContext f) {
            if (callsUser(f.cond)) throw unsupported(f.cond, "a call of a user-defined function in a condition", "compute it in a local before the if");
            rewriteNested(f.then, ranges, replacements);
            if (f.otherwise != null) rewriteNested(f.otherwise, ranges, replacements);
        } else {
            throw unsupported(s, "a call of a user-defined function in a while loop or a for loop over elements", null);
        }
    }

    /** A loop's body or a branch: a simple statement that calls becomes a block with the inlined statements. */
    private void rewriteNested(StanParser.StatementContext s, List<int[]> ranges, List<String> replacements) {
        if (!callsUser(s)) return;
        if (compound(s)) {
            rewriteCompound(s, ranges, replacements);
            return;
        }
        StringBuilder out = new StringBuilder("{ ");
        statement(s, new Env(false), out);
        ranges.add(new int[] {s.getStart().getStartIndex(), s.getStop().getStopIndex()});
        replacements.add(out + "}" + blankLines(s));
    }

    private static boolean compound(StanParser.StatementContext s) {
        return s instanceof StanParser.BlockStatementContext || s instanceof StanParser.ProfileStatementContext
                || s instanceof StanParser.ForStatementContext || s instanceof StanParser.IfStatementContext
                || s instanceof StanParser.WhileStatementContext || s instanceof StanParser.ForeachStatementContext;
    }

    // ------------------------------------------------------------ copying statements and expressions

    /** Emits an item (its inlined calls before it) with the names of env substituted. */
    private void item(StanParser.BlockItemContext i, Env env, StringBuilder out) {
        if (i.varDecl() != null) varDecl(i.varDecl(), env, out);
        else statement(i.statement(), env, out);
    }

    private void varDecl(StanParser.VarDeclContext v, Env env, StringBuilder out) {
        String name = v.name.getText();
        StringBuilder pre = new StringBuilder();
        if (env.body && v.type().kind.getType() == StanLexer.INT && v.arrayDims == null && v.oldDims == null && v.value != null
                && !assigned(enclosingBody(v), name) && readsOnlyKnown(v.value, env)) {
            String value = expr(v.value, env, pre);
            out.append(pre);
            env.scopes.peek().put(name, new Sub(null, List.of(), simple(value) ? value : "(" + value + ")", new Shape(List.of(), "int", List.of())));
            return;
        }
        List<String> arrayDims = new ArrayList<>();
        StanParser.ExprListContext dims = v.arrayDims != null ? v.arrayDims : v.oldDims;
        if (dims != null) for (StanParser.ExprContext e : dims.expr()) arrayDims.add(expr(e, env, pre));
        StanParser.TypeContext t = v.type();
        List<String> typeDims = new ArrayList<>();
        for (StanParser.ExprContext e : new StanParser.ExprContext[] {t.size, t.rows, t.cols}) if (e != null) typeDims.add(expr(e, env, pre));
        String bounds = t.bounds() == null ? "" : tokens(t.bounds(), env, pre);
        String value = v.value == null ? null : expr(v.value, env, pre);
        String newName = name;
        if (env.body) {
            newName = freshName(name, enclosingFunction(v));
            env.scopes.peek().put(name, new Sub(newName, List.of(), null, new Shape(arrayDims, t.kind.getText(), typeDims)));
        }
        out.append(pre);
        if (!arrayDims.isEmpty()) out.append("array[").append(String.join(", ", arrayDims)).append("] ");
        out.append(t.kind.getText()).append(bounds);
        if (!typeDims.isEmpty() && t.kind.getType() != StanLexer.INT && t.kind.getType() != StanLexer.REAL) {
            out.append('[').append(String.join(", ", typeDims)).append(']');
        }
        out.append(' ').append(newName);
        if (value != null) out.append(" = ").append(value);
        out.append("; ");
    }

    private void statement(StanParser.StatementContext s, Env env, StringBuilder out) {
        if (s instanceof StanParser.BlockStatementContext b) {
            out.append("{ ");
            env.scopes.push(new HashMap<>());
            for (StanParser.BlockItemContext i : b.blockItem()) item(i, env, out);
            env.scopes.pop();
            out.append("} ");
        } else if (s instanceof StanParser.ForStatementContext f) {
            StringBuilder pre = new StringBuilder();
            String lo = expr(f.lo, env, pre);
            String hi = expr(f.hi, env, pre);
            if (pre.length() > 0) throw unsupported(f, "a call of a user-defined function in a loop's bounds", "compute the bound in a local before the loop");
            String var = f.var.getText();
            env.scopes.push(new HashMap<>());
            String newVar = var;
            if (env.body) {
                newVar = freshName(var, enclosingFunction(f));
                env.scopes.peek().put(var, new Sub(newVar, List.of(), null, new Shape(List.of(), "int", List.of())));
            }
            out.append("for (").append(newVar).append(" in ").append(lo).append(":").append(hi).append(") ");
            nested(f.statement(), env, out);
            env.scopes.pop();
        } else if (s instanceof StanParser.IfStatementContext i) {
            StringBuilder pre = new StringBuilder();
            String cond = expr(i.cond, env, pre);
            out.append(pre).append("if (").append(cond).append(") ");
            nested(i.then, env, out);
            if (i.otherwise != null) {
                out.append("else ");
                nested(i.otherwise, env, out);
            }
        } else if (s instanceof StanParser.ReturnStatementContext) {
            throw unsupported(s, "a return other than as the last statement of a function's body (in a loop or an if)",
                    "compute the result in a local and return it at the end");
        } else if (s instanceof StanParser.CallStatementContext c && functions.containsKey(c.ID().getText())) {
            List<StanParser.ExprContext> args = c.exprList() == null ? List.of() : c.exprList().expr();
            call(functions.get(c.ID().getText()), args, c, env, out);
        } else if (s instanceof StanParser.TildeStatementContext t && functions.containsKey(t.dist.getText() + "_lpdf")
                || s instanceof StanParser.TildeStatementContext u && functions.containsKey(u.dist.getText() + "_lpmf")) {
            throw unsupported(s, "'~' with a user-defined distribution", "write target += " + ((StanParser.TildeStatementContext) s).dist.getText() + "_lpdf(y | ...)");
        } else {
            StringBuilder pre = new StringBuilder();
            String body = tokens(s, env, pre);
            out.append(pre).append(body).append(' ');
        }
    }

    /** A loop's body or a branch, in its own scope: braces when it has inlined calls. */
    private void nested(StanParser.StatementContext s, Env env, StringBuilder out) {
        StringBuilder inner = new StringBuilder();
        env.scopes.push(new HashMap<>());
        statement(s, env, inner);
        env.scopes.pop();
        if (s instanceof StanParser.BlockStatementContext || !callsUser(s)) out.append(inner);
        else out.append("{ ").append(inner).append("} ");
    }

    private String expr(ParserRuleContext e, Env env, StringBuilder pre) {
        return tokens(e, env, pre).trim();
    }

    /** The text of a tree with env's names substituted and calls of user functions inlined (their statements into pre). */
    private String tokens(ParseTree t, Env env, StringBuilder pre) {
        StringBuilder sb = new StringBuilder();
        emit(t, env, pre, sb);
        return sb.toString().trim();
    }

    private void emit(ParseTree t, Env env, StringBuilder pre, StringBuilder sb) {
        if (t instanceof TerminalNode n) {
            if (n.getSymbol().getType() != Token.EOF) sb.append(n.getText()).append(' ');
            return;
        }
        if (t instanceof StanParser.NameExprContext n) {
            Sub s = env.get(n.ID().getText());
            sb.append(s == null ? n.ID().getText() : s.text()).append(' ');
            return;
        }
        if (t instanceof StanParser.LvalueContext l) {
            Sub s = env.get(l.ID().getText());
            sb.append(s == null ? l.ID().getText() : s.text()).append(' ');
            for (int k = 1; k < l.getChildCount(); k++) emit(l.getChild(k), env, pre, sb);
            return;
        }
        if (t instanceof StanParser.PostfixContext p && !p.postfixOp().isEmpty() && p.postfixOp(0) instanceof StanParser.IndexOpContext first) {
            // an argument v[i] indexed again (lscale[1]): one index list, v[i, 1]; dims(x)[k]: the declared size
            Sub s = p.primary() instanceof StanParser.NameExprContext n ? env.get(n.ID().getText()) : null;
            String size = p.primary() instanceof StanParser.CallExprContext c && c.fn.getText().equals("dims") ? dimsAt(c, first, env) : null;
            if (size != null || s != null && s.expr == null && !s.idx.isEmpty()) {
                if (size != null) sb.append(size).append(' ');
                else sb.append(s.base).append(" [ ").append(String.join(" , ", s.idx)).append(" , ").append(tokens(first.indexes(), env, pre)).append(" ] ");
                for (int k = 1; k < p.postfixOp().size(); k++) emit(p.postfixOp(k), env, pre, sb);
                return;
            }
        }
        if (t instanceof StanParser.CallExprContext c) {
            String fn = c.fn.getText();
            List<StanParser.ExprContext> args = new ArrayList<>();
            if (c.first != null) args.add(c.first);
            if (c.exprList() != null) args.addAll(c.exprList().expr());
            if (functions.containsKey(fn)) {
                sb.append(call(functions.get(fn), args, c, env, pre)).append(' ');
                return;
            }
            String size = args.size() == 1 ? sizeOf(fn, args.get(0), env) : null;
            if (size != null) {
                sb.append(size).append(' ');
                return;
            }
        }
        for (int k = 0; k < t.getChildCount(); k++) emit(t.getChild(k), env, pre, sb);
    }

    // ------------------------------------------------------------ calls

    /** Inlines a call: the body's statements into pre; the expression it returns, or "" for a void function. */
    private String call(StanParser.FunctionDefContext f, List<StanParser.ExprContext> args, ParserRuleContext at, Env env, StringBuilder pre) {
        String name = f.name.getText();
        if (name.endsWith("_rng") || name.endsWith("_lp")) {
            throw unsupported(at, "calling the user-defined function " + name + "() (a function ending in _rng or _lp)", "write its body where it is used");
        }
        List<StanParser.ArgDeclContext> params = f.argDecl();
        if (params.size() != args.size()) {
            throw source.error(StanParse.span(at), name + "() takes " + params.size() + " argument(s), but the call gives " + args.size(), null);
        }
        Env inner = new Env(true);
        for (int k = 0; k < args.size(); k++) {
            String a = expr(args.get(k), env, pre);
            Sub s = reference(args.get(k), env);
            inner.scopes.peek().put(params.get(k).ID().getText(), s != null ? s : new Sub(null, List.of(), simple(a) ? a : "(" + a + ")", null));
        }
        List<StanParser.BlockItemContext> items = f.statement() instanceof StanParser.BlockStatementContext b ? b.blockItem() : null;
        boolean isVoid = f.returnType.getStart().getType() == StanLexer.VOID;
        if (items == null) {
            if (f.statement() instanceof StanParser.ReturnStatementContext r && r.expr() != null) return result(r, inner, pre);
            throw unsupported(f.statement(), "a function body that is not a block", "write it in { }");
        }
        int last = items.size() - 1;
        StanParser.ReturnStatementContext ret = last >= 0 && items.get(last).statement() instanceof StanParser.ReturnStatementContext r ? r : null;
        if (!isVoid && (ret == null || ret.expr() == null)) {
            throw unsupported(last >= 0 ? items.get(last) : f.statement(), "a function whose body does not end in 'return e;' (returns in an if or a loop)",
                    "compute the result in a local and return it at the end");
        }
        inner.scopes.push(new HashMap<>());   // the body's locals, inside the parameters' scope
        StringBuilder body = new StringBuilder();
        for (int k = 0; k < (ret != null ? last : items.size()); k++) item(items.get(k), inner, body);
        pre.append(body);
        return ret == null || ret.expr() == null ? "" : result(ret, inner, pre);
    }

    private String result(StanParser.ReturnStatementContext r, Env inner, StringBuilder pre) {
        String e = expr(r.expr(), inner, pre);
        return simple(e) ? e : "(" + e + ")";
    }

    /** An argument that is a name, or an element of one with single indices: the name it stands for, with its shape. */
    private Sub reference(StanParser.ExprContext e, Env env) {
        StanParser.PostfixContext p = postfixOnly(e);
        if (p == null || !(p.primary() instanceof StanParser.NameExprContext n)) return null;
        List<String> idx = new ArrayList<>();
        StringBuilder none = new StringBuilder();
        for (StanParser.PostfixOpContext op : p.postfixOp()) {
            if (!(op instanceof StanParser.IndexOpContext io)) return null;
            for (StanParser.IndexContext i : io.indexes().index()) {
                if (i.getChildCount() != 1) return null;   // a range: not an element
                idx.add(expr(i, env, none));
            }
        }
        if (none.length() > 0) return null;
        String name = n.ID().getText();
        Sub s = env.get(name);
        if (s != null && s.expr != null) return idx.isEmpty() ? s : null;
        String base = s == null ? name : s.base;
        List<String> all = new ArrayList<>(s == null ? List.of() : s.idx);
        all.addAll(idx);
        Shape shape = s == null ? globals.get(name) : s.shape;
        if (shape != null) shape = shape.drop(idx.size());
        return new Sub(base, all, null, shape);
    }

    /** The postfix expression an expression is, with no operators around it, or null. */
    private static StanParser.PostfixContext postfixOnly(StanParser.ExprContext e) {
        if (e.yes != null) return null;
        ParseTree t = e.cond;
        while (t != null && !(t instanceof StanParser.PostfixContext)) {
            if (t.getChildCount() != 1) return null;
            t = t.getChild(0);
        }
        return (StanParser.PostfixContext) t;
    }

    /** rows, cols, size, num_elements of a name whose shape is known: its declared size. */
    private String sizeOf(String fn, StanParser.ExprContext arg, Env env) {
        if (!Set.of("rows", "cols", "size", "num_elements").contains(fn)) return null;
        Sub s = reference(arg, env);
        if (s == null || s.shape == null) return null;
        Shape sh = s.shape;
        String r = switch (fn) {
            case "rows" -> sh.rows();
            case "cols" -> sh.cols();
            case "size" -> sh.arrayDims.isEmpty() ? (sh.typeDims.size() == 1 ? sh.typeDims.get(0) : null) : sh.arrayDims.get(0);
            default -> sh.all().isEmpty() ? null : String.join(" * ", sh.all().stream().map(x -> simple(x) ? x : "(" + x + ")").toList());
        };
        if (r == null) return null;
        return simple(r) ? r : "(" + r + ")";
    }

    /** dims(x)[k] with k a number and x's shape known: its k-th declared size. */
    private String dimsAt(StanParser.CallExprContext c, StanParser.IndexOpContext at, Env env) {
        if (c.exprList() == null || c.exprList().expr().size() != 1 || at.indexes().index().size() != 1) return null;
        String k = StanParse.text(at.indexes().index(0));
        if (!k.matches("[0-9]+")) return null;
        Sub s = reference(c.exprList().expr(0), env);
        if (s == null || s.shape == null) return null;
        List<String> all = s.shape.all();
        int i = Integer.parseInt(k);
        if (i < 1 || i > all.size()) return null;
        String r = all.get(i - 1);
        return simple(r) ? r : "(" + r + ")";
    }

    // ------------------------------------------------------------ checks and helpers

    private void checkRecursion() {
        Map<String, List<ParserRuleContext>> calls = new LinkedHashMap<>();
        for (Map.Entry<String, StanParser.FunctionDefContext> f : functions.entrySet()) {
            List<ParserRuleContext> c = new ArrayList<>();
            userCalls(f.getValue().statement(), c);
            calls.put(f.getKey(), c);
        }
        for (String f : functions.keySet()) {
            List<String> path = new ArrayList<>();
            path.add(f);
            recursion(f, f, calls, path, new HashSet<>());
        }
    }

    private void recursion(String start, String at, Map<String, List<ParserRuleContext>> calls, List<String> path, Set<String> seen) {
        for (ParserRuleContext c : calls.get(at)) {
            String g = calleeName(c);
            if (g.equals(start)) {
                String how = path.size() == 1 ? "'" + start + "' calls itself" : "'" + start + "' calls itself through " + String.join(" -> ", path) + " -> " + start;
                throw source.error(StanParse.span(c), "recursion (" + how + ") is not supported by the Stan front end",
                        "the front end inlines each call of a user-defined function: write the recursion as a loop");
            }
            if (seen.add(g)) {
                path.add(g);
                recursion(start, g, calls, path, seen);
                path.remove(path.size() - 1);
            }
        }
    }

    private static String calleeName(ParserRuleContext c) {
        return c instanceof StanParser.CallExprContext e ? e.fn.getText() : ((StanParser.CallStatementContext) c).ID().getText();
    }

    private void userCalls(ParseTree t, List<ParserRuleContext> out) {
        if (t instanceof StanParser.CallExprContext c && functions.containsKey(c.fn.getText())) out.add(c);
        if (t instanceof StanParser.CallStatementContext c && functions.containsKey(c.ID().getText())) out.add(c);
        for (int k = 0; k < t.getChildCount(); k++) userCalls(t.getChild(k), out);
    }

    private boolean callsUser(ParseTree t) {
        List<ParserRuleContext> c = new ArrayList<>();
        userCalls(t, c);
        return !c.isEmpty();
    }

    /** Whether a name is assigned anywhere in a tree. */
    private static boolean assigned(ParseTree t, String name) {
        if (t == null) return false;
        if (t instanceof StanParser.LvalueContext l && l.ID().getText().equals(name)) return true;
        for (int k = 0; k < t.getChildCount(); k++) if (assigned(t.getChild(k), name)) return true;
        return false;
    }

    /** Whether every name an expression reads is a parameter, a replaced int or outside the body (not a body local that may change). */
    private static boolean readsOnlyKnown(ParseTree t, Env env) {
        if (t instanceof StanParser.NameExprContext n) {
            Sub s = env.get(n.ID().getText());
            return s == null || s.expr != null || isArgument(env, n.ID().getText());
        }
        for (int k = 0; k < t.getChildCount(); k++) if (!readsOnlyKnown(t.getChild(k), env)) return false;
        return true;
    }

    /** Whether a name is one of the function's parameters (the outermost scope of a body). */
    private static boolean isArgument(Env env, String name) {
        return env.scopes.peekLast().containsKey(name);
    }

    private static StanParser.FunctionDefContext enclosingFunction(ParseTree t) {
        while (t != null && !(t instanceof StanParser.FunctionDefContext)) t = t.getParent();
        return (StanParser.FunctionDefContext) t;
    }

    private static ParseTree enclosingBody(ParseTree t) {
        StanParser.FunctionDefContext f = enclosingFunction(t);
        return f == null ? null : f.statement();
    }

    private String freshName(String local, StanParser.FunctionDefContext f) {
        String base = local + "_" + (f == null ? "f" : f.name.getText());
        String n;
        do {
            n = base + (++fresh);
        } while (taken.contains(n));
        taken.add(n);
        return n;
    }

    private static boolean simple(String s) {
        return s.matches("[A-Za-z_][A-Za-z0-9_]*|[0-9]+(\\.[0-9]*)?([eE][-+]?[0-9]+)?");
    }

    private void collectGlobals(StanParser.ProgramContext p) {
        List<StanParser.VarDeclContext> decls = new ArrayList<>();
        collectDecls(p, decls);
        for (StanParser.VarDeclContext v : decls) {
            if (enclosingFunction(v) != null) continue;
            List<String> arrayDims = new ArrayList<>();
            StanParser.ExprListContext dims = v.arrayDims != null ? v.arrayDims : v.oldDims;
            if (dims != null) for (StanParser.ExprContext e : dims.expr()) arrayDims.add(StanParse.text(e));
            StanParser.TypeContext t = v.type();
            List<String> typeDims = new ArrayList<>();
            for (StanParser.ExprContext e : new StanParser.ExprContext[] {t.size, t.rows, t.cols}) if (e != null) typeDims.add(StanParse.text(e));
            String kind = t.kind.getText();
            if (typeDims.size() == 1 && Set.of("cov_matrix", "corr_matrix", "cholesky_factor_corr", "cholesky_factor_cov").contains(kind)) {
                typeDims.add(typeDims.get(0));
            }
            globals.put(v.name.getText(), new Shape(arrayDims, kind, typeDims));
        }
    }

    private static void collectDecls(ParseTree t, List<StanParser.VarDeclContext> out) {
        if (t instanceof StanParser.VarDeclContext v) out.add(v);
        for (int k = 0; k < t.getChildCount(); k++) collectDecls(t.getChild(k), out);
    }

    private static List<Token> tokensOf(ParseTree t) {
        List<Token> out = new ArrayList<>();
        collectTokens(t, out);
        return out;
    }

    private static void collectTokens(ParseTree t, List<Token> out) {
        if (t instanceof TerminalNode n) out.add(n.getSymbol());
        for (int k = 0; k < t.getChildCount(); k++) collectTokens(t.getChild(k), out);
    }

    /** As many newlines as the tree spans, so that the lines after it keep their numbers. */
    private String blankLines(ParserRuleContext c) {
        String s = text.substring(c.getStart().getStartIndex(), c.getStop().getStopIndex() + 1);
        return "\n".repeat((int) s.chars().filter(ch -> ch == '\n').count());
    }

    private UlamException unsupported(ParserRuleContext c, String what, String help) {
        return source.error(StanParse.span(c), what + " is not supported yet by the Stan front end", help);
    }
}
