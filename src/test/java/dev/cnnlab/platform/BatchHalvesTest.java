package dev.cnnlab.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BatchHalvesTest {

    @Test
    void runsTheTwoHalvesOnTwoThreads() {
        List<String> ranges = new CopyOnWriteArrayList<>();
        Thread caller = Thread.currentThread();
        BatchHalves.run(7, (from, to) -> ranges.add(from + "-" + to
                + (Thread.currentThread() == caller ? " here" : " there")));
        assertThat(ranges).containsExactlyInAnyOrder("0-3 here", "3-7 there");
    }

    @Test
    void returnsOnlyWhenTheSecondHalfIsDoneAndPassesOnItsFailure() {
        AtomicBoolean secondDone = new AtomicBoolean();
        BatchHalves.run(2, (from, to) -> {
            if (from == 1) {
                sleep(100);
                secondDone.set(true);
            }
        });
        assertThat(secondDone).isTrue();

        assertThatThrownBy(() -> BatchHalves.run(4, (from, to) -> {
            if (from > 0) {
                throw new IllegalStateException("second half");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("second half");
    }

    @Test
    void theFirstHalfsFailureWinsAfterTheSecondHalfEnded() {
        AtomicBoolean secondDone = new AtomicBoolean();
        assertThatThrownBy(() -> BatchHalves.run(4, (from, to) -> {
            if (from == 0) {
                throw new IllegalArgumentException("first half");
            }
            sleep(100);
            secondDone.set(true);
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("first half");
        assertThat(secondDone).isTrue();
    }

    @Test
    void isWorthItForTwoImagesOnTwoCores() {
        assertThat(BatchHalves.worthIt(1)).isFalse();
        assertThat(BatchHalves.worthIt(64)).isEqualTo(Runtime.getRuntime().availableProcessors() >= 2);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
