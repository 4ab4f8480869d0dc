package dev.verity.labeling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.fakes.InMemoryObjectStore;
import dev.verity.json.Json;
import dev.verity.manifest.S3Uri;
import org.junit.jupiter.api.Test;

/** Chunk files back into objects, their lines as the manifest had them. */
class ChunkReaderTest {

    @Test
    void readsEachObjectWithItsIdAndItsNumbersAsWritten() throws Exception {
        InMemoryObjectStore objects = new InMemoryObjectStore();
        objects.put(
                "s3://data/chunk-00000.jsonl",
                "{\"datasetObjectId\":\"0\",\"line\":{\"source-ref\":\"s3://data/a.png\",\"score\":0.90,\"n\":7}}\n\n"
                        + "{\"datasetObjectId\":\"1\",\"line\":{\"source\":\"text\",\"big\":12345678901234567890.50}}\n");

        var read = ChunkReader.read(objects, S3Uri.parse("s3://data/chunk-00000.jsonl"));

        assertThat(read).extracting(ChunkReader.ChunkObject::objectId).containsExactly("0", "1");
        assertThat(Json.write(read.get(0).line()))
                .isEqualTo("{\"source-ref\":\"s3://data/a.png\",\"score\":0.90,\"n\":7}");
        assertThat(Json.write(read.get(1).line())).contains("12345678901234567890.50");
    }
}
