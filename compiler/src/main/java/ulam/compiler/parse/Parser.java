package ulam.compiler.parse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;
import ulam.compiler.ast.Expr;
import ulam.compiler.ast.Program;
import ulam.compiler.ast.Span;
import ulam.compiler.ast.Statement;
import ulam.grammar.UlamLexer;
import ulam.grammar.UlamParser;
import ulam.runtime.UlamException;

/**
 * Stage 1 of the compiler: model text to {@link Program} (the AST), with the ANTLR grammar
 * {@code Ulam.g4}. The first syntax error stops parsing with a {@link UlamException} at
 * file:line:column that says what was found and what was expected.
 */
public final class Parser {
    private Parser() {}

    /**
     * Parses a model file.
     *
     * @throws UlamException at the first syntax error, located
     */
    public static Program parse(Source source) {
        // ANTLR counts lines at '\n' only; Source (and so every message) also ends a line at a lone '\r'
        String text = source.text().replace("\r\n", "\n").replace('\r', '\n');
        UlamLexer lexer = new UlamLexer(CharStreams.fromString(text, source.file()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        checkBrackets(source, tokens.getTokens());
        checkNesting(source, tokens.getTokens());
        UlamParser.ProgramContext tree = TwoStageParse.parse(new UlamParser(tokens), new Listener(source), UlamParser::program);
        return new AstBuilder(source).program(tree);
    }

    /** Unbalanced brackets give poor parser messages (the newline rule depends on them): report them first. */
    private static void checkBrackets(Source source, List<Token> tokens) {
        Deque<Token> open = new ArrayDeque<>();
        for (Token t : tokens) {
            switch (t.getType()) {
                case UlamLexer.ERRCHAR -> throw source.error(span(t),
                        "unexpected character '" + t.getText() + "'",
                        "model lines use names, numbers, \"strings\", operators + - * / ^ and ~ <- <<-");
                case UlamLexer.LPAREN, UlamLexer.LBRACK -> open.push(t);
                case UlamLexer.RPAREN, UlamLexer.RBRACK -> {
                    boolean paren = t.getType() == UlamLexer.RPAREN;
                    if (open.isEmpty()) {
                        throw source.error(span(t), "'" + t.getText() + "' has no matching '" + (paren ? "(" : "[") + "'",
                                "remove it, or add the opening bracket where it belongs");
                    }
                    Token o = open.pop();
                    boolean match = paren ? o.getType() == UlamLexer.LPAREN : o.getType() == UlamLexer.LBRACK;
                    if (!match) {
                        throw source.error(span(o), "'" + o.getText() + "' is closed by '" + t.getText() + "' on line "
                                + t.getLine(), "close '" + o.getText() + "' with '" + (o.getType() == UlamLexer.LPAREN ? ")" : "]") + "'");
                    }
                }
                default -> { }
            }
        }
        if (!open.isEmpty()) {
            Token o = open.peekLast() == null ? open.peek() : open.peek();
            throw source.error(span(o), "'" + o.getText() + "' is never closed",
                    "add the matching '" + (o.getType() == UlamLexer.LPAREN ? ")" : "]") + "'");
        }
    }

    /**
     * How deeply an expression may nest: brackets, plus operators (and indexing) at each bracket
     * level. Every stage of the compiler recurses over expressions; this bound keeps them all far
     * from the end of a 1 MiB thread stack (the JVM's default, measured: 800 levels compile), so
     * a deeply nested line is a located error instead of a StackOverflowError.
     */
    static final int MAX_NESTING = 256;

    /**
     * Rejects an expression nested more than {@link #MAX_NESTING} levels deep, before ANTLR
     * parses it (its recursive descent would overflow the stack first). The depth is bounded from
     * above by counting, for each open bracket, the operators and index brackets met at that
     * bracket's level since its last ',' (or, outside brackets, since the start of the line; a
     * line that ends with an operator continues): an operator's operand recurses at most once
     * per operator, so the parser's and the later stages' recursion depth is at most this count.
     */
    private static void checkNesting(Source source, List<Token> tokens) {
        int[] ops = new int[MAX_NESTING + 2];   // operators at each open level
        int level = 0;
        int total = 0;                           // levels open plus operators at every open level
        int previous = -1;
        for (Token t : tokens) {
            int type = t.getType();
            boolean grows = false;
            switch (type) {
                case UlamLexer.LPAREN, UlamLexer.LBRACK -> {
                    if (type == UlamLexer.LBRACK) { ops[level]++; total++; }   // an index wraps what it indexes
                    level++;
                    ops[level] = 0;
                    total++;
                    grows = true;
                }
                case UlamLexer.RPAREN, UlamLexer.RBRACK -> {
                    if (level > 0) {
                        total -= ops[level] + 1;
                        level--;
                    }
                }
                case UlamLexer.COMMA -> {
                    total -= ops[level];
                    ops[level] = 0;
                }
                case UlamLexer.NL -> {
                    if (level == 0 && !continues(previous)) {
                        total -= ops[0];
                        ops[0] = 0;
                    }
                }
                default -> {
                    if (isOperator(type)) {
                        ops[level]++;
                        total++;
                        grows = true;
                    }
                }
            }
            if (grows && total > MAX_NESTING) {
                throw source.error(span(t), "this expression is nested too deeply (more than " + MAX_NESTING
                        + " levels of brackets and operators)", "split it: compute parts on lines of their own "
                        + "(part1 <- ...), then combine them");
            }
            if (type != UlamLexer.NL) previous = type;
        }
    }

    /** Operators of expressions, each of which may add one level to an expression tree. */
    private static boolean isOperator(int type) {
        return switch (type) {
            case UlamLexer.PLUS, UlamLexer.MINUS, UlamLexer.STAR, UlamLexer.SLASH, UlamLexer.CARET, UlamLexer.BANG,
                 UlamLexer.COLON, UlamLexer.SPECIAL, UlamLexer.LT, UlamLexer.GT, UlamLexer.LE, UlamLexer.GE,
                 UlamLexer.EQEQ, UlamLexer.NEQ, UlamLexer.AND, UlamLexer.ANDAND, UlamLexer.OROR, UlamLexer.BAR -> true;
            default -> false;
        };
    }

    /** Whether a line ending after a token of this type continues on the next line. */
    private static boolean continues(int type) {
        return isOperator(type) || type == UlamLexer.TILDE || type == UlamLexer.ASSIGN
                || type == UlamLexer.SUPERASSIGN || type == UlamLexer.EQ;
    }

    static Span span(Token t) {
        int len = t.getType() == Token.EOF ? 1 : Math.max(1, t.getStopIndex() - t.getStartIndex() + 1);
        return new Span(t.getLine(), t.getCharPositionInLine() + 1, len);
    }

    static Span span(ParserRuleContext ctx) {
        Token a = ctx.getStart();
        Token b = ctx.getStop() == null ? a : ctx.getStop();
        Span sa = span(a);
        return Span.cover(sa, span(b));
    }

    /** Turns ANTLR's messages into ours. */
    private static final class Listener extends BaseErrorListener {
        private final Source source;

        Listener(Source source) {
            this.source = source;
        }

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int col, String msg,
                                RecognitionException e) {
            Token t = (Token) offending;
            UlamParser parser = (UlamParser) recognizer;
            IntervalSet expected = e != null ? e.getExpectedTokens() : parser.getExpectedTokens();
            String found = describe(t);
            String want = expectedText(expected);
            String help = helpFor(t, expected);
            if (t != null && t.getType() != UlamLexer.NL && !statementHasOperator(parser, t)) {
                want = "'~', '<-' or '<<-' after the left-hand side";
                help = "each line is 'outcome ~ distribution(arguments)' or 'name <- expression'";
            }
            Span at = t == null ? new Span(line, col + 1, 1) : span(t);
            if (t != null && t.getType() == UlamLexer.NL) at = new Span(line, col + 1, 1);
            throw source.error(at, "unexpected " + found + (want.isEmpty() ? "" : "; expected " + want), help);
        }

        /** Whether the statement holding {@code t} has its operator before {@code t}. */
        private static boolean statementHasOperator(UlamParser parser, Token t) {
            org.antlr.v4.runtime.TokenStream ts = parser.getInputStream();
            int depth = 0;
            for (int i = t.getTokenIndex() - 1; i >= 0; i--) {
                int type = ts.get(i).getType();
                switch (type) {
                    case UlamLexer.TILDE, UlamLexer.ASSIGN, UlamLexer.SUPERASSIGN -> {
                        if (depth == 0) return true;
                    }
                    case UlamLexer.RPAREN, UlamLexer.RBRACK -> depth++;
                    case UlamLexer.LPAREN, UlamLexer.LBRACK -> {
                        if (depth == 0) {   // the alist( of a wrapper starts a statement; a call's ( does not
                            return !(i > 0 && ts.get(i - 1).getType() == UlamLexer.ALIST);
                        }
                        depth--;
                    }
                    case UlamLexer.NL -> {
                        return false;
                    }
                    case UlamLexer.COMMA -> {
                        if (depth == 0) return false;
                    }
                    default -> { }
                }
            }
            return false;
        }

        private static String describe(Token t) {
            if (t == null) return "input";
            return switch (t.getType()) {
                case Token.EOF -> "end of file";
                case UlamLexer.NL -> "end of line";
                default -> "'" + t.getText() + "'";
            };
        }

        private static String expectedText(IntervalSet set) {
            if (set == null) return "";
            List<String> names = new ArrayList<>();
            boolean expr = false;
            for (int type : set.toList()) {
                switch (type) {
                    case UlamLexer.ID, UlamLexer.NUMBER, UlamLexer.STRING, UlamLexer.MINUS, UlamLexer.LPAREN -> expr = true;
                    case UlamLexer.TILDE -> names.add("'~'");
                    case UlamLexer.ASSIGN -> names.add("'<-'");
                    case UlamLexer.SUPERASSIGN -> names.add("'<<-'");
                    case UlamLexer.RPAREN -> names.add("')'");
                    case UlamLexer.RBRACK -> names.add("']'");
                    case UlamLexer.COMMA -> names.add("','");
                    case UlamLexer.COLON -> names.add("':'");
                    default -> { }
                }
            }
            if (expr) names.add(0, "a name, number or expression");
            if (names.size() > 4) names = names.subList(0, 4);
            return String.join(" or ", names);
        }

        private static String helpFor(Token t, IntervalSet expected) {
            if (expected != null && (expected.contains(UlamLexer.TILDE) || expected.contains(UlamLexer.ASSIGN))) {
                return "each line is 'outcome ~ distribution(arguments)' or 'name <- expression'";
            }
            if (t != null && t.getType() == UlamLexer.NL) {
                return "the line ends too early: an operator or argument is missing";
            }
            if (t != null && t.getType() == UlamLexer.ID && expected != null && expected.contains(UlamLexer.COMMA)) {
                return "separate arguments with ','";
            }
            return "see docs/language.md for the statement forms";
        }
    }

    /** Parse tree to AST. */
    private static final class AstBuilder {
        private final Source source;

        AstBuilder(Source source) {
            this.source = source;
        }

        Program program(UlamParser.ProgramContext ctx) {
            UlamParser.BodyContext body = ctx.body();
            if (body instanceof UlamParser.PlainBodyContext plain) {
                List<Statement> statements = new ArrayList<>();
                for (UlamParser.StatementContext s : plain.statement()) statements.add(statement(s));
                return new Program(List.copyOf(statements), List.of(), null, null);
            }
            UlamParser.WrappedBodyContext wrapped = (UlamParser.WrappedBodyContext) body;
            Map<String, Object> defined = new HashMap<>();   // R name -> Fit (an alist or a fit) or Expr (a value)
            for (UlamParser.DefinitionContext d : wrapped.definition()) {
                if (d instanceof UlamParser.FitDefinitionContext f) {
                    Fit fit = fit(f.wrapper(), defined);
                    if (fit.name() != null) defined.put(fit.name(), fit);
                } else {
                    UlamParser.ValueDefinitionContext v = (UlamParser.ValueDefinitionContext) d;
                    defined.put(v.name.getText(), expr(v.expr()));
                }
            }
            Fit fit = fit(wrapped.wrapper(), defined);
            return new Program(fit.statements(), fit.options(), fit.name(), fit.fn());
        }

        /** An alist ({@code fn} null) or a call of a fit function, with its options resolved. */
        private record Fit(String name, String fn, List<Statement> statements, List<Program.Option> options) {}

        /**
         * One {@code name <- fn(alist(...) | NAME, options)} or {@code name <- alist(...)}. A first
         * argument that is a name is an alist or a fit defined above: its lines are used, with this
         * call's options only (rethinking's ulam takes a previous fit's formula and data, nothing
         * else). An option whose value is a name defined above ({@code start=start}) gets that value.
         */
        private Fit fit(UlamParser.WrapperContext w, Map<String, Object> defined) {
            if (w instanceof UlamParser.BareAlistContext bare) {
                return new Fit(bare.fitName == null ? null : bare.fitName.getText(), null, alist(bare.alist()), List.of());
            }
            UlamParser.UlamCallContext call = (UlamParser.UlamCallContext) w;
            String fn = call.fn.getText();
            List<Statement> statements;
            if (call.alist() != null) {
                statements = alist(call.alist());
            } else {
                statements = earlier(call.model, fn, defined).statements();
            }
            List<Program.Option> options = new ArrayList<>();
            for (UlamParser.NamedArgContext a : call.namedArg()) {
                String name = a.ID() == null ? null : a.ID().getText();
                Expr value = expr(a.expr());
                if (value instanceof Expr.Name n && defined.get(n.written()) instanceof Expr v) value = v;
                options.add(new Program.Option(name, value, span(a)));
            }
            return new Fit(call.fitName == null ? null : call.fitName.getText(), fn, statements, List.copyOf(options));
        }

        /** The alist or fit that {@code fn(NAME, ...)} names, defined above it; a located error otherwise. */
        private Fit earlier(Token model, String fn, Map<String, Object> defined) {
            String name = model.getText();
            Object d = defined.get(name);
            if (d instanceof Fit f) return f;
            if (d != null) {
                throw source.error(span(model), "'" + name + "' is defined above as a value, not as an alist(...) or a fit",
                        "the first argument of " + fn + "(...) is the model: alist(...), or the name of an alist or of an earlier fit");
            }
            throw source.error(span(model), "'" + name + "' is an earlier model (an alist or a fit) that this file does not hold",
                    "paste its definition (" + name + " <- ulam(alist(...), ...) or " + name + " <- alist(...)) above this line,"
                            + " so that " + fn + "(" + name + ", ...) refits it with these options; or run " + name
                            + "'s own file with the options on the command line (e.g. --chains 4 --adapt-delta 0.99)");
        }

        private List<Statement> alist(UlamParser.AlistContext alist) {
            List<Statement> out = new ArrayList<>();
            for (UlamParser.StatementContext s : alist.statement()) out.add(statement(s));
            return List.copyOf(out);
        }

        Statement statement(UlamParser.StatementContext ctx) {
            String tag = ctx.tag == null ? null : ctx.tag.getText();
            Span tagSpan = ctx.tag == null ? null : span(ctx.tag);
            UlamParser.LhsContext lhs = ctx.lhs();
            Statement.TypeDecl type = null;
            if (lhs.typeDecl() != null) {
                UlamParser.TypeDeclContext t = lhs.typeDecl();
                List<Expr> dims = new ArrayList<>();
                for (UlamParser.ExprContext d : t.dims) dims.add(expr(d));
                type = new Statement.TypeDecl(t.typeName.getText(), List.copyOf(dims), span(t.typeName));
            }
            Statement.Target target = target(lhs.target());
            if (ctx.op.getType() == UlamLexer.TILDE && target instanceof Statement.Target.Symbol sym && sym.index().size() == 1
                    && sym.index().get(0) instanceof Expr.Num k && k.integer() && k.value() >= 1) {
                // sigma[1] ~ half_normal(0, 1): a literal index on the left of '~' is one element, as sigma[[1]]
                target = new Statement.Target.Element(sym.name(), k, sym.span());
            }
            Expr condition = lhs.condition == null ? null : expr(lhs.condition);
            Statement.Op op = switch (ctx.op.getType()) {
                case UlamLexer.TILDE -> Statement.Op.SAMPLE;
                case UlamLexer.ASSIGN -> Statement.Op.ASSIGN;
                default -> Statement.Op.ASSIGN_VECTOR;
            };
            Statement.Truncation trunc = null;
            if (ctx.truncation() != null) {
                UlamParser.TruncationContext t = ctx.truncation();
                if (!t.ID().getText().equals("T")) {
                    throw source.error(span(t.ID().getSymbol()), "unexpected '" + t.ID().getText() + "' after the distribution",
                            "truncation is written T[lower, upper] right after the distribution");
                }
                trunc = new Statement.Truncation(t.lower == null ? null : expr(t.lower),
                        t.upper == null ? null : expr(t.upper), span(t));
            }
            Span whole = Span.cover(span(ctx.getStart()), span(ctx.rhs.getStop()));
            return new Statement(tag, tagSpan, type, target, condition, op, expr(ctx.rhs), trunc, whole);
        }

        Statement.Target target(UlamParser.TargetContext ctx) {
            if (ctx instanceof UlamParser.ElementTargetContext e) {
                return new Statement.Target.Element(name(e.ID().getSymbol()), expr(e.element), span(ctx));
            }
            if (ctx instanceof UlamParser.LinkTargetContext l) {
                Token fn = l.ID(0).getSymbol();
                Expr.Name inner = name(l.inner);
                if (fn.getText().equals("c")) {
                    return new Statement.Target.Stack(List.of(inner), List.of(), span(ctx));
                }
                return new Statement.Target.Link(fn.getText(), span(fn), inner, span(ctx));
            }
            if (ctx instanceof UlamParser.StackTargetContext s) {
                Token fn = s.ID(0).getSymbol();
                if (!fn.getText().equals("c")) {
                    throw source.error(span(fn), "'" + fn.getText() + "(...)' cannot be on the left of a line",
                            "write c(a, b) to give several names one prior, or a single name");
                }
                List<Expr.Name> names = new ArrayList<>();
                for (Token t : s.names) names.add(name(t));
                return new Statement.Target.Stack(List.copyOf(names), indices(s.indexList()), span(ctx));
            }
            UlamParser.SymbolTargetContext s = (UlamParser.SymbolTargetContext) ctx;
            return new Statement.Target.Symbol(name(s.ID().getSymbol()), indices(s.indexList()), span(ctx));
        }

        List<Expr> indices(UlamParser.IndexListContext ctx) {
            if (ctx == null) return List.of();
            List<Expr> out = new ArrayList<>();
            for (UlamParser.IndexContext i : ctx.index()) {
                if (i instanceof UlamParser.ExprIndexContext e) {
                    out.add(expr(e.expr()));
                } else if (i instanceof UlamParser.AllIndexContext a) {
                    out.add(new Expr.All(span(a)));
                } else {
                    Token at = i.getStart() != null ? i.getStart() : ctx.getStart();
                    out.add(new Expr.Empty(span(at)));
                }
            }
            return List.copyOf(out);
        }

        Expr.Name name(Token t) {
            String written = t.getText();
            String raw = written.startsWith("`") ? written.substring(1, written.length() - 1) : written;
            return new Expr.Name(normalise(raw), written, span(t));
        }

        /** Every character that is not a letter, digit or '_' becomes '_' (language reference A.2). */
        static String normalise(String raw) {
            StringBuilder sb = new StringBuilder(raw.length());
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                sb.append(Character.isLetterOrDigit(c) || c == '_' ? c : '_');
            }
            if (sb.length() > 0 && Character.isDigit(sb.charAt(0))) sb.insert(0, '_');
            return sb.toString();
        }

        Expr expr(UlamParser.ExprContext ctx) {
            Span sp = span(ctx);
            if (ctx instanceof UlamParser.PowerExprContext c) {
                return new Expr.Binary(Expr.BinaryOp.POW, expr(c.expr(0)), expr(c.expr(1)), sp);
            }
            if (ctx instanceof UlamParser.UnaryExprContext c) {
                Expr.UnaryOp op = switch (c.op.getType()) {
                    case UlamLexer.MINUS -> Expr.UnaryOp.NEG;
                    case UlamLexer.PLUS -> Expr.UnaryOp.PLUS;
                    default -> Expr.UnaryOp.NOT;
                };
                Expr operand = expr(c.expr());
                if (op == Expr.UnaryOp.NEG && operand instanceof Expr.Num n) {
                    return new Expr.Num(-n.value(), n.integer(), sp);
                }
                return new Expr.Unary(op, operand, sp);
            }
            if (ctx instanceof UlamParser.RangeExprContext c) {
                return new Expr.Binary(Expr.BinaryOp.RANGE, expr(c.expr(0)), expr(c.expr(1)), sp);
            }
            if (ctx instanceof UlamParser.SpecialExprContext c) {
                String op = c.op.getText();
                if (!op.equals("%*%")) {
                    throw source.error(span(c.op), "operator " + op + " is not part of the language",
                            "matrix products are written %*%");
                }
                return new Expr.Binary(Expr.BinaryOp.MATMUL, expr(c.expr(0)), expr(c.expr(1)), sp);
            }
            if (ctx instanceof UlamParser.MulExprContext c) {
                return new Expr.Binary(c.op.getType() == UlamLexer.STAR ? Expr.BinaryOp.MUL : Expr.BinaryOp.DIV,
                        expr(c.expr(0)), expr(c.expr(1)), sp);
            }
            if (ctx instanceof UlamParser.AddExprContext c) {
                return new Expr.Binary(c.op.getType() == UlamLexer.PLUS ? Expr.BinaryOp.ADD : Expr.BinaryOp.SUB,
                        expr(c.expr(0)), expr(c.expr(1)), sp);
            }
            if (ctx instanceof UlamParser.CompareExprContext c) {
                Expr.BinaryOp op = switch (c.op.getType()) {
                    case UlamLexer.LT -> Expr.BinaryOp.LT;
                    case UlamLexer.GT -> Expr.BinaryOp.GT;
                    case UlamLexer.LE -> Expr.BinaryOp.LE;
                    case UlamLexer.GE -> Expr.BinaryOp.GE;
                    case UlamLexer.EQEQ -> Expr.BinaryOp.EQ;
                    default -> Expr.BinaryOp.NE;
                };
                return new Expr.Binary(op, expr(c.expr(0)), expr(c.expr(1)), sp);
            }
            if (ctx instanceof UlamParser.AndExprContext c) {
                return new Expr.Binary(Expr.BinaryOp.AND, expr(c.expr(0)), expr(c.expr(1)), sp);
            }
            if (ctx instanceof UlamParser.OrExprContext c) {
                return new Expr.Binary(Expr.BinaryOp.OR, expr(c.expr(0)), expr(c.expr(1)), sp);
            }
            if (ctx instanceof UlamParser.ElementExprContext c) {
                return new Expr.Member(expr(c.expr(0)), expr(c.element), sp);
            }
            if (ctx instanceof UlamParser.DollarExprContext c) {
                Token f = c.field != null ? c.field : c.STRING().getSymbol();
                String key = c.field != null ? f.getText() : unescape(f.getText().substring(1, f.getText().length() - 1));
                return new Expr.Member(expr(c.expr()), new Expr.Str(key, span(f)), sp);
            }
            if (ctx instanceof UlamParser.LambdaExprContext c) {
                List<Expr.Name> params = new ArrayList<>();
                for (Token t : c.params) params.add(name(t));
                return new Expr.Lambda(List.copyOf(params), expr(c.expr()), sp);
            }
            if (ctx instanceof UlamParser.IndexExprContext c) {
                return new Expr.Index(expr(c.expr()), indices(c.indexList()), sp);
            }
            if (ctx instanceof UlamParser.CallExprContext c) {
                List<Expr> args = new ArrayList<>();
                List<String> names = new ArrayList<>();
                boolean conditional = false;
                if (c.callArgs() != null) {
                    conditional = c.callArgs().BAR() != null;
                    for (UlamParser.CallArgContext a : c.callArgs().callArg()) {
                        args.add(expr(a.expr()));
                        names.add(a.ID() == null ? null : a.ID().getText());
                    }
                }
                Token fn = c.ID().getSymbol();
                return new Expr.Call(fn.getText(), span(fn), List.copyOf(args),
                        java.util.Collections.unmodifiableList(names), conditional, sp);
            }
            if (ctx instanceof UlamParser.ParenExprContext c) {
                return expr(c.expr());
            }
            if (ctx instanceof UlamParser.NumberExprContext c) {
                String text = c.NUMBER().getText();
                boolean longSuffix = text.endsWith("L");
                if (longSuffix) text = text.substring(0, text.length() - 1);
                boolean integer = longSuffix || !(text.contains(".") || text.toLowerCase(Locale.ROOT).contains("e"));
                double v = Double.parseDouble(text);
                if (integer && (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE)) integer = false;
                return new Expr.Num(v, integer, sp);
            }
            if (ctx instanceof UlamParser.StringExprContext c) {
                String raw = c.STRING().getText();
                return new Expr.Str(unescape(raw.substring(1, raw.length() - 1)), sp);
            }
            UlamParser.NameExprContext c = (UlamParser.NameExprContext) ctx;
            return name(c.ID().getSymbol());
        }
    }

    /**
     * The text of a string literal without its quotes: {@code \\n} and {@code \\t} become a
     * newline and a tab, a backslash before any other character stands for that character. Used
     * for the alist's strings and for the R strings of a formula call (ulam.compiler.formula).
     */
    public static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> n;
                });
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }
}
