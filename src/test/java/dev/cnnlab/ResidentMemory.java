package dev.cnnlab;

import com.sun.jna.NativeLibrary;
import org.bytedeco.javacpp.Pointer;

/** The process's resident memory as the memory tests compare it: with nothing left for a collector to free. */
public final class ResidentMemory {
    private ResidentMemory() {
    }

    /**
     * Resident memory once dead arrays are collected, their buffers freed and malloc's free memory given back.
     *
     * @return resident bytes
     * @throws InterruptedException when interrupted while the deallocators run
     */
    public static long settledBytes() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(300);
        }
        NativeLibrary.getInstance("c").getFunction("malloc_trim").invokeInt(new Object[] {0L});
        return Pointer.physicalBytes();
    }
}
