package dev.cnnlab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timing logic on a fake clock: warm-up discarded, windows timed separately, median taken. */
class WindowedRateTest {

    /** A clock that only moves when a step runs, by that step's duration. */
    private static final class FakeClock {
        long now;
    }

    @Test
    void medianOfAnOddCountIsTheMiddleWindow() {
        assertThat(new Rates(List.of(300.0, 100.0, 200.0, 1000.0, 150.0)).median()).isEqualTo(200.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(new Rates(List.of(400.0, 100.0, 200.0, 1000.0)).median()).isEqualTo(300.0);
        assertThat(new Rates(List.of(7.0)).median()).isEqualTo(7.0);
    }

    @Test
    void warmUpIsDiscardedAndEachWindowHasItsOwnRate() {
        FakeClock clock = new FakeClock();
        // Slow steps during the 1 s warm-up (1 image per 100 ms), then 64 images per 10 ms, except during the
        // third window, where "another process" makes steps take 40 ms.
        long warmUpEnd = 1_000_000_000L;
        long disturbedFrom = warmUpEnd + 2 * 500_000_000L;
        long disturbedTo = disturbedFrom + 500_000_000L;
        WindowedRate timing = new WindowedRate(Duration.ofSeconds(1), Duration.ofMillis(500), 5, () -> clock.now);

        Rates rates = timing.measure(() -> {
            if (clock.now < warmUpEnd) {
                clock.now += 100_000_000L;
                return 1;
            }
            clock.now += clock.now >= disturbedFrom && clock.now < disturbedTo ? 40_000_000L : 10_000_000L;
            return 64;
        });

        assertThat(rates.perWindow()).hasSize(5);
        assertThat(rates.perWindow().get(0)).isEqualTo(6400.0);
        assertThat(rates.perWindow().get(2)).isEqualTo(1600.0);
        assertThat(rates.median()).isEqualTo(6400.0);
        assertThat(rates.range()).isEqualTo("1,600-6,400");
    }

    @Test
    void aWindowShorterThanOneStepStillRunsOneStep() {
        FakeClock clock = new FakeClock();
        List<Long> stepStarts = new ArrayList<>();
        WindowedRate timing = new WindowedRate(Duration.ZERO, Duration.ofNanos(1), 3, () -> clock.now);

        Rates rates = timing.measure(() -> {
            stepStarts.add(clock.now);
            clock.now += 2_000_000_000L;
            return 10;
        });

        assertThat(stepStarts).hasSize(3);
        assertThat(rates.perWindow()).containsExactly(5.0, 5.0, 5.0);
    }

    @Test
    void aZeroWarmUpRunsNoStep() {
        FakeClock clock = new FakeClock();
        List<Long> stepStarts = new ArrayList<>();
        WindowedRate timing = new WindowedRate(Duration.ZERO, Duration.ofSeconds(1), 1, () -> clock.now);

        timing.measure(() -> {
            stepStarts.add(clock.now);
            clock.now += 250_000_000L;
            return 1;
        });

        assertThat(stepStarts).containsExactly(0L, 250_000_000L, 500_000_000L, 750_000_000L);
    }

    @Test
    void warmUpAndWindowsRunForTheirLengths() {
        FakeClock clock = new FakeClock();
        List<Long> stepStarts = new ArrayList<>();
        WindowedRate timing = new WindowedRate(Duration.ofMillis(5_000), Duration.ofMillis(2_000), 5,
                () -> clock.now);
        timing.measure(() -> {
            stepStarts.add(clock.now);
            clock.now += 1_000_000_000L;
            return 1;
        });
        assertThat(stepStarts).hasSize(5 + 5 * 2);
    }

    @Test
    void rejectsNonsenseTimings() {
        assertThatThrownBy(() -> new WindowedRate(Duration.ZERO, Duration.ZERO, 3, System::nanoTime))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WindowedRate(Duration.ZERO, Duration.ofSeconds(1), 0, System::nanoTime))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rates(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
