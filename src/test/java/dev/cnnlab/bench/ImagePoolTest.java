package dev.cnnlab.bench;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.TestData;
import dev.cnnlab.zoo.InputShape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ImagePool}: how many images it holds, and the batches it cuts. */
class ImagePoolTest {
    @Test
    void holds6400DigitsFewerLargePhotosAndNeverLessThanOneInferenceBatch() {
        assertThat(ImagePool.capacity(InputShape.MNIST)).isEqualTo(ImagePool.MNIST_SIZE);
        assertThat(ImagePool.capacity(new InputShape(64, 64, 3))).isEqualTo(408);
        assertThat(ImagePool.capacity(new InputShape(300, 300, 3))).isEqualTo(ThroughputBenchmark.LARGE_BATCH);
    }

    @Test
    void takesAllImagesWhenThereAreFewerThanItHoldsAndCutsOnlyWholeBatches() {
        ImagePool pool = new ImagePool(TestData.mnistTrain().limit(300));
        assertThat(pool.size()).isEqualTo(300);
        assertThat(pool.trainingBatches(64)).hasSize(4)
                .allSatisfy(b -> assertThat(b.getFeatures().shape()).containsExactly(64, 1, 28, 28));
        assertThat(pool.inputBatches(256)).hasSize(1);
        assertThat(pool.trainingBatches(301)).isEmpty();
    }

    @Test
    void tooFewImagesForOneInferenceBatchIsAOneLineError() {
        assertThatThrownBy(() -> new ImagePool(TestData.mnistTrain().limit(100)))
                .isInstanceOf(CnnlabException.class).hasMessageContaining("at least 256").hasMessageContaining("100");
    }
}
