package ulam.compiler.stanfront;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.Token;
import ulam.compiler.parse.Source;
import ulam.grammar.StanParser;
import ulam.runtime.data.DataSet;

/**
 * What the Stan front end computes from the data while it translates (docs/stan.md, "Transformed
 * data"): the transformed data block it runs ({@link StanInterpreter}), and the values of
 * expressions that read only numbers, data and those transformed data (an {@code if} on
 * {@code prior_only}, a constant term of {@code target +=}).
 */
final class DataValues {
    private final Source source;
    private final Map<String, Decl> scope;
    private final DataSet data;
    private List<StanParser.BlockItemContext> interpreted;
    private StanInterpreter evaluator;

    /** @param data the data when given, or null */
    DataValues(Source source, Map<String, Decl> scope, DataSet data) {
        this.source = source;
        this.scope = scope;
        this.data = data;
    }

    /** The transformed data block is run on the data; with the data given, now (its errors come early, located). */
    void interpret(List<StanParser.BlockItemContext> items) {
        interpreted = List.copyOf(items);
        if (data != null) evaluator();
    }

    /** The items of the transformed data block that is run on the data, or null when it is lowered to lines. */
    List<StanParser.BlockItemContext> interpreted() {
        return interpreted;
    }

    /** An interpreter over the data that has run the interpreted transformed data block; null without the data. */
    private StanInterpreter evaluator() {
        if (evaluator == null && data != null) {
            List<Decl> declared = new ArrayList<>();
            for (Decl d : scope.values()) if (d.block() == Decl.Block.DATA) declared.add(d);
            DataChecks.check(source, declared, data);
            evaluator = new StanInterpreter(source, scope, data);
            if (interpreted != null) evaluator.runBlock(interpreted);
        }
        return evaluator;
    }

    /**
     * The value of an expression that reads only numbers, data and interpreted transformed data
     * ({@code !prior_only}, {@code student_t_lccdf(0 | 3, 0, 10)}), or null when it reads
     * anything else (a parameter, a local, a loop's variable).
     *
     * @throws ulam.runtime.UlamException located: "WHAT without the data is not supported yet"
     *         when it reads data and they are not given; an error of the expression on the data
     */
    StanValue value(StanParser.ExprContext e, String what) {
        List<Token> ts = new ArrayList<>();
        collect(e, ts);
        boolean names = false;
        for (int k = 0; k < ts.size(); k++) {
            Token t = ts.get(k);
            if (t.getType() != StanParser.ID || k + 1 < ts.size() && ts.get(k + 1).getType() == StanParser.LPAREN) continue;
            Decl d = scope.get(t.getText());
            if (d == null || (d.block() != Decl.Block.DATA && d.block() != Decl.Block.TRANSFORMED_DATA)) return null;
            if (d.block() == Decl.Block.TRANSFORMED_DATA && interpreted == null) return null;
            names = true;
        }
        StanInterpreter in = evaluator();
        if (in == null) {
            if (names) {
                throw source.error(StanParse.span(e), what + " without the data is not supported yet by the Stan front end",
                        "give the data with --data (the statement depends on them)");
            }
            in = new StanInterpreter(source, scope, DataSet.empty());
        }
        return in.eval(e);
    }

    /** {@link #value} of one term of a sum ({@code 1 * student_t_lccdf(0 | 3, 0, 10)}). */
    StanValue term(StanParser.MultiplicativeContext m, String what) {
        return value(wrap(m), what);
    }

    private static void collect(org.antlr.v4.runtime.tree.ParseTree t, List<Token> out) {
        if (t instanceof org.antlr.v4.runtime.tree.TerminalNode n) out.add(n.getSymbol());
        for (int k = 0; k < t.getChildCount(); k++) collect(t.getChild(k), out);
    }

    /** A term of a sum as an expression of its own (the tree the parser gives a lone term). */
    private static StanParser.ExprContext wrap(StanParser.MultiplicativeContext m) {
        StanParser.ExprContext e = new StanParser.ExprContext(null, 0);
        StanParser.OrExprContext o = new StanParser.OrExprContext(e, 0);
        StanParser.AndExprContext a = new StanParser.AndExprContext(o, 0);
        StanParser.EqExprContext q = new StanParser.EqExprContext(a, 0);
        StanParser.CmpExprContext c = new StanParser.CmpExprContext(q, 0);
        StanParser.AdditiveContext ad = new StanParser.AdditiveContext(c, 0);
        ad.addChild(m);
        c.addChild(ad);
        q.addChild(c);
        a.addChild(q);
        o.addChild(a);
        e.addChild(o);
        e.cond = o;
        e.start = m.start;
        e.stop = m.stop;
        return e;
    }
}
