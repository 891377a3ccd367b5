package dev.cnnlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * The process's peak resident memory, as Linux reports it.
 *
 * <p>Why {@code VmHWM} and not the JVM's heap figures: ND4J keeps arrays, workspaces and oneDNN buffers off the heap,
 * so only the operating system's count covers everything. It is the same quantity Python's
 * {@code resource.getrusage(RUSAGE_SELF).ru_maxrss} reports, which {@code bench-pytorch.py} uses. It is a high-water
 * mark for the whole process: to attribute it to one network, measure that network in a process of its own.
 */
public final class PeakMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private PeakMemory() {
    }

    /**
     * @return this process's peak resident set size in MiB, or empty where {@code /proc} does not exist (macOS,
     *     Windows)
     */
    public static OptionalDouble peakResidentMb() {
        try {
            return Files.isReadable(STATUS) ? parseVmHwmMb(Files.readString(STATUS)) : OptionalDouble.empty();
        } catch (IOException e) {
            return OptionalDouble.empty();
        }
    }

    /**
     * Reads the {@code VmHWM:   123456 kB} line of a {@code /proc/<pid>/status} text.
     *
     * @param status the file's contents
     * @return the value in MiB, or empty when the line is missing or malformed
     */
    static OptionalDouble parseVmHwmMb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
                if (parts.length == 2 && parts[1].equals("kB") && parts[0].matches("\\d+")) {
                    return OptionalDouble.of(Long.parseLong(parts[0]) / 1024.0);
                }
            }
        }
        return OptionalDouble.empty();
    }
}
