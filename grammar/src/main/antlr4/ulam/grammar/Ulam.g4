grammar Ulam;
program : EOF ;
WS : [ \t\r\n]+ -> skip ;
