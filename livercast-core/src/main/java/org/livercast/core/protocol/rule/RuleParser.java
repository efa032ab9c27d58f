package org.livercast.core.protocol.rule;

import java.util.ArrayList;
import java.util.List;
import org.livercast.core.protocol.rule.Exprs.Compare;
import org.livercast.core.protocol.rule.Exprs.Op;
import org.livercast.core.protocol.rule.Rule.Expr;

/**
 * Recursive-descent parser for {@link Rule}. Grammar:
 * <pre>
 * or      := and ('or' and)*
 * and     := unary ('and' unary)*
 * unary   := 'not' unary | compare
 * compare := operand (OP operand | 'in' list | 'between' operand 'and' operand
 *                     | 'contains_all' list | 'contains_any' list)?
 * operand := number | 'text' | true | false | fact | present(fact, ...) | '(' or ')' | list
 * </pre>
 */
final class RuleParser {
    private final String source;
    private final List<Token> tokens;
    private int pos;

    RuleParser(String source) {
        if (source == null || source.isBlank()) throw new RuleSyntaxException(String.valueOf(source), 0, "empty rule");
        this.source = source;
        this.tokens = new RuleLexer(source).tokens();
    }

    Rule parse() {
        Expr e = or();
        if (peek().kind() != Token.Kind.END) throw error("unexpected '" + peek().text() + "'");
        return new Rule(source, e);
    }

    private Expr or() {
        List<Expr> parts = new ArrayList<>(List.of(and()));
        while (acceptWord("or")) parts.add(and());
        return parts.size() == 1 ? parts.get(0) : new Exprs.Junction(Exprs.Logic.OR, parts);
    }

    private Expr and() {
        List<Expr> parts = new ArrayList<>(List.of(unary()));
        while (acceptWord("and")) parts.add(unary());
        return parts.size() == 1 ? parts.get(0) : new Exprs.Junction(Exprs.Logic.AND, parts);
    }

    private Expr unary() {
        if (acceptWord("not")) return new Exprs.Not(unary());
        return compare();
    }

    private Expr compare() {
        Expr left = operand();
        Token t = peek();
        if (t.kind() == Token.Kind.OP) {
            pos++;
            return new Compare(left, switch (t.text()) {
                case "==" -> Op.EQ;
                case "!=" -> Op.NE;
                case "<" -> Op.LT;
                case "<=" -> Op.LE;
                case ">" -> Op.GT;
                case ">=" -> Op.GE;
                default -> throw error("unknown operator " + t.text());
            }, operand());
        }
        if (acceptWord("in")) return new Compare(left, Op.IN, list());
        if (acceptWord("contains_all")) return new Compare(left, Op.CONTAINS_ALL, list());
        if (acceptWord("contains_any")) return new Compare(left, Op.CONTAINS_ANY, list());
        if (acceptWord("between")) {
            Expr low = operand();
            if (!acceptWord("and")) throw error("'between' needs 'and'");
            Expr high = operand();
            return new Exprs.Junction(Exprs.Logic.AND, List.of(new Compare(left, Op.GE, low), new Compare(left, Op.LE, high)));
        }
        return left;
    }

    private Expr operand() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER: return new Exprs.Literal(Double.parseDouble(t.text()));
            case STRING: return new Exprs.Literal(t.text());
            case LPAREN: {
                Expr e = or();
                expect(Token.Kind.RPAREN, "')'");
                return e;
            }
            case LBRACKET: {
                pos--;
                return list();
            }
            case WORD: return word(t);
            default: throw error("expected a value, found '" + t.text() + "'", t);
        }
    }

    private Expr word(Token t) {
        switch (t.text()) {
            case "true": return new Exprs.Literal(Boolean.TRUE);
            case "false": return new Exprs.Literal(Boolean.FALSE);
            case "and", "or", "not", "in", "between", "contains_all", "contains_any":
                throw error("expected a value, found keyword '" + t.text() + "'", t);
            default: break;
        }
        if (peek().kind() != Token.Kind.LPAREN) return new Exprs.FactRef(t.text());
        if (!t.text().equals("present")) throw error("unknown function " + t.text() + "()", t);
        pos++;
        List<String> names = new ArrayList<>();
        do {
            Token name = next();
            if (name.kind() != Token.Kind.WORD) throw error("present() takes fact names", name);
            names.add(name.text());
        } while (accept(Token.Kind.COMMA));
        expect(Token.Kind.RPAREN, "')'");
        return new Exprs.Present(names);
    }

    private Expr list() {
        expect(Token.Kind.LBRACKET, "'['");
        List<Expr> items = new ArrayList<>();
        if (!accept(Token.Kind.RBRACKET)) {
            do {
                items.add(operand());
            } while (accept(Token.Kind.COMMA));
            expect(Token.Kind.RBRACKET, "']'");
        }
        return new Exprs.ListExpr(items);
    }

    private Token peek() { return tokens.get(pos); }

    private Token next() { return tokens.get(pos == tokens.size() - 1 ? pos : pos++); }

    private boolean accept(Token.Kind kind) {
        if (peek().kind() != kind) return false;
        pos++;
        return true;
    }

    private boolean acceptWord(String word) {
        if (peek().kind() != Token.Kind.WORD || !peek().text().equals(word)) return false;
        pos++;
        return true;
    }

    private void expect(Token.Kind kind, String what) {
        if (!accept(kind)) throw error("expected " + what + ", found '" + peek().text() + "'");
    }

    private RuleSyntaxException error(String reason) { return error(reason, peek()); }

    private RuleSyntaxException error(String reason, Token at) { return new RuleSyntaxException(source, at.position(), reason); }
}
