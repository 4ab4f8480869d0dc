package dev.verity.tasktype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.util.ArrayList;
import java.util.List;

/** Builds {@code crowd-bounding-box} answers for tests. */
final class BoxAnswers {

    private BoxAnswers() {}

    record Drawn(String label, double left, double top, double width, double height) {}

    static Drawn box(String label, double left, double top, double width, double height) {
        return new Drawn(label, left, top, width, height);
    }

    /** A 500x400 image's answer. */
    static ObjectNode answer(Drawn... boxes) {
        return answer(500, 400, boxes);
    }

    static ObjectNode answer(int width, int height, Drawn... boxes) {
        ObjectNode element = Json.object();
        ArrayNode array = element.putArray("boundingBoxes");
        for (Drawn box : boxes) {
            array.addObject()
                    .put("height", box.height())
                    .put("label", box.label())
                    .put("left", box.left())
                    .put("top", box.top())
                    .put("width", box.width());
        }
        element.putObject("inputImageProperties").put("height", height).put("width", width);
        ObjectNode answer = Json.object();
        answer.set("boundingBox", element);
        return answer;
    }

    static ObjectNode adjusted(boolean modified, Drawn... boxes) {
        ObjectNode answer = answer(boxes);
        ((ObjectNode) answer.get("boundingBox")).put("initialValueModified", modified);
        return answer;
    }

    static ObjectAnswers object(String id, JsonNode... answers) {
        List<WorkerAnswer> list = new ArrayList<>();
        for (int i = 0; i < answers.length; i++) {
            list.add(new WorkerAnswer("worker-" + i, answers[i]));
        }
        return new ObjectAnswers(id, list);
    }
}
