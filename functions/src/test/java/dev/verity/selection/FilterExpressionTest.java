package dev.verity.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterExpressionTest {

    private static final String PREFIX = "SELECT * FROM S3Object s WHERE ";
    /** 1-based position of the first character of the condition after {@link #PREFIX}. */
    private static final int CONDITION = PREFIX.length() + 1;

    private static final String LINE = """
            {"source-ref": "s3://bucket/images/cat-01.jpg", "my-id": "abc-1", "count": 12, "price": 1.50,
             "score": "0.75", "approved": true, "label": "Cat", "empty": "", "nothing": null,
             "meta": {"camera": {"model": "X100", "iso": 400}, "tags": ["a", "b"]},
             "Mixed": "upper", "mixed": "lower", "say \\"hi\\"": "quoted", "note": "line one\\nline two",
             "big": 123456789012345678901234567890}""";

    @Nested
    class Comparisons {

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "s.count = 12           | true",
                    "s.count = 12.0         | true",
                    "s.count = 13           | false",
                    "s.count <> 13          | true",
                    "s.count != 12          | false",
                    "s.count < 13           | true",
                    "s.count < 12           | false",
                    "s.count <= 12          | true",
                    "s.count > 11.99        | true",
                    "s.count > 12           | false",
                    "s.count >= 12          | true",
                    "s.price = 1.5          | true",
                    "s.price < 2            | true",
                    "s.price > -1           | true",
                    "s.price > - 1          | true",
                    "s.count = 1.2e1        | true",
                    "s.big > 123456789012345678901234567889 | true",
                    "12 = s.count           | true",
                    "13 > s.count           | true"
                })
        void numbers(String condition, boolean expected) {
            assertThat(matches(condition)).isEqualTo(expected);
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "s.label = 'Cat'         | true",
                    "s.label = 'cat'         | false",
                    "s.label <> 'Dog'        | true",
                    "s.label < 'Dog'         | true",
                    "s.label > 'Ca'          | true",
                    "s.label >= 'Cat'        | true",
                    "s.empty = ''            | true",
                    "'Cat' = s.label         | true"
                })
        void strings(String condition, boolean expected) {
            assertThat(matches(condition)).isEqualTo(expected);
        }

        @Test
        void quotesInsideStringLiterals() {
            assertThat(matches(line("{\"source\":\"x\",\"name\":\"O'Brien\"}"), "s.name = 'O''Brien'"))
                    .isTrue();
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "s.approved = TRUE      | true",
                    "s.approved = true      | true",
                    "s.approved = FALSE     | false",
                    "s.approved <> FALSE    | true",
                    "s.approved = 'true'    | true",
                    "s.approved = 1         | false"
                })
        void booleans(String condition, boolean expected) {
            assertThat(matches(condition)).isEqualTo(expected);
        }

        /** S3 Select casts loosely: a string attribute that reads as a number compares as that number. */
        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "s.score = 0.75          | true",
                    "s.score > 0.5           | true",
                    "s.score < 0.5           | false",
                    "s.score = '0.75'        | true",
                    "s.count = '12'          | true",
                    "s.label = 1             | false",
                    "s.label <> 1            | false",
                    "NOT s.label = 1         | false"
                })
        void numbersAgainstStrings(String condition, boolean expected) {
            assertThat(matches(condition)).isEqualTo(expected);
        }

        @Test
        void twoPaths() {
            ObjectNode line = line("{\"source\":\"x\",\"low\":3,\"high\":\"7\"}");

            assertThat(matches(line, "s.low < s.high")).isTrue();
            assertThat(matches(line, "s.low = s.low")).isTrue();
            assertThat(matches(line, "s.low > s.high")).isFalse();
        }

        @Test
        void objectsAndArraysAreNotComparable() {
            assertThat(matches("s.meta = s.meta")).isFalse();
            assertThat(matches("s.meta.tags = 'a'")).isFalse();
            assertThat(matches("s.meta.tags IS NOT NULL")).isTrue();
        }
    }

    @Nested
    class Like {

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "s.\"source-ref\" LIKE '%.jpg'                 | true",
                    "s.\"source-ref\" LIKE 's3://bucket/images/%'  | true",
                    "s.\"source-ref\" LIKE '%.png'                 | false",
                    "s.\"my-id\" LIKE 'abc-_'                      | true",
                    "s.\"my-id\" LIKE 'abc_'                       | false",
                    "s.\"my-id\" LIKE 'abc-1'                      | true",
                    "s.\"my-id\" LIKE '%'                          | true",
                    "s.label LIKE 'cat'                            | false",
                    "s.label NOT LIKE 'D%'                         | true",
                    "s.label NOT LIKE 'C%'                         | false",
                    "s.note LIKE 'line one%two'                    | true",
                    "s.meta.camera.model LIKE 'X1__'               | true"
                })
        void patterns(String condition, boolean expected) {
            assertThat(matches(condition)).isEqualTo(expected);
        }

        @Test
        void regexCharactersAreLiteral() {
            ObjectNode line = line("{\"source\":\"a.c (1) [x] $5 ^\\\\d+\"}");

            assertThat(matches(line, "s.source LIKE 'a.c (1) [x] $5 ^\\d+'")).isTrue();
            assertThat(matches(line("{\"source\":\"abc\"}"), "s.source LIKE 'a.c'"))
                    .isFalse();
        }

        @Test
        void escapedWildcards() {
            ObjectNode line = line("{\"source\":\"100% sure_ok\"}");

            assertThat(matches(line, "s.source LIKE '100!% sure!_ok' ESCAPE '!'"))
                    .isTrue();
            assertThat(matches(line, "s.source LIKE '%!%%' ESCAPE '!'")).isTrue();
            assertThat(matches(line("{\"source\":\"1000 sure\"}"), "s.source LIKE '100!%%' ESCAPE '!'"))
                    .isFalse();
            assertThat(matches(line("{\"source\":\"a!b\"}"), "s.source LIKE 'a!!b' ESCAPE '!'"))
                    .isTrue();
        }

        @Test
        void onlyStringsMatch() {
            assertThat(matches("s.count LIKE '12'")).isFalse();
            assertThat(matches("s.count NOT LIKE '12'")).isFalse();
            assertThat(matches("s.missing NOT LIKE 'x%'")).isFalse();
        }
    }

    @Nested
    class NullsAndThreeValuedLogic {

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "s.missing IS NULL                 | true",
                    "s.nothing IS NULL                 | true",
                    "s.empty IS NULL                   | false",
                    "s.label IS NULL                   | false",
                    "s.label IS NOT NULL               | true",
                    "s.missing IS NOT NULL             | false",
                    "s.meta.camera.lens IS NULL        | true",
                    "s.label.deeper IS NULL            | true",
                    "s.missing = 1                     | false",
                    "s.missing <> 1                    | false",
                    "NOT s.missing = 1                 | false",
                    "NOT (s.missing = 1)               | false",
                    "s.nothing = NULL                  | false",
                    "s.missing = NULL                  | false",
                    "NOT s.missing = NULL              | false",
                    "s.missing = 1 OR s.count = 12     | true",
                    "s.missing = 1 AND s.count = 12    | false",
                    "NOT (s.missing = 1 AND s.count = 13) | true",
                    "NOT (s.missing = 1 OR s.count = 13)  | false",
                    "s.missing = s.missing             | false"
                })
        void nullIsUnknown(String condition, boolean expected) {
            assertThat(matches(condition)).isEqualTo(expected);
        }
    }

    @Nested
    class InAndBetween {

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "s.label IN ('Dog', 'Cat')          | true",
                    "s.label IN ('Dog')                 | false",
                    "s.label NOT IN ('Dog', 'Bird')     | true",
                    "s.label NOT IN ('Dog', 'Cat')      | false",
                    "s.count IN (1, 12, 100)            | true",
                    "s.count IN ('12')                  | true",
                    "s.label IN ('Cat', NULL)           | true",
                    "s.label IN ('Dog', NULL)           | false",
                    "s.label NOT IN ('Dog', NULL)       | false",
                    "s.missing IN ('Dog')               | false",
                    "s.missing NOT IN ('Dog')           | false",
                    "s.count BETWEEN 10 AND 12          | true",
                    "s.count BETWEEN 12 AND 12          | true",
                    "s.count BETWEEN 13 AND 20          | false",
                    "s.count NOT BETWEEN 13 AND 20      | true",
                    "s.count NOT BETWEEN 1 AND 20       | false",
                    "s.price BETWEEN 1.49 AND 1.51      | true",
                    "s.label BETWEEN 'B' AND 'D'        | true",
                    "s.missing BETWEEN 1 AND 2          | false",
                    "s.missing NOT BETWEEN 1 AND 2      | false",
                    "s.count BETWEEN 1 AND 20 AND s.label = 'Cat' | true",
                    "s.count BETWEEN 1 AND 5 OR s.label = 'Cat'   | true"
                })
        void membership(String condition, boolean expected) {
            assertThat(matches(condition)).isEqualTo(expected);
        }

        @Test
        void betweenPaths() {
            assertThat(matches(line("{\"source\":\"x\",\"v\":5,\"lo\":1,\"hi\":9}"), "s.v BETWEEN s.lo AND s.hi"))
                    .isTrue();
        }
    }

    @Nested
    class Precedence {

        // a = 1, b = 0, c = 0
        private final ObjectNode line = line("{\"source\":\"x\",\"a\":1,\"b\":0,\"c\":0}");

        @Test
        void andBindsTighterThanOr() {
            assertThat(matches(line, "s.a = 1 OR s.b = 1 AND s.c = 1")).isTrue();
            assertThat(matches(line, "(s.a = 1 OR s.b = 1) AND s.c = 1")).isFalse();
            assertThat(matches(line, "s.b = 1 AND s.c = 1 OR s.a = 1")).isTrue();
        }

        @Test
        void notBindsTighterThanAnd() {
            assertThat(matches(line, "NOT s.b = 1 AND s.a = 1")).isTrue();
            assertThat(matches(line, "NOT s.a = 1 AND s.b = 0")).isFalse();
            assertThat(matches(line, "NOT (s.a = 1 AND s.b = 1)")).isTrue();
            assertThat(matches(line, "NOT NOT s.a = 1")).isTrue();
        }

        @Test
        void parenthesesNest() {
            assertThat(matches(line, "((s.a = 1) AND ((s.b = 0 OR s.c = 1)))")).isTrue();
            assertThat(matches(line, "s.a = 1 AND NOT (s.b = 0 OR s.c = 1)")).isFalse();
        }

        @Test
        void chainsOfTheSameOperator() {
            assertThat(matches(line, "s.a = 1 AND s.b = 0 AND s.c = 0")).isTrue();
            assertThat(matches(line, "s.a = 2 OR s.b = 2 OR s.c = 0")).isTrue();
            assertThat(matches(line, "s.a = 2 OR s.b = 2 OR s.c = 2")).isFalse();
        }
    }

    @Nested
    class Paths {

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "s.\"source-ref\" = 's3://bucket/images/cat-01.jpg' | true",
                    "s.\"my-id\" = 'abc-1'                              | true",
                    "s.\"meta\".\"camera\".\"model\" = 'X100'           | true",
                    "s.meta.camera.iso = 400                            | true",
                    "s.meta.\"camera\".ISO = 400                        | true",
                    "s.\"meta\".camera.\"ISO\" = 400                    | false",
                    "s.LABEL = 'Cat'                                    | true",
                    "s.\"LABEL\" = 'Cat'                                | false",
                    "s.mixed = 'lower'                                  | true",
                    "s.Mixed = 'upper'                                  | true",
                    "s.\"say \"\"hi\"\"\" = 'quoted'                    | true",
                    "S.label = 'Cat'                                    | true"
                })
        void resolve(String condition, boolean expected) {
            assertThat(matches(condition)).isEqualTo(expected);
        }

        @Test
        void keywordsAreCaseInsensitiveAndTheAliasIsFree() {
            ObjectNode line = line(LINE);

            assertThat(FilterExpression.parse("select * from s3object obj where obj.label = 'Cat'")
                            .matches(line))
                    .isTrue();
            assertThat(FilterExpression.parse("Select *  From S3Object AS t\n Where t.\"my-id\" Like 'abc%'")
                            .matches(line))
                    .isTrue();
            assertThat(FilterExpression.parse("SELECT * FROM S3Object x WHERE x.count Between 1 and 20 "
                                    + "aNd x.label iN ('Cat') And x.missing Is Null AND NOT x.approved = false")
                            .matches(line))
                    .isTrue();
        }
    }

    @Test
    void keepsTheQueryText() {
        String query = "SELECT * FROM S3Object s WHERE s.a = 1";
        FilterExpression expression = FilterExpression.parse(query);

        assertThat(expression.query()).isEqualTo(query);
        assertThat(expression).hasToString(query).isEqualTo(FilterExpression.parse(query));
    }

    @Nested
    class Errors {

        @Test
        void requiresTheFullSelectForm() {
            assertSyntaxError(
                    "s.a = 1",
                    1,
                    "a filter query has the form SELECT * FROM S3Object s WHERE <condition>; expected SELECT at position 1, found 's'");
            assertSyntaxError(
                    "WHERE s.a = 1",
                    1,
                    "a filter query has the form SELECT * FROM S3Object s WHERE <condition>; expected SELECT at position 1, found 'WHERE'");
            assertSyntaxError(
                    "",
                    1,
                    "a filter query has the form SELECT * FROM S3Object s WHERE <condition>; expected SELECT at position 1, found end of query");
            assertSyntaxError(
                    "SELECT * FROM mytable s WHERE s.a = 1",
                    15,
                    "a filter query has the form SELECT * FROM S3Object s WHERE <condition>; expected S3Object at position 15, found 'mytable'");
            assertSyntaxError(
                    "SELECT * S3Object s WHERE s.a = 1",
                    10,
                    "a filter query has the form SELECT * FROM S3Object s WHERE <condition>; expected FROM at position 10, found 'S3Object'");
            assertSyntaxError(
                    "SELECT * FROM S3Object WHERE s.a = 1",
                    24,
                    "a filter query has the form SELECT * FROM S3Object s WHERE <condition>; expected an alias for S3Object, such as s at position 24, found 'WHERE'");
            assertSyntaxError(
                    "SELECT * FROM S3Object s",
                    25,
                    "a filter query has the form SELECT * FROM S3Object s WHERE <condition>; expected WHERE at position 25, found end of query");
            assertSyntaxError(
                    "SELECT",
                    7,
                    "a filter query has the form SELECT * FROM S3Object s WHERE <condition>; expected * at position 7, found end of query");
        }

        @Test
        void refusesOtherSelectLists() {
            assertSyntaxError(
                    "SELECT s.name FROM S3Object s WHERE s.a = 1",
                    8,
                    "unsupported: select list 's' (only SELECT * is supported) at position 8; "
                            + FilterParser.SUPPORTED);
            assertSyntaxError(
                    "SELECT COUNT(*) FROM S3Object s WHERE s.a = 1",
                    8,
                    "unsupported: select list 'COUNT' (only SELECT * is supported) at position 8; "
                            + FilterParser.SUPPORTED);
        }

        @Test
        void refusesJsonPathsOnS3Object() {
            assertSyntaxError(
                    "SELECT * FROM S3Object[*].items s WHERE s.a = 1",
                    23,
                    "unsupported: JSON path S3Object[...] at position 23; " + FilterParser.SUPPORTED);
        }

        @Test
        void refusesAnEmptyCondition() {
            assertSyntaxError(
                    PREFIX,
                    CONDITION,
                    "expected an attribute path such as s.\"name\" or a literal at position 32, found end of query");
        }

        @Test
        void refusesFunctionCalls() {
            assertSyntaxError(
                    PREFIX + "LOWER(s.name) = 'a'",
                    CONDITION,
                    "unsupported: function call LOWER at position 32; supported: comparisons, LIKE, IN, BETWEEN, "
                            + "IS [NOT] NULL, AND/OR/NOT, parentheses");
            assertSyntaxError(
                    PREFIX + "CAST(s.a AS INT) = 1",
                    CONDITION,
                    "unsupported: function call CAST at position 32; " + FilterParser.SUPPORTED);
            assertSyntaxError(
                    PREFIX + "s.a = upper('x')",
                    CONDITION + 6,
                    "unsupported: function call UPPER at position 38; " + FilterParser.SUPPORTED);
        }

        @Test
        void refusesArithmetic() {
            assertSyntaxError(
                    PREFIX + "s.a + 1 = 2",
                    CONDITION + 4,
                    "unsupported: arithmetic operator '+' at position 36; " + FilterParser.SUPPORTED);
            assertSyntaxError(
                    PREFIX + "s.a = s.b * 2",
                    CONDITION + 10,
                    "unsupported: arithmetic operator '*' at position 42; " + FilterParser.SUPPORTED);
            assertSyntaxError(
                    PREFIX + "(s.a = 1 - 1)",
                    CONDITION + 9,
                    "unsupported: arithmetic operator '-' at position 41; " + FilterParser.SUPPORTED);
            assertSyntaxError(
                    PREFIX + "s.name || 'x' = 'ax'",
                    CONDITION + 7,
                    "unsupported: arithmetic operator '||' at position 39; " + FilterParser.SUPPORTED);
        }

        @Test
        void hintsAtQuotingAHyphenatedName() {
            assertSyntaxError(
                    PREFIX + "s.source-ref LIKE '%.jpg'",
                    CONDITION + 8,
                    "unsupported: arithmetic operator '-' (to name an attribute with a hyphen, quote it: "
                            + "s.\"source-ref\") at position 40; " + FilterParser.SUPPORTED);
        }

        @Test
        void refusesOtherClauses() {
            assertSyntaxError(
                    PREFIX + "s.a = 1 LIMIT 5",
                    CONDITION + 8,
                    "unsupported: LIMIT at position 40; " + FilterParser.SUPPORTED);
            assertSyntaxError(
                    PREFIX + "s.a = 1 ORDER BY s.a",
                    CONDITION + 8,
                    "unsupported: ORDER at position 40; " + FilterParser.SUPPORTED);
            assertSyntaxError(
                    PREFIX + "CASE WHEN s.a = 1 THEN TRUE END",
                    CONDITION,
                    "unsupported: CASE at position 32; " + FilterParser.SUPPORTED);
            assertSyntaxError(
                    PREFIX + "s.a IS MISSING",
                    CONDITION + 7,
                    "unsupported: IS MISSING (a missing attribute is NULL: use IS NULL) at position 39; "
                            + FilterParser.SUPPORTED);
        }

        @Test
        void refusesSubqueries() {
            assertSyntaxError(
                    PREFIX + "s.a IN (SELECT * FROM S3Object t)",
                    CONDITION + 8,
                    "unsupported: subquery at position 40; " + FilterParser.SUPPORTED);
            assertSyntaxError(
                    PREFIX + "(SELECT * FROM S3Object t)",
                    CONDITION + 1,
                    "unsupported: subquery at position 33; " + FilterParser.SUPPORTED);
        }

        @Test
        void refusesPathsWithoutTheAlias() {
            assertSyntaxError(
                    PREFIX + "t.a = 1",
                    CONDITION,
                    "unknown alias 't' at position 32; attribute paths start with the alias s declared in "
                            + "FROM S3Object s");
            assertSyntaxError(
                    PREFIX + "label = 'Cat'",
                    CONDITION,
                    "expected an attribute path starting with the alias s (as in s.\"name\") at position 32, "
                            + "found 'label'");
            assertSyntaxError(
                    PREFIX + "\"label\" = 'Cat'",
                    CONDITION,
                    "expected an attribute path starting with the alias s (as in s.\"name\") at position 32, "
                            + "found \"label\"");
            assertSyntaxError(PREFIX + "s = 1", CONDITION + 2, "expected '.' at position 34, found '='");
            assertSyntaxError(
                    PREFIX + "s. = 1", CONDITION + 3, "expected an attribute name after '.' at position 35, found '='");
        }

        @Test
        void refusesArrayIndexesAndWildcards() {
            assertSyntaxError(
                    PREFIX + "s.tags[0] = 'a'",
                    CONDITION + 6,
                    "unsupported: array index at position 38; " + FilterParser.SUPPORTED);
            assertSyntaxError(
                    PREFIX + "s.* = 'a'",
                    CONDITION + 2,
                    "unsupported: wildcard path s.* at position 34; " + FilterParser.SUPPORTED);
        }

        @Test
        void reportsMissingPiecesOfPredicates() {
            assertSyntaxError(
                    PREFIX + "s.a 'x'",
                    CONDITION + 4,
                    "expected a comparison (=, <>, !=, <, <=, >, >=), LIKE, IN, BETWEEN or IS [NOT] NULL "
                            + "at position 36, found 'x'");
            assertSyntaxError(
                    PREFIX + "s.a NOT = 1",
                    CONDITION + 8,
                    "expected LIKE, IN or BETWEEN after NOT at position 40, found '='");
            assertSyntaxError(PREFIX + "s.a IS 1", CONDITION + 7, "expected NULL at position 39, found '1'");
            assertSyntaxError(PREFIX + "s.a BETWEEN 1 OR 2", CONDITION + 14, "expected AND at position 46, found 'OR'");
            assertSyntaxError(PREFIX + "(s.a = 1", CONDITION + 8, "expected ')' at position 40, found end of query");
            assertSyntaxError(PREFIX + "s.a IN 'x'", CONDITION + 7, "expected '(' at position 39, found 'x'");
            assertSyntaxError(PREFIX + "s.a IN ('x' 'y')", CONDITION + 12, "expected ')' at position 44, found 'y'");
            assertSyntaxError(
                    PREFIX + "s.a IN (s.b)",
                    CONDITION + 8,
                    "expected a literal in the IN list at position 40, found 's'");
            assertSyntaxError(
                    PREFIX + "s.a = 1 s.b = 2",
                    CONDITION + 8,
                    "expected AND, OR or the end of the query at position 40, found 's'");
            assertSyntaxError(
                    PREFIX + "s.a = 1 AND",
                    CONDITION + 11,
                    "expected an attribute path such as s.\"name\" or a literal at position 43, found end of query");
            assertSyntaxError(
                    PREFIX + "s.a = AND",
                    CONDITION + 6,
                    "expected an attribute path such as s.\"name\" or a literal at position 38, found 'AND'");
        }

        @Test
        void reportsBadLikePatterns() {
            assertSyntaxError(
                    PREFIX + "s.a LIKE s.b",
                    CONDITION + 9,
                    "expected a quoted LIKE pattern such as '%.jpg' at position 41, found 's'");
            assertSyntaxError(
                    PREFIX + "s.a LIKE 'x' ESCAPE '!!'",
                    CONDITION + 20,
                    "ESCAPE needs exactly one character at position 52, found '!!'");
            assertSyntaxError(
                    PREFIX + "s.a LIKE 'a!b' ESCAPE '!'",
                    CONDITION + 9,
                    "the escape character '!' must be followed by %, _ or itself in LIKE pattern 'a!b' at position 41");
            assertSyntaxError(
                    PREFIX + "s.a LIKE 'ab!' ESCAPE '!'",
                    CONDITION + 9,
                    "the escape character '!' must be followed by %, _ or itself in LIKE pattern 'ab!' at position 41");
        }

        @Test
        void reportsLexicalErrors() {
            assertSyntaxError(
                    PREFIX + "s.a = 'open",
                    CONDITION + 6,
                    "unterminated string starting at position 38; expected a closing '");
            assertSyntaxError(
                    PREFIX + "s.\"open = 1",
                    CONDITION + 2,
                    "unterminated quoted name starting at position 34; expected a closing \"");
            assertSyntaxError(PREFIX + "s.a = ?", CONDITION + 6, "unexpected character '?' at position 38");
            assertSyntaxError(
                    PREFIX + "s.a = 1e999999999999",
                    CONDITION + 6,
                    "number 1e999999999999 at position 38 is out of range");
        }

        @Test
        void aFilterNestedTooDeeplyIsRefusedBeforeItCanOverflowTheStack() {
            String deep = "(".repeat(100_000) + "s.a = 1" + ")".repeat(100_000);
            assertSyntaxError(
                    PREFIX + deep,
                    CONDITION + FilterParser.MAX_NESTING,
                    "the filter nests parentheses and NOT more than 50 levels deep at position "
                            + (CONDITION + FilterParser.MAX_NESTING));
            String nots = "NOT ".repeat(100_000) + "s.a = 1";
            assertThatThrownBy(() -> FilterExpression.parse(PREFIX + nots))
                    .isInstanceOf(FilterSyntaxException.class)
                    .hasMessageContaining("more than 50 levels deep");
            // 50 levels are fine
            assertThat(matches("(".repeat(25) + "NOT ".repeat(25) + "s.count = 13" + ")".repeat(25)))
                    .isTrue();
        }

        @Test
        void aFilterWithTooManyConditionsIsRefusedBeforeMatchingCanOverflowTheStack() {
            String chain = String.join(" AND ", java.util.Collections.nCopies(200_000, "s.count = 12"));
            assertThatThrownBy(() -> FilterExpression.parse(PREFIX + chain))
                    .isInstanceOf(FilterSyntaxException.class)
                    .hasMessageContaining("more than 1000 conditions");
            assertThat(matches(String.join(" AND ", java.util.Collections.nCopies(1_000, "s.count = 12"))))
                    .isTrue();
        }

        @Test
        void isAnIllegalArgumentException() {
            assertThatThrownBy(() -> FilterExpression.parse("nonsense")).isInstanceOf(IllegalArgumentException.class);
        }

        private static void assertSyntaxError(String query, int position, String message) {
            assertThatThrownBy(() -> FilterExpression.parse(query))
                    .isInstanceOfSatisfying(FilterSyntaxException.class, e -> {
                        assertThat(e.getMessage()).isEqualTo(message);
                        assertThat(e.position()).isEqualTo(position);
                    });
        }
    }

    private static boolean matches(String condition) {
        return matches(line(LINE), condition);
    }

    private static boolean matches(ObjectNode line, String condition) {
        return FilterExpression.parse(PREFIX + condition).matches(line);
    }

    private static ObjectNode line(String json) {
        return (ObjectNode) Json.parse(json);
    }
}
