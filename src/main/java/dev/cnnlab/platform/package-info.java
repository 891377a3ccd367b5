/**
 * The native runtime: picks and checks ND4J's native libraries, trims work DL4J's backward pass does for nothing, and
 * keeps dead arrays' native memory from piling up.
 *
 * <p>{@link dev.cnnlab.platform.NativeSetup#configure()} chooses the native variant and enables DL4J's oneDNN layer
 * helpers before ND4J loads; {@link dev.cnnlab.platform.Relauncher} re-executes the JVM when the OpenMP / OpenBLAS
 * environment variables that must precede native loading are missing; {@link dev.cnnlab.platform.CudaCheck} turns a
 * missing GPU into one readable line. {@link dev.cnnlab.platform.BackpropShortcuts} keeps the forward pass for
 * backpropagation and puts {@link dev.cnnlab.platform.FirstLayerConvolutionHelper} (a Java {@code Im2col} and
 * matrix products) on the first convolution layer, which then skips the input gradient nothing reads,
 * {@link dev.cnnlab.platform.InPlaceBackpropReLU} in place of DL4J's ReLU, whose backward pass is slow,
 * {@link dev.cnnlab.platform.BlasDenseLayer} in place of DL4J's dense layers (forward pass kept, products through
 * {@link dev.cnnlab.platform.RowMajorSgemm}), {@link dev.cnnlab.platform.BlasOutputLayer} in place of DL4J's output
 * layers (forward product through it) and {@link dev.cnnlab.platform.BernoulliDropoutHelper} under DL4J's dropout.
 * {@link dev.cnnlab.platform.SplitBatchMultiLayerNetwork} computes a training batch in parts at once, one per core, on
 * copies of the network that share its parameters.
 * {@link dev.cnnlab.platform.NativeMemoryGuard} asks for a garbage collection when resident memory grows, because
 * ND4J's CPU backend frees an array's native memory only when the collector finds the array dead; while it runs,
 * JavaCPP's own check of the resident size on every allocation is off.
 */
package dev.cnnlab.platform;
