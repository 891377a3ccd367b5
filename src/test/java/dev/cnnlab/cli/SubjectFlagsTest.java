package dev.cnnlab.cli;

import dev.cnnlab.InvalidValueException;
import dev.cnnlab.acceleration.AccelerationSettings;
import dev.cnnlab.bench.BenchSettings;
import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.ui.UiOptions;
import dev.cnnlab.zoo.ModelZoo;
import dev.cnnlab.zoo.Recipes;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The library names what is wrong; the command line shows the flag that sets it in its place. */
class SubjectFlagsTest {
    @Test
    void aSettingIsShownByItsFlag() {
        assertThat(shown(() -> ModelZoo.require("resnet-9000")))
                .startsWith("--model: unknown network 'resnet-9000', expected one of ");
        assertThat(shown(() -> new LabelledImages(new byte[0], new int[0], 1, 1, 1, List.of("a", "b")).split(1.5, 0)))
                .isEqualTo("--validation-split: expected a fraction between 0 and 1, got 1.5");
    }

    @Test
    void anOptionOutsideTheSettingsIsShownByItsFlag() {
        assertThat(shown(() -> Recipes.require("nope")))
                .startsWith("--recipe: unknown recipe 'nope', expected one of ");
        assertThat(shown(() -> UiOptions.parseRemote("laptop:9000")))
                .isEqualTo("--ui-remote: expected the remote UI's address such as http://localhost:9000,"
                        + " got 'laptop:9000'");
        assertThat(shown(() -> new BenchSettings(1, 0, 64, 1, AccelerationSettings.full())))
                .isEqualTo("--windows: expected 1 to 1000 windows, got 0");
        assertThat(shown(() -> new BenchSettings(1, 5, 0, 1, AccelerationSettings.full())))
                .startsWith("--batch-size: expected 1 to ");
    }

    @Test
    void aSubjectNoFlagSetsIsShownAsItIs() {
        assertThat(SubjectFlags.message(new InvalidValueException("weights", "not found")))
                .isEqualTo("weights: not found");
        InvalidValueException models =
                InvalidValueException.followedBy("bench models", " x is measured on photos", null);
        assertThat(SubjectFlags.message(models))
                .isEqualTo("--models x is measured on photos");
    }

    private static String shown(ThrowingCallable call) {
        return SubjectFlags.message(catchThrowableOfType(InvalidValueException.class, call));
    }
}
