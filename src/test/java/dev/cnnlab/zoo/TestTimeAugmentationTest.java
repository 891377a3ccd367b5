package dev.cnnlab.zoo;

import dev.cnnlab.ResidentMemory;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TestTimeAugmentationTest {
    private static final long SEED = 7;
    private static final long MB = 1L << 20;

    private static MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(new LeNet().configure(
                new NetworkSpec(InputShape.MNIST, 10, SEED, new Adam(1e-3))));
        net.init();
        return net;
    }

    private static INDArray images() {
        Nd4j.getRandom().setSeed(SEED);
        return Nd4j.rand(DataType.FLOAT, 3, 1, 28, 28);
    }

    /** Left-right mirror, pixel by pixel, independent of the ND4J op the production code uses. */
    private static INDArray mirroredByHand(INDArray x) {
        INDArray m = x.dup();
        long w = x.size(3);
        for (int n = 0; n < x.size(0); n++) {
            for (int c = 0; c < x.size(1); c++) {
                for (int h = 0; h < x.size(2); h++) {
                    for (int col = 0; col < w; col++) {
                        m.putScalar(new long[] {n, c, h, col}, x.getFloat(n, c, h, w - 1 - col));
                    }
                }
            }
        }
        return m;
    }

    private static void assertClose(INDArray actual, INDArray expected) {
        double[] a = actual.ravel().toDoubleVector();
        double[] e = expected.ravel().toDoubleVector();
        assertThat(a).hasSameSizeAs(e);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("element %d", i).isCloseTo(e[i], within(1e-6));
        }
    }

    @Test
    void noneIsOnePassOfTheNetwork() {
        MultiLayerNetwork net = network();
        INDArray x = images();
        assertThat(TestTimeAugmentation.NONE.output(net, x)).isEqualTo(net.output(x, false));
    }

    @Test
    void flipAveragesThePhotoAndItsMirrorImage() {
        MultiLayerNetwork net = network();
        INDArray x = images();
        INDArray expected = net.output(x, false).add(net.output(mirroredByHand(x), false)).div(2);

        INDArray averaged = TestTimeAugmentation.FLIP.output(net, x);

        assertClose(averaged, expected);
        for (double rowSum : averaged.sum(1).toDoubleVector()) {
            assertThat(rowSum).as("probabilities sum to 1").isCloseTo(1.0, within(1e-5));
        }
        assertThat(averaged.equalsWithEps(net.output(x, false), 1e-4)).as("differs from one pass").isFalse();
        assertThat(x).as("input untouched").isEqualTo(images());
    }

    @Test
    void flipGivesAnImageAndItsMirrorTheSameAnswer() {
        MultiLayerNetwork net = network();
        INDArray x = images();
        assertClose(TestTimeAugmentation.FLIP.output(net, mirroredByHand(x)), TestTimeAugmentation.FLIP.output(net, x));
    }

    @Test
    void mirrorReversesTheWidthOfEveryRowAndKeepsTheType() {
        INDArray x = images();
        assertClose(TestTimeAugmentation.mirror(x), mirroredByHand(x));
        INDArray doubles = x.castTo(DataType.DOUBLE);
        INDArray mirrored = TestTimeAugmentation.mirror(doubles);
        assertThat(mirrored.dataType()).isEqualTo(DataType.DOUBLE);
        assertClose(mirrored, mirroredByHand(doubles));
        assertThatThrownBy(() -> TestTimeAugmentation.mirror(Nd4j.zeros(DataType.FLOAT, 2, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[n, c, h, w]");
    }

    /**
     * Scoring with mirror images after every epoch once grew a photo run's resident memory without bound: each mirror
     * left a batch-sized buffer in native memory for good. Forty cats-vs-dogs evaluation batches must come back to
     * about where they started once their garbage is collected (leaked, they hold twice their size: over 800 MB).
     */
    @Test
    void flipLeavesNoNativeMemoryBehind() throws InterruptedException {
        Nd4j.getRandom().setSeed(SEED);
        INDArray batch = Nd4j.rand(DataType.FLOAT, 256, 3, 64, 64);
        Runnable score = () -> TestTimeAugmentation.FLIP.output(x -> x.sum(2, 3), batch);
        score.run();
        long before = ResidentMemory.settledBytes();
        for (int i = 0; i < 40; i++) {
            score.run();
        }
        long after = ResidentMemory.settledBytes();
        assertThat((after - before) / MB).as("resident MB after 40 mirrored batches of %d MB each, from %d MB",
                batch.length() * 4 / MB, before / MB).isLessThan(150);
    }

    @Test
    void namesAreReadInAnyCaseAndWrittenInOneOrder() {
        assertThat(TestTimeAugmentation.byKey(" FLIP ")).isEqualTo(TestTimeAugmentation.FLIP);
        assertThat(TestTimeAugmentation.byKey("none")).isEqualTo(TestTimeAugmentation.NONE);
        assertThat(TestTimeAugmentation.byKey("Centre:5, flip")).isEqualTo(new TestTimeAugmentation(true, 5));
        assertThat(new TestTimeAugmentation(true, 5).key()).isEqualTo("flip,centre:5");
        assertThat(new TestTimeAugmentation(false, 2).key()).isEqualTo("centre:2");
        assertThat(TestTimeAugmentation.NONE.key()).isEqualTo("none");
        assertThat(TestTimeAugmentation.byKey("flip,centre").key()).isEqualTo("flip,centre");
    }

    @Test
    void aBareCentreTakesHalfOfTrainingsCropAndIsNotScoredBefore() {
        TestTimeAugmentation bare = TestTimeAugmentation.byKey("centre,flip");
        assertThat(bare.needsTrainingCrop()).isTrue();
        assertThat(bare.forTrainingCrop(10)).isEqualTo(new TestTimeAugmentation(true, 5));
        assertThat(bare.forTrainingCrop(3)).isEqualTo(new TestTimeAugmentation(true, 1));
        assertThat(TestTimeAugmentation.FLIP.forTrainingCrop(10)).isEqualTo(TestTimeAugmentation.FLIP);
        assertThat(bare.forTrainingCrop(1)).isEqualTo(TestTimeAugmentation.FLIP);
        assertThat(TestTimeAugmentation.byKey("centre").forTrainingCrop(0)).isEqualTo(TestTimeAugmentation.NONE);
        assertThatThrownBy(() -> bare.output(x -> x, images())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anUnknownOrRepeatedTermOrABadCutNamesTheForms() {
        for (String bad : new String[] {"crop", "flip,flip", "centre:0", "centre:x", "centre:2,centre:3",
                "centre,centre:3", "", "flip,"}) {
            assertThatThrownBy(() -> TestTimeAugmentation.byKey(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("expected none, or a comma-separated list of flip and centre or centre:N")
                    .hasMessageEndingWith("got '" + bad + "'");
        }
    }

    /**
     * Training's crops are scaled back by OpenCV's bilinear resize; the centre view must be the same picture, so the
     * reference here is OpenCV itself on the cut image, in float so that no rounding differs.
     */
    @Test
    void centreIsTheCutImageScaledBackAsOpenCvScalesTrainingCrops() {
        int size = 20;
        int cut = 3;
        Nd4j.getRandom().setSeed(SEED);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, size, size);
        INDArray before = x.dup();
        INDArray centred = TestTimeAugmentation.centre(x, cut);
        assertThat(centred.shape()).isEqualTo(x.shape());
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                float[] plane = x.get(NDArrayIndex.point(n), NDArrayIndex.point(c)).dup('c').data().asFloat();
                float[] expected = openCvCentre(plane, size, cut);
                float[] actual = centred.get(NDArrayIndex.point(n), NDArrayIndex.point(c)).dup('c').data().asFloat();
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i]).as("image %d channel %d pixel %d", n, c, i)
                            .isCloseTo(expected[i], within(1e-5f));
                }
            }
        }
        assertThat(x).as("input untouched").isEqualTo(before);
    }

    private static float[] openCvCentre(float[] plane, int size, int cut) {
        try (Mat image = new Mat(size, size, opencv_core.CV_32F);
             Mat resized = new Mat()) {
            new FloatPointer(image.data()).put(plane);
            try (Mat middle = new Mat(image, new Rect(cut, cut, size - 2 * cut, size - 2 * cut))) {
                opencv_imgproc.resize(middle, resized, new Size(size, size), 0, 0, opencv_imgproc.INTER_LINEAR);
            }
            float[] out = new float[size * size];
            new FloatPointer(resized.data()).get(out);
            return out;
        }
    }

    @Test
    void centreThenFlipScoresTheMiddleAndItsMirror() {
        MultiLayerNetwork net = network();
        INDArray x = images();
        INDArray middle = TestTimeAugmentation.centre(x, 4);
        INDArray expected = net.output(middle, false).add(net.output(mirroredByHand(middle), false)).div(2);
        assertClose(new TestTimeAugmentation(true, 4).output(net, x), expected);
        assertClose(new TestTimeAugmentation(false, 4).output(net, x), net.output(middle, false));
        assertThat(TestTimeAugmentation.centre(x, 4).equalsWithEps(x, 1e-3)).as("differs from the whole").isFalse();
    }

    @Test
    void aCutThatLeavesNothingIsRefused() {
        assertThatThrownBy(() -> TestTimeAugmentation.centre(images(), 14))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("centre:14 leaves nothing of a 28x28 image");
        assertThatThrownBy(() -> new TestTimeAugmentation(false, -2)).isInstanceOf(IllegalArgumentException.class);
    }
}
