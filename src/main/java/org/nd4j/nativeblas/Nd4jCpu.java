package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * Compatibility shim that revives DL4J's oneDNN (MKL-DNN) layer helpers in 1.0.0-M2.1.
 *
 * <p>Why it exists: {@code org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled()} (deeplearning4j-nn
 * 1.0.0-M2.1, source {@code deeplearning4j/deeplearning4j-nn/src/main/java/org/deeplearning4j/nn/layers/mkldnn/
 * BaseMKLDNNHelper.java} in github.com/deeplearning4j/deeplearning4j) looks up {@code
 * org.nd4j.nativeblas.Nd4jCpu$Environment} reflectively and calls its static {@code getInstance()} and then
 * {@code isUseMKLDNN()}. The bindings moved to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu} (and the method
 * was renamed {@code isUseONEDNN()}), so the lookup throws, the failure is cached for the JVM's lifetime, and every
 * convolution, subsampling, batch-norm and LRN layer silently runs without its oneDNN helper (several times slower
 * training; docs/backends.md). This class supplies the old name and forwards to the new bindings.
 *
 * <p>It only delegates, reflectively, so it compiles and behaves (answers {@code false}) when the CPU backend is absent
 * (the CUDA build). Delete it once a DL4J release looks up the right class.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    /** The old-name stand-in for the native {@code Environment} singleton; only what DL4J calls reflectively. */
    public static final class Environment {

        /** The real bindings class in ND4J 1.0.0-M2.1's nd4j-native. */
        static final String REAL_CLASS = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";

        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        /**
         * Returns the singleton, as the old binding did; DL4J invokes this reflectively with no arguments.
         *
         * @return the shim instance (never null)
         */
        public static Environment getInstance() {
            return INSTANCE;
        }

        /**
         * Whether libnd4j was built with oneDNN and uses it, as reported by the real native environment.
         *
         * @return {@code true} when the loaded libnd4j uses oneDNN; {@code false} when it does not, or when the CPU
         *     backend's bindings are not on the classpath or cannot be called
         */
        public boolean isUseMKLDNN() {
            try {
                Class<?> real = Class.forName(REAL_CLASS, true, Nd4jCpu.class.getClassLoader());
                Object environment = real.getMethod("getInstance").invoke(null);
                Method useOneDnn = real.getMethod("isUseONEDNN");
                return (Boolean) useOneDnn.invoke(environment);
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                // DL4J treats any failure as "no helpers"; answering false keeps that contract without a stack trace.
                return false;
            }
        }
    }
}
