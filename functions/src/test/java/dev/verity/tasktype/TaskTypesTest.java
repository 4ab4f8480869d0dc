package dev.verity.tasktype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaskTypesTest {

    @Test
    void findsImageClassificationByItsGroundTruthName() {
        assertThat(TaskTypes.of("ImageMultiClass")).isInstanceOf(ImageClassification.class);
    }

    @Test
    void listsTheSupportedTypes() {
        assertThat(TaskTypes.supported())
                .containsExactly(
                        "AdjustmentBoundingBox",
                        "AdjustmentSemanticSegmentation",
                        "BoundingBox",
                        "Custom",
                        "ImageMultiClass",
                        "ImageMultiClassMultiLabel",
                        "NamedEntityRecognition",
                        "SemanticSegmentation",
                        "TextMultiClass",
                        "TextMultiClassMultiLabel",
                        "VerificationBoundingBox");
    }

    @Test
    void everySupportedNameFindsTheTypeOfThatName() {
        assertThat(TaskTypes.supported())
                .allSatisfy(name -> assertThat(TaskTypes.of(name).name()).isEqualTo(name));
    }

    @Test
    void refusesAnUnsupportedTypeNamingTheSupportedOnes() {
        assertThatThrownBy(() -> TaskTypes.of("VideoObjectTracking"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "unsupported task type \"VideoObjectTracking\"; supported: [AdjustmentBoundingBox, ");
        assertThatThrownBy(() -> TaskTypes.of("imagemulticlass"))
                .hasMessageStartingWith("unsupported task type \"imagemulticlass\"; supported: [AdjustmentBoundingBox");
        assertThatThrownBy(() -> TaskTypes.of(null)).hasMessageStartingWith("unsupported task type \"null\"");
    }
}
