package dev.verity.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.job.LabelCategoryConfig;
import dev.verity.json.Json;
import dev.verity.tasktype.AnsweredObject;
import dev.verity.tasktype.ImageSize;
import dev.verity.tasktype.TaskType;
import dev.verity.tasktype.TaskTypes;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The demo's generated data and simulated answers are what Verity's task types accept, without a runtime. */
class DemoTasksTest {

    static List<String> taskTypes() {
        return DemoTasks.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("taskTypes")
    void everySimulatedAnswerIsValidForTheTaskType(String name) {
        checkAnswers(DemoTasks.of(name, new MemoryStore()));
    }

    private static <T> void checkAnswers(DemoTask<T> demo) {
        TaskType type = TaskTypes.of(demo.taskType());
        LabelCategoryConfig categories = LabelCategoryConfig.parse(demo.categories(), type.minLabels());
        assertThat(type.checkCategories(categories)).isEmpty();
        assertThat(type.checkLabelAttributeName(demo.labelAttribute())).isEmpty();
        List<DemoTask.DemoObject<T>> objects = demo.generate(40, new SplittableRandom(3));
        assertThat(objects).hasSize(40);
        for (int i = 0; i < objects.size(); i++) {
            DemoTask.DemoObject<T> object = objects.get(i);
            ObjectNode line = Json.object();
            if (object.png() != null) {
                assertThat(object.png()).isNotEmpty();
                line.put("source-ref", "s3://bucket/" + object.name());
            } else {
                line.put("source", object.text());
            }
            if (object.extraFields() != null) {
                line.setAll(object.extraFields());
            }
            assertThat(type.checkLine(line, demo.labelAttribute())).isEmpty();
            // The task as the worker API describes it: the whole line and, for adjustments, the starting value.
            ObjectNode task = Json.object().put("datasetObjectId", Integer.toString(i));
            ObjectNode taskInput = task.putObject("taskInput");
            taskInput.set("manifestLine", line);
            type.initialValue(line).ifPresent(value -> taskInput.set("initialValue", value));
            for (double accuracy : new double[] {1.0, 0.5, 0.0}) {
                JsonNode answer = demo.answer(task, object.truth(), accuracy, new SplittableRandom(i));
                JsonNode valid = type.validateAnswer(answer, categories, answered(line, object.png()));
                assertThat(valid).as("normalized %s", answer).isNotNull();
                if (accuracy == 1.0) {
                    DemoQuality<T> quality = demo.quality();
                    quality.add(object.truth(), demo.fromAnswer(answer));
                    assertThat(quality.value())
                            .as("a perfect worker's answer %s", answer)
                            .isGreaterThan(0.75);
                }
            }
        }
    }

    /** The line as the submit path gives it, with the size of its image, if it has one. */
    private static AnsweredObject answered(ObjectNode line, byte[] png) {
        return png == null
                ? AnsweredObject.withoutImage(line)
                : new AnsweredObject(line, () -> {
                    try {
                        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
                        return new ImageSize(image.getWidth(), image.getHeight());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    @Test
    void entityOffsetsCountCodePoints() {
        SplittableRandom random = new SplittableRandom(11);
        boolean sawNonAscii = false;
        boolean sawSupplementary = false;
        for (int i = 0; i < 200; i++) {
            DemoTexts.Annotated sentence = DemoTexts.entities(random);
            int[] codePoints = sentence.text().codePoints().toArray();
            for (DemoSpan span : sentence.entities()) {
                String entity = new String(codePoints, span.start(), span.end() - span.start());
                assertThat(entity).isNotBlank().doesNotStartWith(" ").doesNotEndWith(" ");
                sawNonAscii |= entity.chars().anyMatch(c -> c > 127);
            }
            sawSupplementary |=
                    sentence.text().codePointCount(0, sentence.text().length())
                            < sentence.text().length();
        }
        assertThat(sawNonAscii).as("a non-ASCII name").isTrue();
        assertThat(sawSupplementary)
                .as("a character outside the BMP before an entity")
                .isTrue();
    }

    @Test
    void anUnknownTaskTypeIsRefusedWithTheAllowedValues() {
        assertThatThrownBy(() -> DemoTasks.of("polygon", new MemoryStore()))
                .hasMessageContaining("bounding-box-verification");
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new VerityCli()).setErr(new PrintWriter(err));
        int exit = cli.execute("demo", "--task-type", "polygon");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("'polygon'").contains(String.join(", ", DemoTasks.names()));
    }
}
