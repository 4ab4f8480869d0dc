package dev.verity.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.verity.autolabel.DataKind;
import dev.verity.autolabel.Features;
import dev.verity.autolabel.LabelingModel;
import dev.verity.autolabel.LabelingModels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextFeaturiserTest {

    private final TextFeaturiser featuriser = new TextFeaturiser();

    @Test
    void theSameTextAlwaysGivesTheSameVector() {
        String text = "The quick brown fox jumps over the lazy dog, twice: 2 times!";

        assertThat(features(text)).isEqualTo(features(text)).isEqualTo(new TextFeaturiser().featurise(bytes(text)));
    }

    @Test
    void theHashIsPinnedSoFeatureFilesAndModelsStayValid() {
        // "ok": the word, and the character n-grams of "#ok#": "#ok", "ok#", "#ok#" (worked out apart from this
        // code: FNV-1a 64 over UTF-16 units, MurmurHash3's fmix64, low 18 bits, plus kind × 2^18). Changing the
        // hash, the tokens or the layout invalidates every saved feature file and model: rename the featuriser.
        assertThat(features("ok").indices()).containsExactly(170_123, 531_955, 541_213, 654_329);
    }

    @Test
    void indicesIncreaseAndTheVectorHasUnitLength() {
        Features features = features("Buy now!!! Buy cheap pills now; now or never. Ünïcödé wörds, 日本語 too.");

        int[] indices = features.indices();
        for (int i = 1; i < indices.length; i++) {
            assertThat(indices[i]).isGreaterThan(indices[i - 1]);
        }
        assertThat(indices[0]).isNotNegative();
        assertThat(indices[indices.length - 1]).isLessThan(3 * TextFeaturiser.BUCKETS);
        double squares = 0;
        for (float v : features.values()) {
            squares += v * v;
        }
        assertThat(squares).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void aFeatureWeighsTheLogarithmOfOnePlusItsCount() {
        Features once = features("spam");
        Features thrice = features("spam spam spam");

        // Thrice: every feature of "spam" 3 times, log(4); the bigram "spam spam", the one new feature, twice, log(3).
        List<Integer> old = Arrays.stream(once.indices()).boxed().toList();
        int bigram = Arrays.stream(thrice.indices())
                .filter(i -> !old.contains(i))
                .findFirst()
                .orElseThrow();
        float bigramWeight = thrice.values()[Arrays.binarySearch(thrice.indices(), bigram)];
        float wordWeight = thrice.values()[Arrays.binarySearch(thrice.indices(), once.indices()[0])];
        assertThat(thrice.size()).isEqualTo(once.size() + 1);
        assertThat((double) bigramWeight / wordWeight).isCloseTo(Math.log(3) / Math.log(4), within(1e-6));
    }

    @Test
    void anEmptyTextHasNoFeatures() {
        assertThat(features("").size()).isZero();
        assertThat(features(" ... !!! ").size()).isZero();
    }

    @Test
    void caseAndPunctuationDoNotMatter() {
        assertThat(features("Hello, World!")).isEqualTo(features("hello world"));
    }

    @Test
    void wordOrderMattersThroughBigrams() {
        assertThat(features("dog bites man")).isNotEqualTo(features("man bites dog"));
    }

    @Test
    void onlyTheFirstHundredThousandCharactersCount() {
        String head = "word ".repeat(TextFeaturiser.MAX_CHARS / 5);

        assertThat(features(head + "tail")).isEqualTo(features(head));
    }

    @Test
    void spamAndHamAreLearnt() {
        List<String> spam = List.of(
                "Buy cheap pills now, limited offer",
                "You won a free prize, click now",
                "Cheap watches, free shipping, buy now",
                "Claim your free prize money today",
                "Limited offer: cheap loans, click here",
                "Free pills, cheap, no prescription, buy");
        List<String> ham = List.of(
                "Meeting moved to Tuesday afternoon",
                "Here are the notes from the meeting",
                "Can you review my pull request today",
                "Lunch on Tuesday with the team",
                "The build is green again after the fix",
                "Notes on the review of the design");
        List<Features> examples = new ArrayList<>();
        int[] classes = new int[spam.size() + ham.size()];
        for (int i = 0; i < spam.size(); i++) {
            examples.add(features(spam.get(i)));
            examples.add(features(ham.get(i)));
            classes[2 * i + 1] = 1;
        }
        LabelingModels models = new BuiltInModels();

        LabelingModel model = models.train(DataKind.TEXT, examples, classes, List.of("spam", "ham"), 3);

        assertThat(model.probabilities(features("Free cheap prize, click now"))[0])
                .isGreaterThan(0.5);
        assertThat(model.probabilities(features("Review the meeting notes on Tuesday"))[1])
                .isGreaterThan(0.5);
    }

    private Features features(String text) {
        return featuriser.featurise(bytes(text));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
