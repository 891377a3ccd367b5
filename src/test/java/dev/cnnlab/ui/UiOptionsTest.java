package dev.cnnlab.ui;

import dev.cnnlab.CnnlabException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UiOptionsTest {
    @Test
    void defaultsAreLoopbackPort9000EveryTenIterations() {
        UiOptions o = new UiOptions().validate();
        assertThat(o.host).isEqualTo("127.0.0.1");
        assertThat(o.port).isEqualTo(9000);
        assertThat(o.frequency).isEqualTo(10);
        assertThat(o.enabled()).isFalse();
        assertThat(o.exposed()).isFalse();
    }

    @Test
    void anyOtherHostIsExposed() {
        UiOptions o = new UiOptions();
        o.host = "0.0.0.0";
        assertThat(o.exposed()).isTrue();
    }

    @Test
    void badValuesNameWhatIsWrong() {
        UiOptions port = new UiOptions();
        port.port = 70000;
        assertThatThrownBy(port::validate).isInstanceOf(CnnlabException.class).hasMessageStartingWith("ui_port: ");
        UiOptions frequency = new UiOptions();
        frequency.frequency = 0;
        assertThatThrownBy(frequency::validate).hasMessageStartingWith("ui_frequency: ");
        UiOptions keep = new UiOptions();
        keep.keep = true;
        assertThatThrownBy(keep::validate).hasMessageStartingWith("ui_keep: ");
        assertThatThrownBy(() -> UiOptions.parseRemote("laptop:9000")).hasMessageStartingWith("ui_remote: ");
        assertThat(UiOptions.parseRemote("http://laptop:9000").getPort()).isEqualTo(9000);
    }
}
