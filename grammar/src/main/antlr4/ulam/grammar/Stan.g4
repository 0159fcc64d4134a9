/*
 * Stan programs (Stan reference manual, "Program blocks", "Statements", "Expressions"): the
 * syntax of Stan 2.3x, with the array syntax of Stan 2.2x (`int y[N];`, `real x[N];`) as well as
 * `array[N] int y;`. The blocks are optional and come in their fixed order.
 *
 * Expression precedence follows the Stan reference manual ("Operator precedence and
 * associativity"), lowest first:
 *   ?: (right)   ||   &&   == !=   < <= > >=   + -   * / % \ .* ./ %/%   unary - ! +   ^ .^ (right)
 *   postfix ' (transpose), indexing [ ], calls
 * A bound in `<lower=..., upper=...>` is an additive expression (no comparison at its top level),
 * as in Stan, so that `>` closes the bounds.
 *
 * Which constructs the front end lowers and which it refuses as "not supported yet" is the
 * front end's business: the grammar reads every construct that the lowering names in a message.
 */
grammar Stan;

program
    : functionsBlock? dataBlock? transformedDataBlock? parametersBlock? transformedParametersBlock?
      modelBlock? generatedQuantitiesBlock? EOF
    ;

functionsBlock             : FUNCTIONS LBRACE functionDef* RBRACE ;
dataBlock                  : DATA LBRACE varDecl* RBRACE ;
transformedDataBlock       : TRANSFORMED DATA LBRACE blockItem* RBRACE ;
parametersBlock            : PARAMETERS LBRACE varDecl* RBRACE ;
transformedParametersBlock : TRANSFORMED PARAMETERS LBRACE blockItem* RBRACE ;
modelBlock                 : MODEL LBRACE blockItem* RBRACE ;
generatedQuantitiesBlock   : GENERATED QUANTITIES LBRACE blockItem* RBRACE ;

functionDef
    : returnType=typeRef name=ID LPAREN (argDecl (COMMA argDecl)*)? RPAREN (statement | SEMI)
    ;

argDecl
    : DATA? typeRef ID
    ;

// a type as a function's argument or result: no sizes
typeRef
    : ARRAY LBRACK COMMA* RBRACK typeRef
    | (VOID | INT | REAL | COMPLEX | VECTOR | ROW_VECTOR | MATRIX) (LBRACK COMMA* RBRACK)?
    ;

// ---------------------------------------------------------------- declarations

varDecl
    : (ARRAY LBRACK arrayDims=exprList RBRACK)? type name=ID (LBRACK oldDims=exprList RBRACK)? (ASSIGN value=expr)? SEMI
    ;

type
    : kind=(INT | REAL | COMPLEX) bounds?
    | kind=(VECTOR | ROW_VECTOR) bounds? LBRACK size=expr RBRACK
    | kind=MATRIX bounds? LBRACK rows=expr COMMA cols=expr RBRACK
    | kind=(SIMPLEX | ORDERED | POSITIVE_ORDERED | UNIT_VECTOR | SUM_TO_ZERO_VECTOR
            | CHOLESKY_FACTOR_CORR | CORR_MATRIX | COV_MATRIX) LBRACK size=expr RBRACK
    | kind=CHOLESKY_FACTOR_COV LBRACK rows=expr (COMMA cols=expr)? RBRACK
    ;

// <lower=a, upper=b>, <offset=m, multiplier=s>: the names are checked by the front end
bounds
    : LT bound (COMMA bound)* GT
    ;

bound
    : name=ID ASSIGN additive
    ;

// ---------------------------------------------------------------- statements

blockItem
    : varDecl
    | statement
    ;

statement
    : lvalue op=(ASSIGN | PLUSEQ | MINUSEQ | TIMESEQ | DIVEQ | ELTTIMESEQ | ELTDIVEQ | OLDASSIGN) expr SEMI   # assignStatement
    | expr TILDE dist=ID LPAREN exprList? RPAREN truncation? SEMI                                           # tildeStatement
    | TARGET PLUSEQ expr SEMI                                                                              # targetStatement
    | INCREMENT_LOG_PROB LPAREN expr RPAREN SEMI                                                           # oldTargetStatement
    | FOR LPAREN var=ID IN lo=expr COLON hi=expr RPAREN statement                                          # forStatement
    | FOR LPAREN var=ID IN each=expr RPAREN statement                                                      # foreachStatement
    | WHILE LPAREN expr RPAREN statement                                                                   # whileStatement
    | IF LPAREN cond=expr RPAREN then=statement (ELSE otherwise=statement)?                                # ifStatement
    | LBRACE blockItem* RBRACE                                                                             # blockStatement
    | PROFILE LPAREN STRING RPAREN LBRACE blockItem* RBRACE                                                # profileStatement
    | fn=(PRINT | REJECT | FATAL_ERROR) LPAREN printable (COMMA printable)* RPAREN SEMI                    # printStatement
    | kw=(BREAK | CONTINUE) SEMI                                                                           # jumpStatement
    | RETURN expr? SEMI                                                                                    # returnStatement
    | ID LPAREN exprList? RPAREN SEMI                                                                      # callStatement
    | SEMI                                                                                                 # emptyStatement
    ;

lvalue
    : ID (LBRACK indexes RBRACK)*
    ;

// T[L, U]: the front end checks that the name is T (T stays a name elsewhere: `int T;`)
truncation
    : {_input.LT(1).getText().equals("T")}? trunc=ID LBRACK lower=expr? COMMA upper=expr? RBRACK
    ;

printable
    : STRING
    | expr
    ;

// ---------------------------------------------------------------- expressions

expr
    : cond=orExpr (QUESTION yes=expr COLON no=expr)?
    ;

orExpr   : andExpr (OROR andExpr)* ;
andExpr  : eqExpr (ANDAND eqExpr)* ;
eqExpr   : cmpExpr (eqop+=(EQEQ | NEQ) cmpExpr)* ;
cmpExpr  : additive (cmpop+=(LT | LE | GT | GE) additive)* ;
additive : multiplicative (addop+=(PLUS | MINUS) multiplicative)* ;
multiplicative
    : unary (mulop+=(STAR | SLASH | PERCENT | BACKSLASH | ELTTIMES | ELTDIV | INTDIV) unary)*
    ;

unary
    : op=(MINUS | BANG | PLUS) unary
    | power
    ;

power
    : postfix (op=(CARET | ELTPOW) unary)?
    ;

postfix
    : primary postfixOp*
    ;

postfixOp
    : LBRACK indexes RBRACK           # indexOp
    | TRANSPOSE                       # transposeOp
    ;

primary
    : NUMBER                                                  # numberExpr
    | IMAG                                                    # imagExpr
    | STRING                                                  # stringExpr
    | fn=ID LPAREN (first=expr BAR)? exprList? RPAREN         # callExpr
    | TARGET LPAREN RPAREN                                    # targetExpr
    | ID                                                      # nameExpr
    | LPAREN expr RPAREN                                      # parenExpr
    | LBRACE exprList RBRACE                                  # arrayExpr
    | LBRACK exprList RBRACK                                  # rowVectorExpr
    ;

exprList
    : expr (COMMA expr)*
    ;

indexes
    : index (COMMA index)*
    ;

index
    : lo=expr COLON hi=expr     # rangeIndex
    | lo=expr COLON             # fromIndex
    | COLON hi=expr             # toIndex
    | COLON                     # allIndex
    | expr                      # singleIndex
    ;

// ---------------------------------------------------------------- lexer

FUNCTIONS   : 'functions' ;
DATA        : 'data' ;
TRANSFORMED : 'transformed' ;
PARAMETERS  : 'parameters' ;
MODEL       : 'model' ;
GENERATED   : 'generated' ;
QUANTITIES  : 'quantities' ;

ARRAY       : 'array' ;
INT         : 'int' ;
REAL        : 'real' ;
COMPLEX     : 'complex' ;
VECTOR      : 'vector' ;
ROW_VECTOR  : 'row_vector' ;
MATRIX      : 'matrix' ;
SIMPLEX     : 'simplex' ;
ORDERED     : 'ordered' ;
POSITIVE_ORDERED : 'positive_ordered' ;
UNIT_VECTOR : 'unit_vector' ;
SUM_TO_ZERO_VECTOR : 'sum_to_zero_vector' ;
CHOLESKY_FACTOR_CORR : 'cholesky_factor_corr' ;
CHOLESKY_FACTOR_COV  : 'cholesky_factor_cov' ;
CORR_MATRIX : 'corr_matrix' ;
COV_MATRIX  : 'cov_matrix' ;
VOID        : 'void' ;

FOR         : 'for' ;
IN          : 'in' ;
WHILE       : 'while' ;
IF          : 'if' ;
ELSE        : 'else' ;
BREAK       : 'break' ;
CONTINUE    : 'continue' ;
RETURN      : 'return' ;
TARGET      : 'target' ;
PRINT       : 'print' ;
REJECT      : 'reject' ;
FATAL_ERROR : 'fatal_error' ;
PROFILE     : 'profile' ;
INCREMENT_LOG_PROB : 'increment_log_prob' ;

LBRACE      : '{' ;
RBRACE      : '}' ;
LPAREN      : '(' ;
RPAREN      : ')' ;
LBRACK      : '[' ;
RBRACK      : ']' ;
SEMI        : ';' ;
COMMA       : ',' ;
QUESTION    : '?' ;
COLON       : ':' ;
BAR         : '|' ;
TILDE       : '~' ;
PLUSEQ      : '+=' ;
MINUSEQ     : '-=' ;
TIMESEQ     : '*=' ;
DIVEQ       : '/=' ;
ELTTIMESEQ  : '.*=' ;
ELTDIVEQ    : './=' ;
OLDASSIGN   : '<-' ;
LE          : '<=' ;
GE          : '>=' ;
EQEQ        : '==' ;
NEQ         : '!=' ;
LT          : '<' ;
GT          : '>' ;
ASSIGN      : '=' ;
ANDAND      : '&&' ;
OROR        : '||' ;
BANG        : '!' ;
ELTPOW      : '.^' ;
CARET       : '^' ;
ELTTIMES    : '.*' ;
ELTDIV      : './' ;
INTDIV      : '%/%' ;
STAR        : '*' ;
SLASH       : '/' ;
PERCENT     : '%' ;
BACKSLASH   : '\\' ;
PLUS        : '+' ;
MINUS       : '-' ;
TRANSPOSE   : '\'' ;

IMAG
    : ( DIGITS ('.' DIGITS?)? | '.' DIGITS ) EXPONENT? 'i'
    ;

NUMBER
    : ( DIGITS ('.' DIGITS?)? | '.' DIGITS ) EXPONENT?
    ;

STRING
    : '"' ~["\r\n]* '"'
    ;

ID
    : [a-zA-Z] [a-zA-Z0-9_]*
    ;

LINE_COMMENT  : ( '//' | '#' ) ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
WS            : [ \t\f\r\n]+ -> skip ;

// anything else: reported by the parser as an unexpected character, located
ERRCHAR : . ;

fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? [0-9]+ ;
