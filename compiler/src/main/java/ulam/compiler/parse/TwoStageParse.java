package ulam.compiler.parse;

import java.util.function.Function;
import org.antlr.v4.runtime.ANTLRErrorListener;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * ANTLR's two-stage parsing (Parr, Harwell and Fisher 2014, "Adaptive LL(*) parsing", section
 * 3.2): the fast SLL prediction with a strategy that gives up at the first error, then, only if
 * that fails, full LL prediction with the caller's error listener, which reports the error. SLL
 * that succeeds gives the tree LL would; a model that parses is parsed once, in SLL.
 */
public final class TwoStageParse {
    private TwoStageParse() {}

    /**
     * Parses with {@code rule} (e.g. {@code UlamParser::program}).
     *
     * @param parser   a new parser over its token stream, at the first token
     * @param listener reports a syntax error of the second stage (it throws the located error)
     * @param rule     the start rule
     * @return the tree
     */
    public static <P extends org.antlr.v4.runtime.Parser, T extends ParserRuleContext> T parse(
            P parser, ANTLRErrorListener listener, Function<P, T> rule) {
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        try {
            return rule.apply(parser);
        } catch (ParseCancellationException e) {
            parser.getTokenStream().seek(0);
            parser.reset();
            parser.setErrorHandler(new DefaultErrorStrategy());
            parser.addErrorListener(listener);
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            return rule.apply(parser);
        }
    }
}
