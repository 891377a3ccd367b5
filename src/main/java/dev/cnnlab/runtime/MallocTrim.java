package dev.cnnlab.runtime;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the memory glibc's allocator keeps after {@code free} back to the operating system ({@code malloc_trim(0)}),
 * through JNA (which DL4J already brings, for OSHI).
 *
 * <p>Why: after the {@link NativeMemoryGuard}'s collections free ND4J's dead buffers, malloc keeps much of that
 * memory in its arenas for reuse, so the resident size stays high; {@code malloc_trim(0)} returns it to the system
 * at once. Elsewhere (no glibc, no JNA) it does nothing.
 */
final class MallocTrim {
    private static final Logger log = LoggerFactory.getLogger(MallocTrim.class);
    private static final Function TRIM = lookUp();

    private MallocTrim() {
    }

    private static Function lookUp() {
        try {
            return NativeLibrary.getInstance("c").getFunction("malloc_trim");
        } catch (LinkageError | RuntimeException e) {
            log.debug("malloc_trim is not available here ({}); freed native memory stays with the allocator",
                    e.toString());
            return null;
        }
    }

    /**
     * @return whether this process can trim (glibc found through JNA)
     */
    static boolean available() {
        return TRIM != null;
    }

    /**
     * Calls {@code malloc_trim(0)} when available.
     *
     * @return whether it ran
     */
    static boolean trim() {
        if (TRIM == null) {
            return false;
        }
        TRIM.invokeInt(new Object[] {0L});
        return true;
    }
}
