package dev.cnnlab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PeakMemoryTest {

    @Test
    void readsVmHwmInMebibytes() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  524288 kB\nVmRSS:\t  400000 kB\n";

        assertThat(PeakMemory.parseVmHwmMb(status)).hasValue(512.0);
    }

    @Test
    void aMissingOrMalformedLineGivesNothing() {
        assertThat(PeakMemory.parseVmHwmMb("Name:\tjava\n")).isEmpty();
        assertThat(PeakMemory.parseVmHwmMb("VmHWM:\t lots\n")).isEmpty();
    }

    @Test
    void thisJvmHasAPeakOnLinux() {
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            assertThat(PeakMemory.peakResidentMb()).isPresent();
            assertThat(PeakMemory.peakResidentMb().getAsDouble()).isPositive();
        } else {
            assertThat(PeakMemory.peakResidentMb()).isEmpty();
        }
    }
}
