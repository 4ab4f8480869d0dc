package dev.verity.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.tasktype.TaskType;
import dev.verity.tasktype.TaskTypes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportFormatTest {

    private static List<String> ids(String taskTypeName) {
        return ExportFormat.applicableTo(TaskTypes.of(taskTypeName).outputType()).stream()
                .map(ExportFormat::id)
                .toList();
    }

    @Test
    void everyTaskTypeIsOfferedExactlyTheFormatsItsLabelsFit() {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("BoundingBox", List.of("coco", "yolo", "voc"));
        expected.put("AdjustmentBoundingBox", List.of("coco", "yolo", "voc"));
        expected.put("SemanticSegmentation", List.of("coco"));
        expected.put("AdjustmentSemanticSegmentation", List.of("coco"));
        expected.put("NamedEntityRecognition", List.of("conll", "spacy"));
        expected.put("ImageMultiClass", List.of("csv"));
        expected.put("TextMultiClass", List.of("csv"));
        expected.put("ImageMultiClassMultiLabel", List.of("csv"));
        expected.put("TextMultiClassMultiLabel", List.of("csv"));
        expected.put("VerificationBoundingBox", List.of("csv"));
        expected.put("Custom", List.of());
        assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(TaskTypes.supported());
        expected.forEach((type, formats) -> assertThat(ids(type)).as(type).isEqualTo(formats));
    }

    @Test
    void aFormatThatDoesNotApplyIsRefusedNamingThoseThatDo() {
        TaskType boxes = TaskTypes.of("BoundingBox");
        assertThatThrownBy(() -> ExportFormat.of("conll", boxes.outputType(), boxes.name()))
                .isInstanceOf(ExportFormatException.class)
                .hasMessage("format \"conll\" does not apply; formats that apply to task type BoundingBox: coco,"
                        + " yolo, voc");
        assertThatThrownBy(() -> ExportFormat.of("parquet", boxes.outputType(), boxes.name()))
                .hasMessageStartingWith("unknown export format \"parquet\"; formats that apply");
        assertThatThrownBy(() -> ExportFormat.of(null, boxes.outputType(), boxes.name()))
                .hasMessageStartingWith("query parameter \"format\" is required;");
        TaskType custom = TaskTypes.of("Custom");
        assertThatThrownBy(() -> ExportFormat.of("csv", custom.outputType(), custom.name()))
                .hasMessageContaining("export to no training format");
        assertThat(ExportFormat.of("YOLO", boxes.outputType(), boxes.name())).isEqualTo(ExportFormat.YOLO);
    }
}
