package dev.cnnlab.kernels;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.bytedeco.openblas.presets.openblas_nolapack.SetNumThreads;

/**
 * OpenBLAS's thread count, changed cheaply. ND4J's {@code blas().setMaxThreads} goes through JavaCPP's
 * {@code blas_set_num_threads}, which looks up four symbols in the loaded libraries on every call, too slow for twice
 * per {@code fit} of one batch ({@link SplitBatchMultiLayerNetwork}). This looks {@code openblas_set_num_threads} up
 * once. {@code tools/KernelTimes.java} times both.
 */
public final class OpenBlasThreads {
    /** Null when the BLAS ND4J loaded has no {@code openblas_set_num_threads}. */
    private static final SetNumThreads SET = lookUp();

    private OpenBlasThreads() {
    }

    /** @return OpenBLAS's thread count for the whole process */
    public static int get() {
        return openblas_nolapack.blas_get_num_threads();
    }

    /**
     * Sets OpenBLAS's thread count for the whole process: call it when no other thread is inside OpenBLAS.
     *
     * @param threads the count; lowering it keeps OpenBLAS's workers, so raising it again is as cheap
     */
    public static void set(int threads) {
        if (SET != null) {
            SET.call(threads);
        }
    }

    private static SetNumThreads lookUp() {
        Loader.load(openblas_nolapack.class);
        Pointer function = Loader.addressof("openblas_set_num_threads");
        if (function == null) {
            return null;
        }
        // The preset's constructor that takes a pointer would read it as a function-pointer object, not a function.
        SetNumThreads set = new SetNumThreads() {
        };
        set.put(function);
        return set;
    }
}
