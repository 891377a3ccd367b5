package dev.cnnlab.runtime;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link MallocTrim}: on Linux it finds glibc's malloc_trim, and the memory malloc kept after free goes back. */
class MallocTrimTest {
    private static final long MB = 1L << 20;
    private static final int BLOCK = 32 * 1024; // below glibc's mmap threshold, so it comes from malloc's arenas

    @Test
    void memoryThatMallocKeptAfterFreeIsGivenBack() {
        assertThat(MallocTrim.available()).as("glibc's malloc_trim through JNA on " + System.getProperty("os.name"))
                .isTrue();
        List<Pointer> blocks = new ArrayList<>();
        for (int i = 0; i < 8192; i++) {
            Pointer block = Pointer.malloc(BLOCK);
            Pointer.memset(block, 1, BLOCK);
            blocks.add(block);
        }
        long filled = Pointer.physicalBytes();
        // Every other block: each freed one lies between two in use, so free() cannot give it back on its own.
        for (int i = 0; i < blocks.size(); i += 2) {
            Pointer.free(blocks.get(i));
        }
        long freed = Pointer.physicalBytes();

        assertThat(MallocTrim.trim()).isTrue();
        long trimmed = Pointer.physicalBytes();
        for (int i = 1; i < blocks.size(); i += 2) {
            Pointer.free(blocks.get(i));
        }

        assertThat(freed - trimmed).as("filled %d MB, after free %d MB, after trim %d MB", filled / MB, freed / MB,
                trimmed / MB).isGreaterThan(64 * MB);
    }
}
