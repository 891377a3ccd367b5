package dev.cnnlab.djlbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's peak resident memory ({@code VmHWM}), the figure cnnlab's bench and {@code ru_maxrss} report. */
public final class PeakMemory {
    private PeakMemory() {
    }

    /** @return peak resident memory in MiB, or null where {@code /proc/self/status} cannot be read */
    public static Double peakResidentMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
        return null;
    }
}
