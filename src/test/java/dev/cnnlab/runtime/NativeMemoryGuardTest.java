package dev.cnnlab.runtime;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NativeMemoryGuardTest {
    private static final long MB = 1L << 20;

    @Test
    void collectsOnlyWhenResidentMemoryGrewByTheBudgetSinceTheLastCollection() {
        AtomicLong resident = new AtomicLong(1000 * MB);
        AtomicInteger collected = new AtomicInteger();
        NativeMemoryGuard guard = new NativeMemoryGuard(resident::get, () -> {
            collected.incrementAndGet();
            resident.addAndGet(-300 * MB);
        }, 100 * MB);

        resident.set(1100 * MB);
        assertThat(guard.check()).isFalse();
        resident.set(1101 * MB);
        assertThat(guard.check()).isTrue();
        // The collection left 801 MB: the new baseline, so 900 MB is within the budget and 902 MB is not.
        resident.set(900 * MB);
        assertThat(guard.check()).isFalse();
        resident.set(902 * MB);
        assertThat(guard.check()).isTrue();
        assertThat(collected.get()).isEqualTo(2);
        assertThat(guard.collections()).isEqualTo(2);
    }

    @Test
    void theBaselineFollowsResidentMemoryDown() {
        AtomicLong resident = new AtomicLong(1000 * MB);
        NativeMemoryGuard guard = new NativeMemoryGuard(resident::get, () -> { }, 100 * MB);

        resident.set(600 * MB);
        assertThat(guard.check()).isFalse();
        resident.set(701 * MB);

        assertThat(guard.check()).isTrue();
    }

    @Test
    void theBudgetPropertyIsWholeMegabytesWithZeroForOff() {
        assertThat(NativeMemoryGuard.budgetMb(null)).isEqualTo(NativeMemoryGuard.DEFAULT_BUDGET_MB);
        assertThat(NativeMemoryGuard.budgetMb(" 256 ")).isEqualTo(256);
        assertThat(NativeMemoryGuard.budgetMb("0")).isZero();
        for (String bad : new String[] {"lots", "-1", "1.5"}) {
            assertThatThrownBy(() -> NativeMemoryGuard.budgetMb(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("-D" + NativeMemoryGuard.BUDGET_PROPERTY
                            + ": expected a whole number of megabytes (0 for off), got '" + bad + "'");
        }
    }

    @Test
    void runsInEveryProcessThatConfiguredTheNativeSetup() {
        NativeSetup.configure();

        assertThat(NativeMemoryGuard.problem()).isEmpty();
        assertThat(NativeMemoryGuard.ofThisProcess()).isPresent();
    }

    @Test
    void givesBackTheNativeMemoryOfDeadArrays() {
        NativeMemoryGuard guard = NativeMemoryGuard.forThisProcess(64);
        long start = Pointer.physicalBytes();
        long peak = start;
        // 150 dead 8 MB arrays: 1.2 GB of native memory that only a garbage collection frees, and too little heap
        // for the JVM to collect on its own.
        for (int i = 0; i < 150; i++) {
            Nd4j.create(DataType.FLOAT, 2_000_000).addi(1);
            guard.check();
            peak = Math.max(peak, Pointer.physicalBytes());
        }

        assertThat(guard.collections()).isPositive();
        assertThat(peak - start).as("growth of resident memory").isLessThan(600 * MB);
    }
}
