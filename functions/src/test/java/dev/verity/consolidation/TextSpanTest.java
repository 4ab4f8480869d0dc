package dev.verity.consolidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextSpanTest {

    @Test
    void jaccardIsSharedCharactersOverCharactersInEither() {
        assertThat(span(0, 10).jaccard(span(0, 10))).isEqualTo(1.0);
        assertThat(span(0, 10).jaccard(span(2, 10))).isEqualTo(0.8);
        assertThat(span(0, 10).jaccard(span(5, 15))).isEqualTo(5.0 / 15);
        assertThat(span(5, 15).jaccard(span(0, 10))).isEqualTo(5.0 / 15);
        assertThat(span(0, 10).jaccard(span(3, 4))).isEqualTo(0.1);
    }

    @Test
    void spansThatOnlyTouchShareNothing() {
        assertThat(span(0, 5).overlaps(span(5, 9))).isFalse();
        assertThat(span(0, 5).jaccard(span(5, 9))).isZero();
        assertThat(span(0, 5).jaccard(span(7, 9))).isZero();
        assertThat(span(0, 6).overlaps(span(5, 9))).isTrue();
        assertThat(span(5, 9).overlaps(span(0, 6))).isTrue();
    }

    @Test
    void aSpanHasAtLeastOneCharacterAndStartsAtZeroOrLater() {
        assertThat(span(3, 4).length()).isEqualTo(1);
        assertThatThrownBy(() -> span(4, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a span needs 0 <= startOffset < endOffset, got [4, 4)");
        assertThatThrownBy(() -> span(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> span(-1, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    private static TextSpan span(int start, int end) {
        return new TextSpan("PER", start, end);
    }
}
