package dev.verity.consolidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BoxTest {

    @Test
    void edgesFollowFromTheTopLeftCornerAndTheSize() {
        Box box = new Box(0, 10, 20, 30, 40);

        assertThat(box.right()).isEqualTo(40);
        assertThat(box.bottom()).isEqualTo(60);
    }

    @Test
    void iouIsOverlapOverUnion() {
        Box a = new Box(0, 0, 0, 100, 100);

        assertThat(a.iou(a)).isEqualTo(1.0);
        // Shifted by half its width: overlap 50x100, union 15000.
        assertThat(a.iou(new Box(0, 50, 0, 100, 100))).isCloseTo(5000.0 / 15000, within(1e-12));
        // Contained quarter: overlap 2500, union 10000.
        assertThat(a.iou(new Box(0, 0, 0, 50, 50))).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void boxesThatOnlyTouchOrAreApartDoNotOverlap() {
        Box a = new Box(0, 0, 0, 100, 100);

        assertThat(a.iou(new Box(0, 100, 0, 100, 100))).isZero();
        assertThat(a.iou(new Box(0, 0, 150, 100, 100))).isZero();
    }

    @Test
    void iouIsSymmetric() {
        Box a = new Box(0, 3, 7, 40, 25);
        Box b = new Box(0, 20, 10, 50, 50);

        assertThat(a.iou(b)).isEqualTo(b.iou(a)).isBetween(0.0, 1.0);
    }
}
