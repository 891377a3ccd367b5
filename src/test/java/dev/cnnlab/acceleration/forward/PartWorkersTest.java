package dev.cnnlab.acceleration.forward;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link PartWorkers}: every part runs once, on the caller and the workers, and a part's failure reaches the caller. */
class PartWorkersTest {

    @Test
    void runsEveryPartOnceAndReturnsWhenAllHaveEnded() {
        PartWorkers workers = PartWorkers.forParts(3);
        for (int round = 0; round < 200; round++) {
            Set<Integer> parts = ConcurrentHashMap.newKeySet();
            Set<Integer> ended = ConcurrentHashMap.newKeySet();
            workers.run(part -> {
                assertThat(parts.add(part)).isTrue();
                LockSupport.parkNanos(20_000);
                ended.add(part);
            });
            assertThat(ended).containsExactlyInAnyOrder(0, 1, 2);
        }
    }

    @Test
    void partsRunOnTheWorkersTooNotOnlyOnTheCaller() {
        PartWorkers workers = PartWorkers.forParts(2);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        long deadline = System.nanoTime() + 10_000_000_000L;
        // Whichever thread claims a part first waits there until another thread has claimed the other one, which
        // only a worker can do (the waiting thread cannot claim a second part meanwhile).
        workers.run(part -> {
            threads.add(Thread.currentThread());
            while (threads.size() < 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        });
        assertThat(threads).hasSize(2).contains(Thread.currentThread());
    }

    @Test
    void aFailingPartFailsTheRunAfterTheOthersEndAndTheWorkersCarryOn() {
        PartWorkers workers = PartWorkers.forParts(2);
        Set<Integer> ended = ConcurrentHashMap.newKeySet();
        assertThatThrownBy(() -> workers.run(part -> {
            if (part == 1) {
                throw new IllegalStateException("part 1 failed");
            }
            LockSupport.parkNanos(1_000_000);
            ended.add(part);
        })).isInstanceOf(IllegalStateException.class).hasMessage("part 1 failed");
        assertThat(ended).as("the other part ran to its end before the run failed").containsExactly(0);

        Set<Integer> next = ConcurrentHashMap.newKeySet();
        workers.run(next::add);
        assertThat(next).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void oneProcessKeepsOneSetOfWorkersPerPartCount() {
        assertThat(PartWorkers.forParts(2)).isSameAs(PartWorkers.forParts(2));
        assertThat(PartWorkers.forParts(2).parts()).isEqualTo(2);
        assertThatThrownBy(() -> PartWorkers.forParts(1)).hasMessage("parts must be at least 2, got 1");
    }
}
