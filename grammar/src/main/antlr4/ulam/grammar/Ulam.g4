/*
 * The ulam model language: the alist formulas of Statistical Rethinking's ulam(), one statement
 * per line (or comma separated), optionally wrapped as `alist( ... )` or
 * `name <- ulam( alist( ... ), option = value, ... )`; R assignments may come before the call, as
 * in the R session (`flist <- alist(...)`, `start <- list(...)`, an earlier fit that the call refits).
 *
 * Expression precedence follows R (?Syntax), highest first:
 *   ^ (right)   unary - + !   :   %*% %%   * /   + -   comparisons   & &&   | ||
 * R's `$`, `[[ ]]` and `function(i) ...` parse too (the wrapper's arguments are R expressions);
 * the checker says where a model line cannot use them.
 * `|` is not an expression operator here: it separates a condition on the left of `~`
 * (`y | y == 0 ~ custom(...)`) and the outcome in `_lpdf(y | mu, sigma)` calls; use `||` for "or".
 *
 * Newlines end a statement only outside parentheses and brackets (the lexer counts nesting);
 * a line that ends with an operator continues on the next line, as in R.
 */
grammar Ulam;

@lexer::members {
    private int nesting = 0;
}

// ---------------------------------------------------------------- file structure

program
    : sep* body EOF
    ;

body
    : (definition sep+)* wrapper sep*                       # wrappedBody
    | (statement (sep+ statement)* sep*)?                   # plainBody
    ;

// an R assignment above the call, as in the R session: `flist <- alist(...)`, `start <- list(...)`,
// an earlier fit `m13.4 <- ulam(alist(...), ...)` that the call refits
definition
    : wrapper                                               # fitDefinition
    | name=ID ASSIGN nl expr                                # valueDefinition
    ;

// the call: its first argument is the alist, or the name of an alist or an earlier fit defined above
wrapper
    : (fitName=ID ASSIGN nl)? fn=ID LPAREN (alist | model=ID) (COMMA namedArg)* COMMA? RPAREN   # ulamCall
    | (fitName=ID ASSIGN nl)? alist                                                              # bareAlist
    ;

alist
    : ALIST LPAREN (statement (COMMA statement)* COMMA?)? RPAREN
    ;

namedArg
    : ID EQ expr
    | expr
    ;

sep
    : NL
    | COMMA
    ;

nl  : NL* ;

// ---------------------------------------------------------------- statements

statement
    : (tag=ID GT)? lhs op=(TILDE | ASSIGN | SUPERASSIGN) nl rhs=expr truncation?
    ;

lhs
    : typeDecl? target (BAR condition=expr)?
    ;

typeDecl
    : typeName=ID (LBRACK dims+=expr (COMMA dims+=expr)* RBRACK)? COLON
    ;

target
    : ID LBRACK LBRACK element=expr RBRACK RBRACK                     # elementTarget
    | ID LPAREN inner=ID RPAREN                                       # linkTarget
    | ID LPAREN names+=ID (COMMA names+=ID)+ RPAREN (LBRACK indexList RBRACK)?  # stackTarget
    | ID (LBRACK indexList RBRACK)?                                   # symbolTarget
    ;

truncation
    : ID LBRACK lower=expr? COMMA upper=expr? RBRACK
    ;

// ---------------------------------------------------------------- expressions

expr
    : expr LBRACK LBRACK element=expr RBRACK RBRACK                   # elementExpr
    | expr LBRACK indexList RBRACK                                    # indexExpr
    | expr DOLLAR (field=ID | STRING)                                 # dollarExpr
    | <assoc=right> expr op=CARET nl expr                             # powerExpr
    | op=(MINUS | PLUS | BANG) expr                                   # unaryExpr
    | expr op=COLON nl expr                                           # rangeExpr
    | expr op=SPECIAL nl expr                                         # specialExpr
    | expr op=(STAR | SLASH) nl expr                                  # mulExpr
    | expr op=(PLUS | MINUS) nl expr                                  # addExpr
    | expr op=(LT | GT | LE | GE | EQEQ | NEQ) nl expr                # compareExpr
    | expr op=(AND | ANDAND) nl expr                                  # andExpr
    | expr op=OROR nl expr                                            # orExpr
    | FUNCTION LPAREN (params+=ID (COMMA params+=ID)*)? RPAREN nl expr   # lambdaExpr
    | ID LPAREN callArgs? RPAREN                                      # callExpr
    | LPAREN expr RPAREN                                              # parenExpr
    | NUMBER                                                          # numberExpr
    | STRING                                                          # stringExpr
    | ID                                                              # nameExpr
    ;

callArgs
    : callArg (BAR callArg)? (COMMA callArg)*
    ;

callArg
    : (ID EQ)? expr
    ;

indexList
    : index (COMMA index)*
    ;

index
    : expr                                                            # exprIndex
    | COLON                                                           # allIndex
    |                                                                 # emptyIndex
    ;

// ---------------------------------------------------------------- lexer

ALIST       : 'alist' ;
FUNCTION    : 'function' ;
DOLLAR      : '$' ;
TILDE       : '~' ;
SUPERASSIGN : '<<-' ;
ASSIGN      : '<-' ;
LE          : '<=' ;
GE          : '>=' ;
EQEQ        : '==' ;
NEQ         : '!=' ;
LT          : '<' ;
GT          : '>' ;
EQ          : '=' ;
ANDAND      : '&&' ;
AND         : '&' ;
OROR        : '||' ;
BAR         : '|' ;
BANG        : '!' ;
CARET       : '^' | '**' ;
STAR        : '*' ;
SLASH       : '/' ;
PLUS        : '+' ;
MINUS       : '-' ;
SPECIAL     : '%' ~[% \t\r\n]* '%' ;
COLON       : ':' ;
COMMA       : ',' ;
LPAREN      : '(' { nesting++; } ;
RPAREN      : ')' { if (nesting > 0) nesting--; } ;
LBRACK      : '[' { nesting++; } ;
RBRACK      : ']' { if (nesting > 0) nesting--; } ;

NUMBER
    : ( DIGITS ('.' DIGITS?)? | '.' DIGITS ) EXPONENT? 'L'?
    ;

STRING
    : '"' ( '\\' . | ~["\\\r\n] )* '"'
    | '\'' ( '\\' . | ~['\\\r\n] )* '\''
    ;

ID
    : [a-zA-Z] [a-zA-Z0-9._]*
    | '.' [a-zA-Z_.] [a-zA-Z0-9._]*
    | '`' ~[`\r\n]+ '`'
    ;

NL
    : ( '\r'? '\n' | '\r' ) { if (nesting > 0) skip(); }
    ;

COMMENT : '#' ~[\r\n]* -> skip ;
WS      : [ \t\f\u00A0]+ -> skip ;

// anything else: reported by the parser as an unexpected character, located
ERRCHAR : . ;

fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? [0-9]+ ;
