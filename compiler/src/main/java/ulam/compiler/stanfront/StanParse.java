package ulam.compiler.stanfront;

import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import ulam.compiler.ast.Span;
import ulam.compiler.parse.Source;
import ulam.grammar.StanLexer;
import ulam.grammar.StanParser;
import ulam.runtime.UlamException;

/**
 * Parses a Stan program (grammar {@code Stan.g4}) into its ANTLR tree; the first syntax error is
 * a {@link UlamException} at its file:line:col with the line and a caret.
 */
final class StanParse {
    private StanParse() {}

    /**
     * The parse tree of a Stan program.
     *
     * @throws UlamException at the first unexpected character or syntax error, located
     */
    static StanParser.ProgramContext parse(Source source) {
        String text = source.text().replace("\r\n", "\n").replace('\r', '\n');
        StanLexer lexer = new StanLexer(CharStreams.fromString(text, source.file()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        for (Token t : tokens.getTokens()) {
            if (t.getType() == StanLexer.ERRCHAR) {
                throw source.error(span(t), "unexpected character '" + t.getText() + "' in a Stan program",
                        "Stan programs use names, numbers, \"strings\", operators and ; { } ( ) [ ]");
            }
        }
        StanParser parser = new StanParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> r, Object offending, int line, int col, String msg, RecognitionException e) {
                Token t = (Token) offending;
                Token before = previous(tokens, t);
                boolean boundary = before == null || before.getType() == StanLexer.SEMI || before.getType() == StanLexer.LBRACE
                        || before.getType() == StanLexer.RBRACE;   // where a statement may start, ';' is only the empty statement
                if (!boundary && before.getLine() < t.getLine() && ((StanParser) r).getExpectedTokens().contains(StanLexer.SEMI)) {
                    throw source.error(after(before), "Stan syntax error: missing ';' at the end of the statement", "end the statement with ';'");
                }
                String found = t.getType() == Token.EOF ? "the end of the file" : "'" + t.getText() + "'";
                throw source.error(span(t), "Stan syntax error: unexpected " + found, help(t, msg));
            }
        });
        return parser.program();
    }

    private static String help(Token t, String antlrMessage) {
        if (t.getType() == Token.EOF) return "a block or a statement is not closed: check the braces { } and the semicolons";
        String want = antlrMessage.contains("expecting") ? antlrMessage.substring(antlrMessage.indexOf("expecting")) : null;
        if (t.getType() == StanLexer.DATA || t.getType() == StanLexer.PARAMETERS || t.getType() == StanLexer.MODEL
                || t.getType() == StanLexer.TRANSFORMED || t.getType() == StanLexer.GENERATED || t.getType() == StanLexer.FUNCTIONS) {
            return "the blocks come in the order functions, data, transformed data, parameters, transformed parameters,"
                    + " model, generated quantities, each at most once";
        }
        return want == null ? "check the statement before it (a missing ';'?)" : want.replace("expecting", "expected");
    }

    /** The token on the default channel before {@code t}, or null at the start. */
    private static Token previous(CommonTokenStream tokens, Token t) {
        for (int i = t.getTokenIndex() - 1; i >= 0; i--) {
            Token p = tokens.get(i);
            if (p.getChannel() == Token.DEFAULT_CHANNEL) return p;
        }
        return null;
    }

    /** The one-column span just after a token's last character (where a missing ';' belongs). */
    private static Span after(Token t) {
        String text = t.getText();
        int nl = text.lastIndexOf('\n');
        int col = nl < 0 ? t.getCharPositionInLine() + text.length() : text.length() - nl - 1;
        int line = t.getLine() + (int) text.chars().filter(ch -> ch == '\n').count();
        return new Span(line, col + 1, 1);
    }

    /** The span of a token. */
    static Span span(Token t) {
        int len = t.getType() == Token.EOF ? 1 : Math.max(1, t.getText().length());
        return new Span(t.getLine(), t.getCharPositionInLine() + 1, len);
    }

    /** The span of a rule: from its first token to its last when they are on one line, else its first token. */
    static Span span(ParserRuleContext c) {
        Token a = c.getStart();
        Token b = c.getStop();
        if (b == null || b.getLine() != a.getLine() || b.getStopIndex() < a.getStartIndex()) return span(a);
        return new Span(a.getLine(), a.getCharPositionInLine() + 1, b.getStopIndex() - a.getStartIndex() + 1);
    }

    /** The source text of a rule, as written. */
    static String text(ParserRuleContext c) {
        return c.getStart().getInputStream().getText(org.antlr.v4.runtime.misc.Interval.of(c.getStart().getStartIndex(),
                c.getStop().getStopIndex()));
    }

}
