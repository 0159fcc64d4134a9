package ulam.compiler.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import ulam.compiler.ast.Expr;
import ulam.compiler.ast.Program;
import ulam.compiler.ast.Statement;
import ulam.compiler.testing.GoldenErrors;
import ulam.runtime.UlamException;

class ParserTest {

    private static Program parse(String text) {
        return Parser.parse(new Source("m.ulam", text));
    }

    @Test
    void everyExampleParses() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../examples"))) {
            List<Path> models = files.filter(p -> p.toString().endsWith(".ulam")).toList();
            assertTrue(models.size() >= 7, "examples found: " + models);
            for (Path p : models) {
                Program prog = Parser.parse(Source.read(p));
                assertTrue(prog.statements().size() >= 2, p.toString());
            }
        }
    }

    @Test
    void rPrecedence() {
        Statement s = parse("y <- -2^2 + a:b*3").statements().get(0);
        Expr.Binary add = assertInstanceOf(Expr.Binary.class, s.rhs());
        assertEquals(Expr.BinaryOp.ADD, add.op());
        Expr.Unary neg = assertInstanceOf(Expr.Unary.class, add.left());   // -(2^2)
        assertEquals(Expr.BinaryOp.POW, ((Expr.Binary) neg.operand()).op());
        Expr.Binary mul = assertInstanceOf(Expr.Binary.class, add.right());  // (a:b)*3
        assertEquals(Expr.BinaryOp.MUL, mul.op());
        assertEquals(Expr.BinaryOp.RANGE, ((Expr.Binary) mul.left()).op());
    }

    @Test
    void indexingBindsTightest() {
        Statement s = parse("p <- b[T,B] + a[A]^2").statements().get(0);
        Expr.Binary add = assertInstanceOf(Expr.Binary.class, s.rhs());
        assertInstanceOf(Expr.Index.class, add.left());
        Expr.Binary pow = assertInstanceOf(Expr.Binary.class, add.right());
        assertInstanceOf(Expr.Index.class, pow.left());
    }

    @Test
    void everyStatementForm() {
        Program p = parse("""
                m13.4 <- ulam(
                  alist(
                    pulled_left ~ dbinom( 1 , p ) ,
                    logit(p) <- a[actor] + g[block_id] + b[treatment] ,
                    ## adaptive priors
                    b[treatment] ~ dnorm( 0 , 0.5 ),
                    c(a_cafe,b_cafe)[cafe] ~ multi_normal( c(a,b) , Rho , sigma_cafe ),
                    vector[2]:v[dept] ~ multi_normal(0, Rho, s),
                    vector[2]: v_mu[[1]] ~ normal(0,4),
                    c(bA,bI,bC) ~ dnorm( 0 , 0.5 ),
                    y|y==0 ~ custom( log_mix( p , 0 , poisson_lpmf(0|lambda) ) ),
                    gq> vector[actor]:a2 <<- a_bar + z*sigma_a,
                    transpars> matrix[actor,4]:alpha <- compose_noncentered( sigma_actor , L_Rho_actor , z_actor ),
                    y ~ dnorm(mu, sigma) T[0, ],
                    D ~ custom( exponential_lccdf( !Y | lambda ) ),
                    save> mu <- sum( delta_j[1:E] ) + x[i, ] %*% t(B),
                    sigma_g ~ dexp(1)
                  ) , data=d , chains=4 , cores=4 , log_lik=TRUE, control=list(adapt_delta=0.99) )
                """);
        assertEquals("m13.4", p.fitName());
        assertEquals("ulam", p.wrapper());
        assertEquals(14, p.statements().size());
        assertEquals(5, p.options().size());
        assertEquals("chains", p.options().get(1).name());
        Statement link = p.statements().get(1);
        assertInstanceOf(Statement.Target.Link.class, link.target());
        Statement stack = p.statements().get(3);
        Statement.Target.Stack st = assertInstanceOf(Statement.Target.Stack.class, stack.target());
        assertEquals(2, st.names().size());
        assertEquals(1, st.index().size());
        Statement typed = p.statements().get(4);
        assertEquals("vector", typed.type().name());
        assertInstanceOf(Statement.Target.Element.class, p.statements().get(5).target());
        Statement cond = p.statements().get(7);
        assertInstanceOf(Expr.Binary.class, cond.condition());
        Statement gq = p.statements().get(8);
        assertEquals("gq", gq.tag());
        assertEquals(Statement.Op.ASSIGN_VECTOR, gq.op());
        Statement trunc = p.statements().get(10);
        assertInstanceOf(Expr.Num.class, trunc.truncation().lower());
        assertNull(trunc.truncation().upper());
        Expr.Call lpmf = (Expr.Call) ((Expr.Call) ((Expr.Call) p.statements().get(7).rhs()).args().get(0)).args().get(2);
        assertTrue(lpmf.conditional());
        assertEquals("m13_4", normalised("m13.4"));
    }

    private static String normalised(String s) {
        Expr.Name n = (Expr.Name) parse("y <- " + s).statements().get(0).rhs();
        return n.name();
    }

    @Test
    void plainFileWithCommasContinuationsAndComments() {
        Program p = parse("""
                # a comment
                y ~ dnorm(mu, sigma),   # trailing comma and comment
                mu <- a +
                      b*x
                a ~ dnorm(0,
                          1)

                kcal.per.g ~ dexp(1)
                """);
        assertEquals(4, p.statements().size());
        assertEquals("kcal_per_g", ((Statement.Target.Symbol) p.statements().get(3).target()).name().name());
    }

    @Test
    void syntaxErrorsAreLocated() {
        UlamException e = assertThrows(UlamException.class, () -> parse("y ~ dnorm(mu, sigma)\nmu <- a + * b\n"));
        GoldenErrors.assertGolden(ParserTest.class, "operand missing", "y ~ dnorm(mu, sigma)\nmu <- a + * b\n", e);
        assertEquals(2, e.location().line());
        assertEquals(11, e.location().column());
        assertTrue(e.format().contains("mu <- a + * b"), e.format());
        assertTrue(e.format().contains("          ^"), e.format());

        UlamException open = assertThrows(UlamException.class, () -> parse("y ~ dnorm(mu, sigma\nmu <- a\n"));
        GoldenErrors.assertGolden(ParserTest.class, "bracket never closed", "y ~ dnorm(mu, sigma\nmu <- a\n", open);
        assertTrue(open.getMessage().contains("never closed"), open.getMessage());
        assertEquals(1, open.location().line());
        assertEquals(10, open.location().column());

        UlamException noOp = assertThrows(UlamException.class, () -> parse("y dnorm(mu, sigma)\n"));
        GoldenErrors.assertGolden(ParserTest.class, "operator missing", "y dnorm(mu, sigma)\n", noOp);
        assertTrue(noOp.help().contains("~"), noOp.format());

        UlamException bad = assertThrows(UlamException.class, () -> parse("y ~ dnorm(mu, sigma) @\n"));
        GoldenErrors.assertGolden(ParserTest.class, "stray character", "y ~ dnorm(mu, sigma) @\n", bad);
        assertTrue(bad.getMessage().contains("'@'"), bad.getMessage());
    }

    /** Found by fuzzing: 5,000 nested brackets, unary minus or powers overflowed the stack; they are located errors now. */
    @Test
    void deepNestingIsALocatedError() {
        String[] deep = {"(".repeat(5000) + "a" + ")".repeat(5000), "-".repeat(5000) + "a", "a^".repeat(5000) + "a",
                "a + ".repeat(5000) + "a", "exp(".repeat(5000) + "a" + ")".repeat(5000), "a" + "[1]".repeat(5000),
                "(".repeat(200) + "a" + " + a".repeat(100) + ")".repeat(200)};
        for (String e : deep) {
            UlamException x = assertThrows(UlamException.class, () -> parse("y ~ dnorm(mu, 1)\nmu <- " + e + "\n"),
                    e.substring(0, 20));
            assertTrue(x.getMessage().contains("nested too deeply"), x.getMessage());
            assertEquals(2, x.location().line());
            assertTrue(x.location().column() > 6 && x.location().column() <= x.location().lineText().length(), x.format());
        }
    }

    /** The nesting bound counts per line and per argument: long models and long argument lists are fine. */
    @Test
    void nestingIsCountedPerLineAndArgument() {
        String line = "mu <- a + b * x - c / d + e ^ 2 - -f\n";
        assertEquals(200, parse(line.repeat(200)).statements().size());
        String args = "fmax(" + "a + b + c, ".repeat(300) + "d)";
        assertEquals(1, parse("mu <- " + args + "\n").statements().size());
        assertEquals(1, parse("mu <- " + "a +\n".repeat(100) + "b\n").statements().size());
        assertEquals(1, parse("mu <- " + "(".repeat(100) + "a" + ")".repeat(100) + "\n").statements().size());
    }

    /** Found by fuzzing: after a lone carriage return (old Mac line ends) errors were a line too high, past its end. */
    @Test
    void loneCarriageReturnsEndLines() {
        for (String nl : new String[] {"\r", "\r\n", "\n"}) {
            UlamException e = assertThrows(UlamException.class, () -> parse("# comment" + nl + "y ~ dnorm(mu, sigma)" + nl + "mu <- a + * b" + nl));
            assertEquals(3, e.location().line(), nl.replace("\r", "CR").replace("\n", "LF"));
            assertEquals(11, e.location().column());
            assertEquals("mu <- a + * b", e.location().lineText());
        }
    }

    /** An emoji (two UTF-16 chars, one code point for ANTLR) before an error no longer shifts the caret. */
    @Test
    void columnsCountJavaCharacters() {
        UlamException e = assertThrows(UlamException.class,
                () -> parse("y ~ dnorm(mu, 1)\nmu <- ifelse(s == \"\ud83d\ude00\ud83d\ude00\", 1, 2) @\n"));
        assertEquals('@', e.location().lineText().charAt(e.location().column() - 1), e.format());
        UlamException name = assertThrows(UlamException.class, () -> parse("`\ud83d\ude00` ~ dnorm(0, 1) @\n"));
        assertEquals('@', name.location().lineText().charAt(name.location().column() - 1), name.format());
    }

    /** The wrapper's arguments are R expressions: $, [[ ]], calls with named arguments, function(i) ... */
    @Test
    void wrapperArgumentsAreRExpressions() {
        Program p = parse("m <- ulam(alist(y ~ dnorm(mu, 1), mu ~ dnorm(0, 1)), data=list(R=d$response, S=d[[\"s\"]]),"
                + " start=list(mu=mean(d2$height)), chains=4)\n");
        assertEquals("ulam", p.wrapper());
        assertEquals(List.of("data", "start", "chains"), p.options().stream().map(Program.Option::name).toList());
        Expr.Call data = assertInstanceOf(Expr.Call.class, p.options().get(0).value());
        Expr.Member dollar = assertInstanceOf(Expr.Member.class, data.args().get(0));
        assertEquals("response", ((Expr.Str) dollar.key()).value());
        assertEquals("d", ((Expr.Name) dollar.target()).name());
        Expr.Member element = assertInstanceOf(Expr.Member.class, data.args().get(1));
        assertEquals("s", ((Expr.Str) element.key()).value());
        Expr.Call lambda = assertInstanceOf(Expr.Call.class,
                parse("mu <- a + sapply(1:827, function(i) sum(B[i,] * w))\n").statements().get(0).rhs() instanceof Expr.Binary b
                        ? b.right() : null);
        Expr.Lambda f = assertInstanceOf(Expr.Lambda.class, lambda.args().get(1));
        assertEquals(List.of("i"), f.params().stream().map(Expr.Name::name).toList());
        assertInstanceOf(Expr.Call.class, f.body());
    }

    /** R assignments above the call, as the R session had them: an alist, a start list, an earlier fit refitted. */
    @Test
    void definitionsAboveTheCallAreUsed() {
        Program p = parse("""
                flist <- alist(
                    height ~ dnorm(mu, sigma),
                    mu ~ dnorm(178, 20),
                    sigma ~ dunif(0, 50)
                )
                start <- list(mu=mean(d2$height), sigma=sd(d2$height))
                m4.1 <- quap(flist, data=d2, start=start)
                """);
        assertEquals("quap", p.wrapper());
        assertEquals("m4.1", p.fitName());
        assertEquals(3, p.statements().size());
        assertEquals(2, p.statements().get(0).span().line());
        Expr.Call start = assertInstanceOf(Expr.Call.class, p.options().get(1).value());   // start=start is the list above
        assertEquals("list", start.function());
        assertEquals(List.of("mu", "sigma"), start.argNames());
        // a refit: the earlier fit's lines, the new call's options only (rethinking keeps the formula and the data)
        Program refit = parse("""
                m13.4 <- ulam(alist(y ~ dnorm(mu, 1), mu ~ dnorm(0, 1)), data=d, chains=4, log_lik=TRUE)
                m13.4b <- ulam(m13.4, chains=2, control=list(adapt_delta=0.99))
                """);
        assertEquals("m13.4b", refit.fitName());
        assertEquals(2, refit.statements().size());
        assertEquals(List.of("chains", "control"), refit.options().stream().map(Program.Option::name).toList());
        Program fromQuap = parse("z <- quap(alist(y ~ dnorm(mu, 1), mu ~ dnorm(0, 1)), data=d)\nzz <- ulam(z, sample=FALSE)\n");
        assertEquals("ulam", fromQuap.wrapper());
        assertEquals(2, fromQuap.statements().size());
    }

    @Test
    void refitOfAModelTheFileDoesNotHoldIsALocatedError() {
        UlamException e = assertThrows(UlamException.class, () -> parse("m13.4b <- ulam( m13.4 , chains=4 )\n"));
        assertEquals(1, e.location().line());
        assertEquals(17, e.location().column());
        assertTrue(e.getMessage().contains("'m13.4' is an earlier model"), e.getMessage());
        assertTrue(e.format().contains("paste its definition"), e.format());
        UlamException value = assertThrows(UlamException.class, () -> parse("s <- list(a=1)\nm <- ulam(s, chains=4)\n"));
        assertTrue(value.getMessage().contains("defined above as a value"), value.getMessage());
    }
}
