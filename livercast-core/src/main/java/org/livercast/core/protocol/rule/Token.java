package org.livercast.core.protocol.rule;

/** One lexical token of a rule, with its character position for error messages. */
record Token(Kind kind, String text, int position) {
    enum Kind { WORD, NUMBER, STRING, OP, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, END }
}
