package ulam.compiler.formula;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;
import ulam.compiler.ast.Span;
import ulam.compiler.parse.Source;
import ulam.compiler.parse.TwoStageParse;
import ulam.compiler.parse.Parser;
import ulam.grammar.FormulaLexer;
import ulam.grammar.FormulaParser;
import ulam.runtime.UlamException;

/**
 * Reads an R script (or a {@code .ulam} file holding a pasted call) into top-level statements,
 * each parsed on its own with the grammar {@code Formula.g4}: R code the front end does not need
 * ({@code library(brms)}, loops, plots) may surround the model call, and a statement that does
 * not parse is kept as its error, reported only if the model needs that statement.
 */
final class RParser {
    private RParser() {}

    /** The functions whose call is a model: brms's and rstanarm's fitting functions. */
    static final Set<String> MODEL_FUNCTIONS = Set.of("brm", "stan_glmer", "stan_lmer", "stan_glm");

    /** The packages' other fitting functions: recognised, so that their calls get a located "not supported yet". */
    static final Set<String> OTHER_FUNCTIONS = Set.of("brm_multiple", "stan_glmer.nb", "stan_glm.nb", "stan_betareg", "stan_polr",
            "stan_gamm4", "stan_nlmer", "stan_mvmer", "stan_jm", "stan_lm", "stan_aov", "stan_biglm", "stan_clogit");

    /** A cheap first look for a model call; {@link #statements} decides. */
    private static final Pattern LOOKS_LIKE = Pattern.compile("\\b(brm|brm_multiple|stan_[a-z0-9_.]+)\\s*\\(");

    /** Whether a name is a fitting function of brms or rstanarm (supported or not). */
    static boolean modelFunction(String name) {
        return MODEL_FUNCTIONS.contains(name) || OTHER_FUNCTIONS.contains(name);
    }

    /** A top-level statement: its expression, or the error that kept it from parsing (then {@code expr} is null). */
    record Statement(RExpr expr, UlamException error, Span span, boolean callsModel) {}

    /**
     * Whether the text holds a call of a model function outside comments and strings (and is
     * not an alist: a file with {@code alist(} is the ulam language).
     */
    static boolean recognises(String text) {
        if (!LOOKS_LIKE.matcher(text).find()) return false;
        List<Token> tokens = lex(text);
        boolean alist = false;
        boolean model = false;
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.getType() != FormulaLexer.ID || tokens.get(i + 1).getType() != FormulaLexer.LPAREN) continue;
            if (t.getText().equals("alist")) alist = true;
            if (modelFunction(t.getText())) model = true;
        }
        return model && !alist;
    }

    /**
     * Splits the file into top-level statements and parses each.
     *
     * @throws UlamException for an unbalanced bracket or an unexpected character in a statement
     *                       that calls a model function
     */
    static List<Statement> statements(Source source) {
        List<Token> tokens = lex(source.text());
        List<Statement> out = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (Token t : tokens) {
            int type = t.getType();
            boolean end = type == Token.EOF || type == FormulaLexer.SEMI
                    || (type == FormulaLexer.NL && !current.isEmpty() && !continues(current.get(current.size() - 1)));
            if (!end) {
                if (type != FormulaLexer.NL) current.add(t);
                continue;
            }
            if (!current.isEmpty()) out.add(parse(source, current));
            current = new ArrayList<>();
        }
        return out;
    }

    private static List<Token> lex(String text) {
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
        FormulaLexer lexer = new FormulaLexer(CharStreams.fromString(normalised));
        lexer.removeErrorListeners();
        CommonTokenStream stream = new CommonTokenStream(lexer);
        stream.fill();
        return stream.getTokens();
    }

    /** Whether a line ending after this token continues on the next line (R: an incomplete expression). */
    private static boolean continues(Token t) {
        return switch (t.getType()) {
            case FormulaLexer.PLUS, FormulaLexer.MINUS, FormulaLexer.STAR, FormulaLexer.SLASH, FormulaLexer.CARET,
                 FormulaLexer.COLON, FormulaLexer.SPECIAL, FormulaLexer.LT, FormulaLexer.GT, FormulaLexer.LE,
                 FormulaLexer.GE, FormulaLexer.EQEQ, FormulaLexer.NEQ, FormulaLexer.AND, FormulaLexer.ANDAND,
                 FormulaLexer.BAR, FormulaLexer.OROR, FormulaLexer.TILDE, FormulaLexer.ASSIGN, FormulaLexer.SUPERASSIGN,
                 FormulaLexer.EQ, FormulaLexer.BANG, FormulaLexer.COMMA, FormulaLexer.NAMESPACE, FormulaLexer.DOLLAR -> true;
            default -> false;
        };
    }

    private static Statement parse(Source source, List<Token> tokens) {
        boolean callsModel = false;
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).getType() == FormulaLexer.ID && modelFunction(tokens.get(i).getText())
                    && tokens.get(i + 1).getType() == FormulaLexer.LPAREN) callsModel = true;
        }
        Span whole = Span.cover(span(tokens.get(0)), span(tokens.get(tokens.size() - 1)));
        try {
            checkTokens(source, tokens);
            List<Token> withEof = new ArrayList<>(tokens);
            Token last = tokens.get(tokens.size() - 1);
            CommonToken eof = new CommonToken(Token.EOF, "<EOF>");
            eof.setLine(last.getLine());
            eof.setCharPositionInLine(last.getCharPositionInLine() + Math.max(1, last.getText().length()));
            withEof.add(eof);
            FormulaParser.StatementContext tree = TwoStageParse.parse(new FormulaParser(new CommonTokenStream(new ListTokenSource(withEof))),
                    new Listener(source), FormulaParser::statement);
            return new Statement(new Builder().expr(tree.expr()), null, whole, callsModel);
        } catch (UlamException e) {
            return new Statement(null, e, whole, callsModel);
        }
    }

    /** Brackets and stray characters, before the parser (whose messages about them are poor). */
    private static void checkTokens(Source source, List<Token> tokens) {
        java.util.ArrayDeque<Token> open = new java.util.ArrayDeque<>();
        for (Token t : tokens) {
            switch (t.getType()) {
                case FormulaLexer.ERRCHAR -> throw source.error(span(t), "unexpected character '" + t.getText() + "'",
                        "a model call is R code: names, numbers, \"strings\", operators and calls");
                case FormulaLexer.LPAREN, FormulaLexer.LBRACK, FormulaLexer.LBRACE -> open.push(t);
                case FormulaLexer.RPAREN, FormulaLexer.RBRACK, FormulaLexer.RBRACE -> {
                    String close = t.getText();
                    if (open.isEmpty()) {
                        throw source.error(span(t), "'" + close + "' has no matching opening bracket",
                                "remove it, or add the opening bracket where it belongs");
                    }
                    Token o = open.pop();
                    String want = closing(o.getText());
                    if (!want.equals(close)) {
                        throw source.error(span(o), "'" + o.getText() + "' is closed by '" + close + "' on line " + t.getLine(),
                                "close '" + o.getText() + "' with '" + want + "'");
                    }
                }
                default -> { }
            }
        }
        if (!open.isEmpty()) {
            Token o = open.peek();
            throw source.error(span(o), "'" + o.getText() + "' is never closed", "add the matching '" + closing(o.getText()) + "'");
        }
    }

    private static String closing(String open) {
        return switch (open) {
            case "(" -> ")";
            case "[" -> "]";
            default -> "}";
        };
    }

    static Span span(Token t) {
        int len = t.getType() == Token.EOF ? 1 : Math.max(1, t.getText().length());
        return new Span(t.getLine(), t.getCharPositionInLine() + 1, len);
    }

    private static Span span(ParserRuleContext ctx) {
        Token a = ctx.getStart();
        Token b = ctx.getStop() == null ? a : ctx.getStop();
        return Span.cover(span(a), span(b));
    }

    /** ANTLR's syntax errors as located errors. */
    private static final class Listener extends BaseErrorListener {
        private final Source source;

        Listener(Source source) {
            this.source = source;
        }

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int col, String msg,
                                RecognitionException e) {
            Token t = (Token) offending;
            Span at = t == null ? new Span(line, col + 1, 1) : span(t);
            String found = t == null || t.getType() == Token.EOF ? "end of the call" : "'" + t.getText() + "'";
            throw source.error(at, "unexpected " + found + " in this R code",
                    "check the commas and brackets of the call; arguments are written name = value, separated by ','");
        }
    }

    /** Parse tree to {@link RExpr}. */
    private static final class Builder {

        RExpr expr(FormulaParser.ExprContext ctx) {
            Span sp = span(ctx);
            if (ctx instanceof FormulaParser.NamespaceExprContext c) {
                RExpr inner = expr(c.expr());
                return inner;
            }
            if (ctx instanceof FormulaParser.MemberExprContext c) {
                Token name = c.ID() != null ? c.ID().getSymbol() : c.STRING().getSymbol();
                return new RExpr.Binary(c.op.getText(), expr(c.expr()), new RExpr.Sym(unquote(name.getText()), span(name)), sp);
            }
            if (ctx instanceof FormulaParser.CallExprContext c) {
                RExpr fn = expr(c.expr());
                String name = fn instanceof RExpr.Sym s ? s.name() : null;
                return new RExpr.Call(name, fn.span(), args(c.args()), sp);
            }
            if (ctx instanceof FormulaParser.ElementExprContext || ctx instanceof FormulaParser.IndexExprContext) {
                return new RExpr.Other("indexing", sp);
            }
            if (ctx instanceof FormulaParser.BinaryExprContext c) {
                return new RExpr.Binary(c.op.getText(), expr(c.expr(0)), expr(c.expr(1)), sp);
            }
            if (ctx instanceof FormulaParser.UnaryExprContext c) {
                RExpr operand = expr(c.expr());
                if (c.op.getType() == FormulaLexer.MINUS && operand instanceof RExpr.Num n) {
                    return new RExpr.Num(-n.value(), "-" + n.text(), sp);
                }
                return new RExpr.Unary(c.op.getText(), operand, sp);
            }
            if (ctx instanceof FormulaParser.ParenExprContext c) {
                return new RExpr.Paren(expr(c.expr()), sp);
            }
            if (ctx instanceof FormulaParser.BlockExprContext) return new RExpr.Other("a { } block", sp);
            if (ctx instanceof FormulaParser.FunctionExprContext) return new RExpr.Other("a function", sp);
            if (ctx instanceof FormulaParser.NumberExprContext c) return number(c.NUMBER(), sp);
            if (ctx instanceof FormulaParser.StringExprContext c) {
                String raw = c.STRING().getText();
                return new RExpr.Str(Parser.unescape(raw.substring(1, raw.length() - 1)), sp);
            }
            FormulaParser.NameExprContext c = (FormulaParser.NameExprContext) ctx;
            return new RExpr.Sym(unquote(c.ID().getText()), sp);
        }

        private List<RExpr.Arg> args(FormulaParser.ArgsContext ctx) {
            List<RExpr.Arg> out = new ArrayList<>();
            if (ctx == null) return out;
            for (FormulaParser.ArgContext a : ctx.arg()) {
                if (a instanceof FormulaParser.ValueArgContext v) {
                    String name = v.name == null ? null : unquote(v.name.getText());
                    out.add(new RExpr.Arg(name, expr(v.expr()), span(v)));
                } else {
                    Token at = a.getStart() != null ? a.getStart() : ctx.getStart();
                    out.add(new RExpr.Arg(null, null, span(at)));
                }
            }
            // f() parses as one empty argument: no arguments
            if (out.size() == 1 && out.get(0).value() == null && out.get(0).name() == null) out.clear();
            return List.copyOf(out);
        }

        private static RExpr number(TerminalNode node, Span sp) {
            String text = node.getText();
            String digits = text.endsWith("L") || text.endsWith("i") ? text.substring(0, text.length() - 1) : text;
            double v = digits.startsWith("0x") || digits.startsWith("0X") ? Long.parseLong(digits.substring(2), 16)
                    : Double.parseDouble(digits);
            return new RExpr.Num(v, text, sp);
        }

        private static String unquote(String s) {
            if (s.length() >= 2 && (s.startsWith("`") || s.startsWith("\"") || s.startsWith("'"))) {
                return Parser.unescape(s.substring(1, s.length() - 1));
            }
            return s;
        }
    }
}
