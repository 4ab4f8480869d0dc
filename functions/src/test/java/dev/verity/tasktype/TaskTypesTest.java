package dev.verity.tasktype;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskTypesTest {

    @Test
    void findsImageClassificationByItsGroundTruthName() {
        assertThat(TaskTypes.of("ImageMultiClass")).isInstanceOf(ImageClassification.class);
    }

    @Test
    void listsTheSupportedTypes() {
        assertThat(TaskTypes.supported()).containsExactly("ImageMultiClass");
    }

    @Test
    void everySupportedNameFindsTheTypeOfThatName() {
        assertThat(TaskTypes.supported()).allSatisfy(name -> assertThat(TaskTypes.of(name).name()).isEqualTo(name));
    }

    @Test
    void refusesAnUnsupportedTypeNamingTheSupportedOnes() {
        assertThatThrownBy(() -> TaskTypes.of("BoundingBox"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported task type \"BoundingBox\"; supported: [ImageMultiClass]");
        assertThatThrownBy(() -> TaskTypes.of("imagemulticlass"))
                .hasMessage("unsupported task type \"imagemulticlass\"; supported: [ImageMultiClass]");
        assertThatThrownBy(() -> TaskTypes.of(null)).hasMessageStartingWith("unsupported task type \"null\"");
    }
}
