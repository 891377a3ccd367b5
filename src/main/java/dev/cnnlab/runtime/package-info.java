/**
 * The native runtime: chooses and checks ND4J's native libraries before they load, re-executes the JVM when the
 * OpenMP / OpenBLAS environment that must precede loading is missing, detects the CPU, turns a missing GPU into one
 * readable line, and keeps dead arrays' native memory from piling up.
 *
 * <p>{@link dev.cnnlab.runtime.NativeSetup#configure()} chooses the native variant and enables DL4J's oneDNN layer
 * helpers; {@link dev.cnnlab.runtime.Relauncher} re-executes the JVM; {@link dev.cnnlab.runtime.CudaCheck} checks
 * the GPU backend; {@link dev.cnnlab.runtime.NativeMemoryGuard} asks for a garbage collection when resident memory
 * grows, because ND4J's CPU backend frees an array's native memory only when the collector finds the array dead.
 */
package dev.cnnlab.runtime;
