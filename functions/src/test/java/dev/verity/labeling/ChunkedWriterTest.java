package dev.verity.labeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.fakes.InMemoryObjectStore;
import dev.verity.json.Json;
import dev.verity.manifest.S3Uri;
import dev.verity.store.ObjectStore;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class ChunkedWriterTest {

    private static final IntFunction<S3Uri> CHUNK = i -> S3Uri.parse("s3://verity-data/chunks/" + i + ".jsonl");

    private final InMemoryObjectStore objects = new InMemoryObjectStore();

    @Test
    void everyLineLandsInItsChunkOnceTheWriterIsClosed() throws IOException {
        try (ChunkedWriter chunks = new ChunkedWriter(objects, CHUNK, 2)) {
            for (int i = 0; i < 5; i++) {
                chunks.write(Json.object().put("n", i));
            }
            assertThat(chunks.chunkCount()).isEqualTo(3);
            assertThat(chunks.lineCount()).isEqualTo(5);
        }

        assertThat(objects.text(CHUNK.apply(0))).isEqualTo("{\"n\":0}\n{\"n\":1}\n");
        assertThat(objects.text(CHUNK.apply(1))).isEqualTo("{\"n\":2}\n{\"n\":3}\n");
        assertThat(objects.text(CHUNK.apply(2))).isEqualTo("{\"n\":4}\n");
    }

    @Test
    void aChunkThatCouldNotBeStoredFailsTheWriterWithTheStoresError() throws IOException {
        ChunkedWriter chunks = new ChunkedWriter(new FailingStores(objects), CHUNK, 1);
        chunks.write(Json.object().put("n", 0));
        chunks.write(Json.object().put("n", 1)); // chunk 0 is stored meanwhile, and fails

        assertThatThrownBy(() -> chunks.write(Json.object().put("n", 2)))
                .isInstanceOf(IOException.class)
                .hasMessage("store unavailable");
        assertThatThrownBy(chunks::close).isInstanceOf(IOException.class).hasMessage("store unavailable");
    }

    /** Objects whose storing (the close of the stream {@link #create} gives) fails. */
    private record FailingStores(InMemoryObjectStore delegate) implements ObjectStore {

        @Override
        public OutputStream create(S3Uri uri, String contentType) {
            return new FilterOutputStream(delegate.create(uri, contentType)) {
                @Override
                public void close() throws IOException {
                    throw new IOException("store unavailable");
                }
            };
        }

        @Override
        public Optional<InputStream> open(S3Uri uri) {
            return delegate.open(uri);
        }

        @Override
        public void put(S3Uri uri, byte[] content, String contentType) {
            delegate.put(uri, content, contentType);
        }

        @Override
        public boolean exists(S3Uri uri) {
            return delegate.exists(uri);
        }

        @Override
        public String presignGet(S3Uri uri, Duration validity) {
            return delegate.presignGet(uri, validity);
        }

        @Override
        public String presignDownload(S3Uri uri, String fileName, Duration validity) {
            return delegate.presignDownload(uri, fileName, validity);
        }

        @Override
        public String presignPut(S3Uri uri, String contentType, Duration validity) {
            return delegate.presignPut(uri, contentType, validity);
        }

        @Override
        public Iterable<S3Uri> list(S3Uri prefix) {
            return delegate.list(prefix);
        }
    }
}
