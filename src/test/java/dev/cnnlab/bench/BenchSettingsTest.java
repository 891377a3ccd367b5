package dev.cnnlab.bench;

import dev.cnnlab.acceleration.AccelerationSettings;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnnlab.CnnlabException;
import org.junit.jupiter.api.Test;

class BenchSettingsTest {

    @Test
    void valuesOutOfRangeNameWhatIsWrong() {
        assertThatThrownBy(() -> new BenchSettings(0, 5, 64, 1, AccelerationSettings.full())).isInstanceOf(CnnlabException.class)
                .hasMessageStartingWith("bench seconds");
        assertThatThrownBy(() -> new BenchSettings(Double.NaN, 5, 64, 1, AccelerationSettings.full())).hasMessageStartingWith("bench seconds");
        assertThatThrownBy(() -> new BenchSettings(1, 0, 64, 1, AccelerationSettings.full())).hasMessageStartingWith("bench windows");
        assertThatThrownBy(() -> new BenchSettings(1, 5, 0, 1, AccelerationSettings.full())).hasMessageStartingWith("bench batch_size");
        assertThatThrownBy(() -> new BenchSettings(1, 5, ImagePool.MNIST_SIZE + 1, 1, AccelerationSettings.full())).hasMessageStartingWith("bench batch_size");
    }
}
