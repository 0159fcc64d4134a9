/*
 * R calls that describe a model in formula syntax: brms's brm(...) and rstanarm's stan_glmer(...),
 * stan_lmer(...) and stan_glm(...), with their formulas (y ~ x + (x | g)), family and prior
 * arguments, as written in an R script or pasted into a .ulam file. One `statement` is one
 * top-level R expression; the front end (ulam.compiler.formula.RParser) splits a file into
 * statements and parses each on its own, so R code it does not need (library(brms), loops,
 * plots) may surround the call.
 *
 * Operator precedence follows R (?Syntax), highest first:
 *   :: $ @   [ [[   ^ (right)   unary - +   :   %any%   * /   + -   comparisons   !   & &&
 *   | ||   ~ (formulas; unary and binary)   -> ->>   <- <<- (right)   = (right)
 *
 * Newlines end a statement only outside (), [] and {} (the lexer counts nesting); a line that
 * ends with an operator continues on the next line, as in R.
 */
grammar Formula;

@lexer::members {
    private int nesting = 0;
}

statement
    : NL* expr NL* EOF
    ;

expr
    : ns=ID NAMESPACE expr                                            # namespaceExpr
    | expr op=(DOLLAR | AT) (ID | STRING)                             # memberExpr
    | expr LPAREN args? RPAREN                                        # callExpr
    | expr LBRACK LBRACK args? RBRACK RBRACK                          # elementExpr
    | expr LBRACK args? RBRACK                                        # indexExpr
    | <assoc=right> expr op=CARET nl expr                             # binaryExpr
    | op=(MINUS | PLUS) expr                                          # unaryExpr
    | expr op=COLON nl expr                                           # binaryExpr
    | expr op=SPECIAL nl expr                                         # binaryExpr
    | expr op=(STAR | SLASH) nl expr                                  # binaryExpr
    | expr op=(PLUS | MINUS) nl expr                                  # binaryExpr
    | expr op=(LT | GT | LE | GE | EQEQ | NEQ) nl expr                # binaryExpr
    | op=BANG expr                                                    # unaryExpr
    | expr op=(AND | ANDAND) nl expr                                  # binaryExpr
    | expr op=(BAR | OROR) nl expr                                    # binaryExpr
    | op=TILDE nl expr                                                # unaryExpr
    | expr op=TILDE nl expr                                           # binaryExpr
    | <assoc=right> expr op=(ASSIGN | SUPERASSIGN) nl expr            # binaryExpr
    | <assoc=right> expr op=EQ nl expr                                # binaryExpr
    | LPAREN expr RPAREN                                              # parenExpr
    | LBRACE (expr | NL | SEMI)* RBRACE                               # blockExpr
    | FUNCTION LPAREN args? RPAREN expr                               # functionExpr
    | NUMBER                                                          # numberExpr
    | STRING                                                          # stringExpr
    | ID                                                              # nameExpr
    ;

args
    : arg (COMMA arg)*
    ;

arg
    : (name=(ID | STRING) EQ nl)? expr                                # valueArg
    |                                                                 # emptyArg
    ;

nl  : NL* ;

// ---------------------------------------------------------------- lexer

FUNCTION    : 'function' ;
NAMESPACE   : ':::' | '::' ;
SUPERASSIGN : '<<-' ;
ASSIGN      : '<-' ;
RASSIGN     : '->>' | '->' ;
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
TILDE       : '~' ;
CARET       : '^' | '**' ;
STAR        : '*' ;
SLASH       : '/' ;
PLUS        : '+' ;
MINUS       : '-' ;
SPECIAL     : '%' ~[% \t\r\n]* '%' ;
COLON       : ':' ;
DOLLAR      : '$' ;
AT          : '@' ;
COMMA       : ',' ;
SEMI        : ';' ;
LPAREN      : '(' { nesting++; } ;
RPAREN      : ')' { if (nesting > 0) nesting--; } ;
LBRACK      : '[' { nesting++; } ;
RBRACK      : ']' { if (nesting > 0) nesting--; } ;
LBRACE      : '{' { nesting++; } ;
RBRACE      : '}' { if (nesting > 0) nesting--; } ;

NUMBER
    : ( DIGITS ('.' DIGITS?)? | '.' DIGITS ) EXPONENT? [Li]?
    | '0' [xX] [0-9a-fA-F]+ 'L'?
    ;

STRING
    : '"' ( '\\' . | ~["\\] )* '"'
    | '\'' ( '\\' . | ~['\\] )* '\''
    ;

ID
    : [a-zA-Z] [a-zA-Z0-9._]*
    | '.' [a-zA-Z_.] [a-zA-Z0-9._]*
    | '.'
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
