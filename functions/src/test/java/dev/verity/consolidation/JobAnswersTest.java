package dev.verity.consolidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JobAnswersTest {

    private static final DawidSkene DS = new DawidSkene(DawidSkene.Options.GROUND_TRUTH);

    /** Answers of items {@code from} to {@code to}, three per item from 6 workers of varied accuracy. */
    private static void answer(CrowdAnswers.Builder builder, int from, int to, Random random) {
        for (int item = from; item < to; item++) {
            int truth = item % 3;
            for (int w = item % 6, n = 0; n < 3; w = (w + 1) % 6, n++) {
                boolean right = random.nextDouble() < 0.5 + w * 0.08;
                builder.add("item-" + item, "worker-" + w, right ? truth : (truth + 1 + random.nextInt(2)) % 3);
            }
        }
    }

    private static byte[] file(CrowdAnswers answers, int[] known) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JobAnswers.write(new JobAnswers.Chunk(answers, known), out);
        return out.toByteArray();
    }

    private static int[] unknown(int items) {
        int[] known = new int[items];
        Arrays.fill(known, -1);
        return known;
    }

    @Test
    void chunksGatheredOneAfterAnotherMeasureTheWorkersAsOneRunOverEveryAnswerDoes() throws IOException {
        CrowdAnswers.Builder whole = CrowdAnswers.builder(3);
        answer(whole, 0, 300, new Random(7));
        Random random = new Random(7);
        JobAnswers gathered = new JobAnswers(3);
        for (int from = 0; from < 300; from += 100) {
            CrowdAnswers.Builder chunk = CrowdAnswers.builder(3);
            answer(chunk, from, from + 100, random);
            CrowdAnswers chunkAnswers = chunk.build();
            gathered.add(new ByteArrayInputStream(file(chunkAnswers, unknown(chunkAnswers.items()))));
        }
        CrowdAnswers all = whole.build();

        WorkerModel expected = DS.run(all).model();
        WorkerModel actual = DS.run(gathered.answers(), gathered.known()).model();

        assertThat(gathered.answers().items()).isEqualTo(300);
        assertThat(gathered.answers().answers()).isEqualTo(900);
        assertThat(Json.write(actual.toJson())).isEqualTo(Json.write(expected.toJson()));
    }

    @Test
    void aWorkerKnownByAnotherIndexInEachChunkIsOneWorkerOfTheJob() throws IOException {
        CrowdAnswers.Builder first = CrowdAnswers.builder(2);
        first.add("a", "ann", 0);
        first.add("a", "bob", 1);
        CrowdAnswers.Builder second = CrowdAnswers.builder(2);
        second.add("b", "bob", 1);
        second.add("b", "cy", 0);
        JobAnswers gathered = new JobAnswers(2);

        gathered.add(new ByteArrayInputStream(file(first.build(), unknown(1))));
        gathered.add(new ByteArrayInputStream(file(second.build(), unknown(1))));

        CrowdAnswers answers = gathered.answers();
        assertThat(answers.workers()).isEqualTo(3);
        assertThat(answers.workerId(answers.worker(2))).isEqualTo("bob");
        assertThat(answers.workerId(answers.worker(3))).isEqualTo("cy");
        assertThat(answers.firstAnswer(1)).isEqualTo(2);
        assertThat(answers.label(2)).isEqualTo(1);
    }

    @Test
    void eachItemKeepsItsGoldClass() throws IOException {
        CrowdAnswers.Builder chunk = CrowdAnswers.builder(2);
        chunk.add("a", "ann", 0);
        chunk.add("b", "ann", 1);
        JobAnswers gathered = new JobAnswers(2);

        gathered.add(new ByteArrayInputStream(file(chunk.build(), new int[] {-1, 1})));

        assertThat(gathered.known()).containsExactly(-1, 1);
    }

    @Test
    void aChunkWithoutAnswersAddsNothing() throws IOException {
        JobAnswers gathered = new JobAnswers(2);

        gathered.add(new ByteArrayInputStream(file(CrowdAnswers.builder(2).build(), new int[0])));

        assertThat(gathered.answers().items()).isZero();
        assertThat(gathered.answers().answers()).isZero();
    }

    @Test
    void refusesAChunkOfAnotherClassCountOrAnotherFormat() throws IOException {
        CrowdAnswers.Builder chunk = CrowdAnswers.builder(3);
        chunk.add("a", "ann", 2);
        byte[] threeClasses = file(chunk.build(), unknown(1));

        assertThatThrownBy(() -> new JobAnswers(2).add(new ByteArrayInputStream(threeClasses)))
                .isInstanceOf(IOException.class)
                .hasMessage("a chunk of 3 classes in a job of 2");
        assertThatThrownBy(() -> new JobAnswers(2).add(new ByteArrayInputStream("{\"a\":1}".getBytes())))
                .isInstanceOf(IOException.class)
                .hasMessage("not a chunk of answers written by JobAnswers.write");
    }
}
