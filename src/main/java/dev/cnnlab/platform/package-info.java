/**
 * The native runtime: picks and checks ND4J's native libraries.
 *
 * <p>{@link dev.cnnlab.platform.NativeSetup#configure()} chooses the native variant and enables DL4J's oneDNN layer
 * helpers before ND4J loads; {@link dev.cnnlab.platform.Relauncher} re-executes the JVM when the OpenMP / OpenBLAS
 * environment variables that must precede native loading are missing; {@link dev.cnnlab.platform.CudaCheck} turns a
 * missing GPU into one readable line.
 */
package dev.cnnlab.platform;
