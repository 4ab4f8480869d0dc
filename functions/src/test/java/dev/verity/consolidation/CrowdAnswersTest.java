package dev.verity.consolidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CrowdAnswersTest {

    @Test
    void groupsAnswersByItemInOrderOfFirstAppearance() {
        CrowdAnswers.Builder builder = CrowdAnswers.builder(3);
        builder.add("b", "w1", 2);
        builder.add("a", "w2", 0);
        builder.add("b", "w2", 1);

        CrowdAnswers answers = builder.build();

        assertThat(answers.items()).isEqualTo(2);
        assertThat(answers.itemId(0)).isEqualTo("b");
        assertThat(answers.workerId(1)).isEqualTo("w2");
        assertThat(answers.firstAnswer(0)).isZero();
        assertThat(answers.firstAnswer(1)).isEqualTo(2);
        assertThat(answers.firstAnswer(2)).isEqualTo(3);
        assertThat(answers.label(1)).isEqualTo(1);
        assertThat(answers.worker(2)).isEqualTo(1);
    }

    @Test
    void ignoresAWorkersSecondAnswerForTheSameItem() {
        CrowdAnswers.Builder builder = CrowdAnswers.builder(2);

        assertThat(builder.add("a", "w1", 0)).isTrue();
        assertThat(builder.add("a", "w1", 1)).isFalse();
        assertThat(builder.build().answers()).isEqualTo(1);
    }

    @Test
    void refusesAClassOutsideTheRange() {
        assertThatThrownBy(() -> CrowdAnswers.builder(2).add("a", "w1", 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class 2 is not in 0..1");
        assertThatThrownBy(() -> CrowdAnswers.builder(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
