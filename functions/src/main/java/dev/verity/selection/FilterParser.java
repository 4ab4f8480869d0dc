package dev.verity.selection;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.verity.selection.FilterToken.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A recursive-descent parser for the S3 Select subset Ground Truth accepts:
 *
 * <pre>
 * query      := SELECT * FROM S3Object [AS] alias WHERE condition
 * condition  := and (OR and)*
 * and        := not (AND not)*
 * not        := NOT not | '(' condition ')' | predicate
 * predicate  := operand ( compare operand | IS [NOT] NULL | [NOT] LIKE 'pattern' [ESCAPE 'c']
 *                       | [NOT] IN '(' literal (',' literal)* ')' | [NOT] BETWEEN operand AND operand )
 * operand    := path | literal
 * path       := alias ('.' name)+          name := word | "quoted name"
 * literal    := 'string' | [-]number | TRUE | FALSE | NULL
 * </pre>
 *
 * Keywords are case-insensitive. Everything else S3 Select can do is refused by name and position.
 */
final class FilterParser {

    static final String EXPECTED_FORM = "SELECT * FROM S3Object s WHERE <condition>";
    static final String SUPPORTED = "supported: comparisons, LIKE, IN, BETWEEN, IS [NOT] NULL, AND/OR/NOT, parentheses";

    private static final Set<String> KEYWORDS = Set.of(
            "SELECT", "FROM", "WHERE", "AS", "AND", "OR", "NOT", "LIKE", "ESCAPE", "IS", "NULL", "IN", "BETWEEN",
            "TRUE", "FALSE");
    /** Clauses and expressions of S3 Select that may follow or replace a condition but are not supported. */
    private static final Set<String> UNSUPPORTED_KEYWORDS =
            Set.of("LIMIT", "ORDER", "GROUP", "HAVING", "UNION", "JOIN", "CASE", "EXISTS", "MISSING");

    private static final Set<String> ARITHMETIC = Set.of("+", "-", "*", "/", "%", "||");

    /** Parentheses and NOTs nested deeper than this are refused: parsing and matching recurse once per level. */
    static final int MAX_NESTING = 50;
    /** Predicates joined by AND and OR at most: matching recurses once per operator of a chain. */
    static final int MAX_PREDICATES = 1_000;

    private final List<FilterToken> tokens;
    private int next;
    private int nesting;
    private int predicates;
    private FilterToken alias;

    private FilterParser(List<FilterToken> tokens) {
        this.tokens = tokens;
    }

    static FilterCondition parse(String query) {
        return new FilterParser(FilterTokenizer.tokenize(query)).query();
    }

    // ---- SELECT * FROM S3Object s WHERE ----

    private FilterCondition query() {
        expectPrefixKeyword("SELECT");
        if (!peek().isSymbol("*")) {
            throw peek().kind() == Kind.END
                    ? prefixError("*")
                    : unsupported("select list " + peek().describe() + " (only SELECT * is supported)", peek());
        }
        advance();
        expectPrefixKeyword("FROM");
        expectPrefixKeyword("S3Object");
        if (peek().isSymbol("[")) {
            throw unsupported("JSON path S3Object[...]", peek());
        }
        if (peek().isKeyword("AS")) {
            advance();
        }
        if (peek().kind() != Kind.WORD || isKeyword(peek())) {
            throw prefixError("an alias for S3Object, such as s");
        }
        alias = advance();
        expectPrefixKeyword("WHERE");
        FilterCondition condition = condition();
        FilterToken rest = peek();
        if (rest.kind() != Kind.END) {
            if (rest.kind() == Kind.WORD && UNSUPPORTED_KEYWORDS.contains(upper(rest))) {
                throw unsupported(upper(rest), rest);
            }
            throw expected("AND, OR or the end of the query", rest);
        }
        return condition;
    }

    private void expectPrefixKeyword(String keyword) {
        if (!peek().isKeyword(keyword)) {
            throw prefixError(keyword);
        }
        advance();
    }

    private FilterSyntaxException prefixError(String wanted) {
        FilterToken found = peek();
        return new FilterSyntaxException(
                "a filter query has the form " + EXPECTED_FORM + "; expected " + wanted + " at position "
                        + found.position() + ", found " + found.describe(),
                found.position());
    }

    // ---- conditions, loosest binding first ----

    private FilterCondition condition() {
        FilterCondition left = conjunction();
        while (peek().isKeyword("OR")) {
            advance();
            left = new FilterCondition.Or(left, conjunction());
        }
        return left;
    }

    private FilterCondition conjunction() {
        FilterCondition left = negation();
        while (peek().isKeyword("AND")) {
            advance();
            left = new FilterCondition.And(left, negation());
        }
        return left;
    }

    private FilterCondition negation() {
        if (peek().isKeyword("NOT") || peek().isSymbol("(")) {
            if (++nesting > MAX_NESTING) {
                throw new FilterSyntaxException(
                        "the filter nests parentheses and NOT more than " + MAX_NESTING + " levels deep at position "
                                + peek().position(),
                        peek().position());
            }
            try {
                return nested();
            } finally {
                nesting--;
            }
        }
        if (++predicates > MAX_PREDICATES) {
            throw new FilterSyntaxException(
                    "the filter has more than " + MAX_PREDICATES + " conditions (at position " + peek().position()
                            + ")",
                    peek().position());
        }
        return predicate(operand());
    }

    private FilterCondition nested() {
        if (peek().isKeyword("NOT")) {
            advance();
            return new FilterCondition.Not(negation());
        }
        advance();
        if (peek().isKeyword("SELECT")) {
            throw unsupported("subquery", peek());
        }
        FilterCondition inner = condition();
        expectSymbol(")");
        return inner;
    }

    private FilterCondition predicate(FilterOperand left) {
        FilterToken token = peek();
        if (token.kind() == Kind.SYMBOL && FilterCondition.Operator.of(token.text()) != null) {
            advance();
            return new FilterCondition.Comparison(left, FilterCondition.Operator.of(token.text()), operand());
        }
        if (token.isKeyword("IS")) {
            advance();
            boolean negated = acceptKeyword("NOT");
            if (peek().isKeyword("MISSING")) {
                throw unsupported("IS MISSING (a missing attribute is NULL: use IS NULL)", peek());
            }
            expectKeyword("NULL");
            return new FilterCondition.IsNull(left, negated);
        }
        boolean negated = acceptKeyword("NOT");
        if (acceptKeyword("LIKE")) {
            return like(left, negated);
        }
        if (acceptKeyword("IN")) {
            return in(left, negated);
        }
        if (acceptKeyword("BETWEEN")) {
            FilterOperand low = operand();
            expectKeyword("AND");
            return new FilterCondition.Between(left, low, operand(), negated);
        }
        if (negated) {
            throw expected("LIKE, IN or BETWEEN after NOT", peek());
        }
        throw expected("a comparison (=, <>, !=, <, <=, >, >=), LIKE, IN, BETWEEN or IS [NOT] NULL", token);
    }

    private FilterCondition like(FilterOperand value, boolean negated) {
        FilterToken pattern = expectKind(Kind.STRING, "a quoted LIKE pattern such as '%.jpg'");
        Character escape = null;
        if (acceptKeyword("ESCAPE")) {
            FilterToken escapeToken = expectKind(Kind.STRING, "a quoted escape character such as '\\'");
            if (escapeToken.text().length() != 1) {
                throw new FilterSyntaxException(
                        "ESCAPE needs exactly one character at position " + escapeToken.position() + ", found "
                                + escapeToken.describe(),
                        escapeToken.position());
            }
            escape = escapeToken.text().charAt(0);
        }
        try {
            Pattern regex = LikePattern.compile(pattern.text(), escape);
            return new FilterCondition.Like(value, regex, negated);
        } catch (IllegalArgumentException e) {
            throw new FilterSyntaxException(e.getMessage() + " at position " + pattern.position(), pattern.position());
        }
    }

    private FilterCondition in(FilterOperand value, boolean negated) {
        expectSymbol("(");
        if (peek().isKeyword("SELECT")) {
            throw unsupported("subquery", peek());
        }
        List<FilterOperand.Literal> candidates = new ArrayList<>();
        do {
            FilterToken start = peek();
            if (!(operand() instanceof FilterOperand.Literal literal)) {
                throw expected("a literal in the IN list", start);
            }
            candidates.add(literal);
        } while (acceptSymbol(","));
        expectSymbol(")");
        return new FilterCondition.In(value, candidates, negated);
    }

    // ---- operands ----

    /** An operand; no valid query has an arithmetic operator right after one, so that is where it is refused. */
    private FilterOperand operand() {
        FilterOperand operand = singleOperand();
        FilterToken token = peek();
        if (token.kind() == Kind.SYMBOL && ARITHMETIC.contains(token.text())) {
            String hint = token.isSymbol("-") && operand instanceof FilterOperand.Path
                    ? " (to name an attribute with a hyphen, quote it: " + alias.text() + ".\"source-ref\")"
                    : "";
            throw unsupported("arithmetic operator '" + token.text() + "'" + hint, token);
        }
        return operand;
    }

    private FilterOperand singleOperand() {
        FilterToken token = peek();
        switch (token.kind()) {
            case STRING -> {
                advance();
                return new FilterOperand.Literal(TextNode.valueOf(token.text()));
            }
            case NUMBER -> {
                advance();
                return new FilterOperand.Literal(DecimalNode.valueOf(number(token)));
            }
            case QUOTED_NAME -> {
                return path();
            }
            case WORD -> {
                return wordOperand(token);
            }
            default -> {
                if (token.isSymbol("-") && peekAfter().kind() == Kind.NUMBER) {
                    advance();
                    return new FilterOperand.Literal(
                            DecimalNode.valueOf(number(advance()).negate()));
                }
                throw expected("an attribute path such as " + alias.text() + ".\"name\" or a literal", token);
            }
        }
    }

    private static BigDecimal number(FilterToken token) {
        try {
            return new BigDecimal(token.text());
        } catch (NumberFormatException e) {
            throw new FilterSyntaxException(
                    "number " + token.text() + " at position " + token.position() + " is out of range",
                    token.position());
        }
    }

    private FilterOperand wordOperand(FilterToken token) {
        if (peekAfter().isSymbol("(")) {
            throw unsupported("function call " + upper(token), token);
        }
        if (token.isKeyword("TRUE") || token.isKeyword("FALSE")) {
            advance();
            return new FilterOperand.Literal(BooleanNode.valueOf(token.isKeyword("TRUE")));
        }
        if (token.isKeyword("NULL")) {
            advance();
            return new FilterOperand.Literal(null);
        }
        if (UNSUPPORTED_KEYWORDS.contains(upper(token)) && !isAlias(token)) {
            throw unsupported(upper(token), token);
        }
        if (isKeyword(token)) {
            throw expected("an attribute path such as " + alias.text() + ".\"name\" or a literal", token);
        }
        return path();
    }

    private FilterOperand path() {
        FilterToken first = advance();
        if (!isAlias(first)) {
            String message = peek().isSymbol(".")
                    ? "unknown alias " + first.describe() + " at position " + first.position()
                            + "; attribute paths start with the alias " + alias.text() + " declared in FROM S3Object "
                            + alias.text()
                    : "expected an attribute path starting with the alias " + alias.text() + " (as in " + alias.text()
                            + ".\"name\") at position " + first.position() + ", found " + first.describe();
            throw new FilterSyntaxException(message, first.position());
        }
        List<FilterOperand.Name> names = new ArrayList<>();
        do {
            expectSymbol(".");
            FilterToken name = peek();
            if (name.kind() == Kind.WORD) {
                names.add(new FilterOperand.Name(name.text(), false));
            } else if (name.kind() == Kind.QUOTED_NAME) {
                names.add(new FilterOperand.Name(name.text(), true));
            } else if (name.isSymbol("*")) {
                throw unsupported("wildcard path " + alias.text() + ".*", name);
            } else {
                throw expected("an attribute name after '.'", name);
            }
            advance();
        } while (peek().isSymbol("."));
        if (peek().isSymbol("[")) {
            throw unsupported("array index", peek());
        }
        return new FilterOperand.Path(names);
    }

    /** Unquoted, the alias matches in any case; quoted, exactly. */
    private boolean isAlias(FilterToken token) {
        return token.kind() == Kind.WORD
                ? token.text().equalsIgnoreCase(alias.text())
                : token.kind() == Kind.QUOTED_NAME && token.text().equals(alias.text());
    }

    // ---- token helpers ----

    private FilterToken peek() {
        return tokens.get(next);
    }

    private FilterToken peekAfter() {
        return tokens.get(Math.min(next + 1, tokens.size() - 1));
    }

    private FilterToken advance() {
        FilterToken token = tokens.get(next);
        if (token.kind() != Kind.END) {
            next++;
        }
        return token;
    }

    private boolean acceptKeyword(String keyword) {
        if (peek().isKeyword(keyword)) {
            advance();
            return true;
        }
        return false;
    }

    private boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            advance();
            return true;
        }
        return false;
    }

    private void expectKeyword(String keyword) {
        if (!acceptKeyword(keyword)) {
            throw expected(keyword, peek());
        }
    }

    private void expectSymbol(String symbol) {
        if (!acceptSymbol(symbol)) {
            throw expected("'" + symbol + "'", peek());
        }
    }

    private FilterToken expectKind(Kind kind, String what) {
        if (peek().kind() != kind) {
            throw expected(what, peek());
        }
        return advance();
    }

    private static boolean isKeyword(FilterToken token) {
        return token.kind() == Kind.WORD && KEYWORDS.contains(upper(token));
    }

    private static String upper(FilterToken token) {
        return token.text().toUpperCase(Locale.ROOT);
    }

    private static FilterSyntaxException expected(String what, FilterToken found) {
        return new FilterSyntaxException(
                "expected " + what + " at position " + found.position() + ", found " + found.describe(),
                found.position());
    }

    private static FilterSyntaxException unsupported(String what, FilterToken at) {
        return new FilterSyntaxException(
                "unsupported: " + what + " at position " + at.position() + "; " + SUPPORTED, at.position());
    }
}
