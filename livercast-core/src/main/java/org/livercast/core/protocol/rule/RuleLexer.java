package org.livercast.core.protocol.rule;

import java.util.ArrayList;
import java.util.List;

/** Splits a rule into tokens: words, numbers, 'quoted text', operators and punctuation. */
final class RuleLexer {
    private final String s;

    RuleLexer(String source) { this.s = source; }

    List<Token> tokens() {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
                out.add(new Token(Token.Kind.WORD, s.substring(start, i), start));
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int start = i++;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
                out.add(new Token(Token.Kind.NUMBER, s.substring(start, i), start));
            } else if (c == '\'' || c == '"') {
                int end = s.indexOf(c, i + 1);
                if (end < 0) throw new RuleSyntaxException(s, i, "unterminated text");
                out.add(new Token(Token.Kind.STRING, s.substring(i + 1, end), i));
                i = end + 1;
            } else if ("<>=!".indexOf(c) >= 0) {
                int start = i++;
                if (i < s.length() && s.charAt(i) == '=') i++;
                String op = s.substring(start, i);
                if (op.equals("=") || op.equals("!")) throw new RuleSyntaxException(s, start, "unknown operator '" + op + "' (use == or !=)");
                out.add(new Token(Token.Kind.OP, op, start));
            } else {
                Token.Kind kind = switch (c) {
                    case '(' -> Token.Kind.LPAREN;
                    case ')' -> Token.Kind.RPAREN;
                    case '[' -> Token.Kind.LBRACKET;
                    case ']' -> Token.Kind.RBRACKET;
                    case ',' -> Token.Kind.COMMA;
                    default -> throw new RuleSyntaxException(s, i, "unexpected character '" + c + "'");
                };
                out.add(new Token(kind, String.valueOf(c), i));
                i++;
            }
        }
        out.add(new Token(Token.Kind.END, "end of rule", s.length()));
        return out;
    }
}
