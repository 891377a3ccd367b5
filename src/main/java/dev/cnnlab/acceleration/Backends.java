package dev.cnnlab.acceleration;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.factory.Nd4jBackend;

/**
 * Which ND4J backend computes: the one question the acceleration layer asks before it changes anything, because
 * every speed-up in it reads and writes host memory and calls OpenBLAS or the CPU natives directly.
 *
 * <p>Decided by class name, so this compiles and answers in a build without the CPU backend (the CUDA build), and
 * tests can name a backend that is not there.
 */
public final class Backends {
    /** ND4J 1.0.0-M2.1's native CPU backend (nd4j-native). */
    public static final String NATIVE_CPU_BACKEND = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";

    /** The package of nd4j-native's data buffers, which live in host memory. */
    private static final String NATIVE_CPU_BUFFERS = "org.nd4j.linalg.cpu.nativecpu.buffer.";

    private Backends() {
    }

    /**
     * @param backendClass the fully qualified class name of an ND4J backend
     * @return whether it is ND4J's native CPU backend
     */
    public static boolean isNativeCpu(String backendClass) {
        return NATIVE_CPU_BACKEND.equals(backendClass);
    }

    /**
     * @param backend an ND4J backend
     * @return whether it is ND4J's native CPU backend
     */
    public static boolean isNativeCpu(Nd4jBackend backend) {
        return backend != null && isNativeCpu(backend.getClass().getName());
    }

    /**
     * The backend ND4J loaded (loading it if nothing did yet).
     *
     * @return its class name
     */
    public static String loaded() {
        return Nd4j.getBackend().getClass().getName();
    }

    /**
     * Whether an array's data sit in nd4j-native's host buffers, which the speed-ups may read and write directly;
     * a CUDA array's do not.
     *
     * @param array an array
     * @return true for an array of the native CPU backend
     */
    public static boolean isHostArray(INDArray array) {
        return array != null && array.data().getClass().getName().startsWith(NATIVE_CPU_BUFFERS);
    }
}
