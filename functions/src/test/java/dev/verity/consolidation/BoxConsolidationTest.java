package dev.verity.consolidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.verity.consolidation.BoxConsolidation.ConsensusBox;
import dev.verity.consolidation.BoxConsolidation.Image;
import dev.verity.consolidation.BoxConsolidation.WorkerBoxes;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoxConsolidationTest {

    private static final int DOG = 0;
    private static final int CAT = 1;

    @Test
    void twoMatchingBoxesAreAveragedWithConfidenceTheirMeanIouWithTheAverage() {
        // Equal workers weigh the same: the average is the midpoint, 5 px from each; IoU with it 9500/10500.
        List<ConsensusBox> boxes = one(image(worker("a", box(DOG, 0, 0)), worker("b", box(DOG, 10, 0))));

        assertThat(boxes).hasSize(1);
        assertBox(boxes.get(0).box(), DOG, 5, 0, 100, 100);
        assertThat(boxes.get(0).confidence()).isEqualTo(0.90);
    }

    @Test
    void threeWorkersAreAveragedAndScoredByShareTimesMeanIou() {
        // a and c lie 10 px either side of b, so weights stay symmetric and the average is b's box.
        // IoUs with it: 9000/11000, 1, 9000/11000; mean 0.8788; all 3 of 3 workers drew it.
        List<ConsensusBox> boxes =
                one(image(worker("a", box(DOG, 0, 0)), worker("b", box(DOG, 10, 0)), worker("c", box(DOG, 20, 0))));

        assertThat(boxes).hasSize(1);
        assertBox(boxes.get(0).box(), DOG, 10, 0, 100, 100);
        assertThat(boxes.get(0).confidence()).isEqualTo(0.88);
    }

    @Test
    void aBoxOnlyOneOfThreeWorkersDrewIsDropped() {
        List<ConsensusBox> boxes = one(image(
                worker("a", box(DOG, 0, 0)),
                worker("b", box(DOG, 10, 0), box(DOG, 300, 300)),
                worker("c", box(DOG, 20, 0))));

        assertThat(boxes).hasSize(1);
        // b lost weight for the spurious box, but a and c stay symmetric around b: the average does not move.
        assertBox(boxes.get(0).box(), DOG, 10, 0, 100, 100);
        assertThat(boxes.get(0).confidence()).isEqualTo(0.88);
    }

    @Test
    void boxesOfDifferentLabelsAreNotMatchedAndTheMinorityLabelIsDropped() {
        List<ConsensusBox> boxes =
                one(image(worker("a", box(DOG, 0, 0)), worker("b", box(CAT, 0, 0)), worker("c", box(DOG, 0, 0))));

        assertThat(boxes).hasSize(1);
        assertBox(boxes.get(0).box(), DOG, 0, 0, 100, 100);
        // Two of three workers, both exactly on the consensus.
        assertThat(boxes.get(0).confidence()).isEqualTo(0.67);
    }

    @Test
    void withTwoWorkersWhoDisagreeOnTheLabelBothBoxesAreKeptAtHalfConfidence() {
        List<ConsensusBox> boxes = one(image(worker("a", box(DOG, 0, 0)), worker("b", box(CAT, 0, 0))));

        assertThat(boxes).extracting(b -> b.box().classId()).containsExactly(DOG, CAT);
        assertThat(boxes).extracting(ConsensusBox::confidence).containsExactly(0.5, 0.5);
    }

    @Test
    void aWorkerWhoDrewNothingStillCountsAmongTheWorkers() {
        List<ConsensusBox> boxes = one(image(worker("a", box(DOG, 0, 0)), worker("b", box(DOG, 0, 0)), worker("c")));

        assertThat(boxes).extracting(ConsensusBox::confidence).containsExactly(0.67);
        assertThat(one(image(worker("a", box(DOG, 0, 0)), worker("b"), worker("c"))))
                .isEmpty();
    }

    @Test
    void boxesBelowTheIouThresholdAreNotMatched() {
        // Shifted by 40 px: IoU 60/140 = 0.43, under 0.5, so each is drawn by 1 of 2 workers and kept alone.
        List<ConsensusBox> boxes = one(image(worker("a", box(DOG, 0, 0)), worker("b", box(DOG, 40, 0))));

        assertThat(boxes).extracting(b -> b.box().left()).containsExactly(0.0, 40.0);
        assertThat(boxes).extracting(ConsensusBox::confidence).containsExactly(0.5, 0.5);
    }

    @Test
    void aChainOfShiftedBoxesDoesNotCollapseIntoOneCluster() {
        // IoU(a,b) = IoU(b,c) = 70/130 but IoU(a,c) = 40/160: c cannot join a cluster holding a.
        List<ConsensusBox> boxes =
                one(image(worker("a", box(DOG, 0, 0)), worker("b", box(DOG, 30, 0)), worker("c", box(DOG, 60, 0))));

        assertThat(boxes).hasSize(1);
        assertBox(boxes.get(0).box(), DOG, 15, 0, 100, 100);
    }

    @Test
    void aWorkerNeverHasTwoBoxesInOneCluster() {
        // b's two boxes both match a's; only the closer one joins it (2 of 2 on the spot: 1.0), the other stays b's
        // alone (1 of 2 exactly on itself: 0.5) and is kept, since with two workers one is half.
        List<ConsensusBox> boxes =
                one(image(worker("a", box(DOG, 0, 0)), worker("b", box(DOG, 0, 0), box(DOG, 20, 0))));

        assertThat(boxes).extracting(b -> b.box().left()).containsExactly(0.0, 20.0);
        assertThat(boxes).extracting(ConsensusBox::confidence).containsExactly(1.0, 0.5);
    }

    @Test
    void oneWorkerGivesConfidenceZero() {
        List<ConsensusBox> boxes = one(image(worker("a", box(DOG, 0, 0), box(CAT, 200, 200))));

        assertThat(boxes).extracting(ConsensusBox::confidence).containsExactly(0.0, 0.0);
        assertBox(boxes.get(1).box(), CAT, 200, 200, 100, 100);
    }

    @Test
    void aWorkerWhoDisagreesElsewhereInTheBatchWeighsLess() {
        // On image 2, b alone draws a spurious box and misses nothing; on image 1, a and b disagree by 20 px.
        Image first = image(worker("a", box(DOG, 0, 0)), worker("b", box(DOG, 20, 0)));
        Image second = new Image(
                "2",
                List.of(
                        worker("a", box(DOG, 0, 0)),
                        worker("b", box(DOG, 0, 0), box(DOG, 300, 300), box(CAT, 300, 0)),
                        worker("c", box(DOG, 0, 0))));

        double left = BoxConsolidation.consolidate(List.of(first, second))
                .get(0)
                .get(0)
                .box()
                .left();

        assertThat(left).isGreaterThan(0).isLessThan(10);
    }

    @Test
    void theResultDoesNotDependOnTheOrderAnswersArrivedIn() {
        WorkerBoxes a = worker("a", box(DOG, 0, 0), box(DOG, 40, 0));
        WorkerBoxes b = worker("b", box(DOG, 20, 0), box(DOG, 5, 0));
        WorkerBoxes c = worker("c", box(DOG, 30, 0));

        assertThat(one(image(a, b, c))).isEqualTo(one(image(c, b, a)));
    }

    @Test
    void boxesAreOrderedTopToBottomThenLeftToRight() {
        List<ConsensusBox> boxes = one(image(worker("a", box(DOG, 300, 300), box(CAT, 300, 0), box(DOG, 0, 300))));

        assertThat(boxes)
                .extracting(b -> List.of(b.box().left(), b.box().top()))
                .containsExactly(List.of(300.0, 0.0), List.of(0.0, 300.0), List.of(300.0, 300.0));
    }

    @Test
    void eachImageGetsItsOwnResultInBatchOrder() {
        List<List<ConsensusBox>> result = BoxConsolidation.consolidate(List.of(
                new Image("x", List.of(worker("a", box(DOG, 0, 0)))),
                new Image("y", List.of(worker("a"))),
                new Image("z", List.of(worker("a", box(CAT, 0, 0))))));

        assertThat(result).hasSize(3);
        assertThat(result.get(0)).extracting(b -> b.box().classId()).containsExactly(DOG);
        assertThat(result.get(1)).isEmpty();
        assertThat(result.get(2)).extracting(b -> b.box().classId()).containsExactly(CAT);
    }

    @Test
    void refusesTwoAnswersFromOneWorker() {
        assertThatThrownBy(() -> image(worker("a", box(DOG, 0, 0)), worker("a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image 1 has two answers from the same worker");
    }

    private static void assertBox(Box box, int classId, double left, double top, double width, double height) {
        assertThat(box.classId()).isEqualTo(classId);
        assertThat(box.left()).isCloseTo(left, within(1e-9));
        assertThat(box.top()).isCloseTo(top, within(1e-9));
        assertThat(box.width()).isCloseTo(width, within(1e-9));
        assertThat(box.height()).isCloseTo(height, within(1e-9));
    }

    private static List<ConsensusBox> one(Image image) {
        return BoxConsolidation.consolidate(List.of(image)).get(0);
    }

    private static Image image(WorkerBoxes... answers) {
        return new Image("1", List.of(answers));
    }

    private static WorkerBoxes worker(String id, Box... boxes) {
        return new WorkerBoxes(id, List.of(boxes));
    }

    /** A 100x100 box at (left, top). */
    private static Box box(int classId, double left, double top) {
        return new Box(classId, left, top, 100, 100);
    }
}
