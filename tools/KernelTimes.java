import dev.cnnlab.acceleration.layers.BernoulliDropoutHelper;
import dev.cnnlab.acceleration.layers.InPlaceBackpropReLU;
import dev.cnnlab.acceleration.updater.VectorisedAdamUpdater;
import dev.cnnlab.kernels.FloatTransfer;
import dev.cnnlab.kernels.Im2col;
import dev.cnnlab.kernels.OpenBlasThreads;
import dev.cnnlab.kernels.RowMajorSgemm;
import dev.cnnlab.runtime.NativeSetup;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

import java.util.Arrays;
import java.util.Locale;

/**
 * Times, on LeNet's first layer at batch 64 (20 filters of 5x5 over 24x24 outputs), the native operations
 * docs/performance.md quotes: DL4J's ReLU backward pass against cnnlab's in place; the first layer's weight-gradient
 * product in three layouts ({@code [filters, positions] x [patch weights, positions]^T} then a bias sum;
 * {@code [patch weights + 1, positions] x [positions, filters]} after permuting the output gradient; one product per
 * image from the NCHW gradient, the layout cnnlab uses); the Java im2col into a
 * Java array and then native memory, against straight into native memory; on LeNet's 800x500 dense layer, DL4J's
 * three matrix products against the same products through {@code cblas_sgemm} ({@code RowMajorSgemm},
 * {@code BlasDenseLayer}); and DL4J's dropout of keras-mnist's first dropout layer ({@code [64, 64, 12, 12]}, keep
 * 0.75) against {@code BernoulliDropoutHelper}; and Adam's update of LeNet's 431,080 parameters by DL4J's
 * {@code AdamUpdater} against {@code VectorisedAdamUpdater}; setting OpenBLAS's thread count through ND4J against
 * {@code OpenBlasThreads}.
 *
 * <p>Run: {@code java -cp target/cnnlab.jar tools/KernelTimes.java} (after {@code mvn package}); each figure is the
 * median of 7 blocks of 50 calls, in microseconds per call, on the threads ND4J is given (OMP_NUM_THREADS).
 */
public class KernelTimes {
    public static void main(String[] args) {
        NativeSetup.configure();
        int batch = 64;
        int filters = 20;
        int patch = 25;
        int positions = batch * 24 * 24;
        INDArray preOutput = Nd4j.rand(DataType.FLOAT, batch, filters, 24, 24).subi(0.5);
        INDArray outputGradient = Nd4j.rand(DataType.FLOAT, batch, filters, 24, 24);
        INDArray byFilter = outputGradient.permute(1, 0, 2, 3).dup('c').reshape('c', filters, positions);
        INDArray patches = Nd4j.rand(DataType.FLOAT, patch, positions);
        INDArray patchesWithOnes = Nd4j.concat(0, patches, Nd4j.ones(DataType.FLOAT, 1, positions));
        INDArray byPosition = Nd4j.create(DataType.FLOAT, new long[] {batch, 24, 24, filters}, 'c');
        INDArray weightGradient = Nd4j.create(DataType.FLOAT, filters, patch);
        INDArray transposedGradients = Nd4j.create(DataType.FLOAT, patch + 1, filters);
        INDArray biasGradient = Nd4j.create(DataType.FLOAT, 1, filters);
        ActivationReLU relu = new ActivationReLU();
        InPlaceBackpropReLU inPlace = new InPlaceBackpropReLU();
        INDArray given = preOutput.ulike();
        INDArray scratch = preOutput.dup();

        // DL4J 1.0.0-M2.1's ReLU writes its gradient to a new array and leaves the pre-activations alone.
        report("ReLU backward (ActivationReLU.backprop)", () -> relu.backprop(preOutput, outputGradient));
        report("  its relu_bp op alone, into a given array",
                () -> Nd4j.getExecutioner().exec(new RectifiedLinearDerivative(preOutput, outputGradient, given)));
        // cnnlab's overwrites the pre-activations, so each call first copies them into a scratch array.
        report("copy of the pre-activations", () -> scratch.assign(preOutput));
        report("copy + InPlaceBackpropReLU.backprop", () -> inPlace.backprop(scratch.assign(preOutput), outputGradient));
        report("[filters, positions] x [patch, positions]^T",
                () -> Nd4j.gemm(byFilter, patches, weightGradient, false, true, 1.0, 0.0));
        report("bias sum over [filters, positions]", () -> byFilter.sum(biasGradient, 1));
        report("permute output gradient to [positions, filters]",
                () -> byPosition.assign(outputGradient.permute(0, 2, 3, 1)));
        report("[patch + 1, positions] x [positions, filters]", () -> Nd4j.gemm(patchesWithOnes,
                byPosition.reshape('c', positions, filters), transposedGradients, false, false, 1.0, 0.0));
        // The layout cnnlab uses: one cblas_sgemm per image, straight from the NCHW gradient, no permutation.
        INDArray imageRows = outputGradient.reshape('c', batch * filters, 24 * 24);
        INDArray gradients = Nd4j.create(DataType.FLOAT, filters, patch + 1);
        report("sum of per-image [filters,576] x [patch+1,576]^T",
                () -> RowMajorSgemm.sumOfBlockProducts(imageRows, patchesWithOnes, gradients, batch));

        // The first layer's patch matrix: a Java im2col, then one copy to native memory, or written into native
        // memory directly (what cnnlab does).
        Im2col geometry = new Im2col(batch, 1, 28, 28, 5, 5, 1, 1, 0, 0, 1, 1, 24, 24);
        float[] images = Nd4j.rand(DataType.FLOAT, batch, 1, 28, 28).data().asFloat();
        float[] javaPatches = new float[patch * positions];
        report("im2col into a Java array + copy to native", () -> {
            geometry.im2col(images, javaPatches);
            FloatTransfer.write(javaPatches, patches);
        });
        report("im2col into native memory", () -> geometry.im2col(images, FloatTransfer.floats(patches)));

        // LeNet's dense layer as DL4J 1.0.0-M2.1's BaseLayer multiplies: c-ordered activations, f-ordered weights
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, 800);
        INDArray w = Nd4j.rand(DataType.FLOAT, 800, 500).dup('f');
        INDArray delta = Nd4j.rand(DataType.FLOAT, batch, 500);
        INDArray z = Nd4j.create(DataType.FLOAT, new long[] {batch, 500}, 'c');
        INDArray dw = Nd4j.create(DataType.FLOAT, new long[] {800, 500}, 'f');
        INDArray dxByColumn = Nd4j.create(DataType.FLOAT, new long[] {800, batch}, 'f');
        INDArray dx = Nd4j.create(DataType.FLOAT, new long[] {batch, 800}, 'c');
        report("dense forward, x.mmuli(W, z) (DL4J)", () -> x.mmuli(w, z));
        report("  the same through cblas_sgemm", () -> RowMajorSgemm.multiply(x, w, z));
        report("dense weight gradient, Nd4j.gemm (DL4J)", () -> Nd4j.gemm(x, delta, dw, true, false, 1.0, 0.0));
        report("  the same through cblas_sgemm", () -> RowMajorSgemm.multiply(x.transpose(), delta, dw));
        report("dense input gradient, W.mmuli(delta^T) (DL4J)", () -> w.mmuli(delta.transpose(), dxByColumn));
        report("  the same through cblas_sgemm", () -> RowMajorSgemm.multiply(delta, w.transpose(), dx));

        INDArray activations = Nd4j.rand(DataType.FLOAT, batch, 64, 12, 12);
        INDArray dropped = activations.ulike();
        Dropout dropout = new Dropout(0.75);
        BernoulliDropoutHelper bernoulli = new BernoulliDropoutHelper();
        report("dropout forward (DL4J's Dropout)",
                () -> dropout.applyDropout(activations, dropped, 0, 0, LayerWorkspaceMgr.noWorkspaces()));
        report("  the same with BernoulliDropoutHelper", () -> bernoulli.applyDropout(activations, dropped, 0.75));

        // Adam's update over LeNet's 431,080 parameters: libnd4j's adam_updater op against the Java loop.
        int parameters = 431_080;
        Adam adam = new Adam(1e-3);
        INDArray plainGradient = Nd4j.randn(DataType.FLOAT, 1, parameters);
        INDArray javaGradient = plainGradient.dup();
        GradientUpdater<?> plainAdam = adam.instantiate(Nd4j.zeros(DataType.FLOAT, 1, 2 * parameters), true);
        VectorisedAdamUpdater javaAdam = new VectorisedAdamUpdater(
                (AdamUpdater) adam.instantiate(Nd4j.zeros(DataType.FLOAT, 1, 2 * parameters), true));
        report("Adam update (DL4J's AdamUpdater)", () -> plainAdam.applyUpdater(plainGradient, 0, 0));
        report("  the same with VectorisedAdamUpdater", () -> javaAdam.applyUpdater(javaGradient, 0, 0));

        // OpenBLAS's thread count, which a SplitBatchMultiLayerNetwork lowers to 1 and puts back in every fit().
        int blasThreads = OpenBlasThreads.get();
        int[] calls = {0};
        report("OpenBLAS thread count, 1 or back (ND4J's setter)",
                () -> Nd4j.factory().blas().setMaxThreads(calls[0]++ % 2 == 0 ? 1 : blasThreads));
        report("  the same with OpenBlasThreads.set", () -> OpenBlasThreads.set(calls[0]++ % 2 == 0 ? 1 : blasThreads));
        OpenBlasThreads.set(blasThreads);
        System.exit(0);
    }

    private static void report(String what, Runnable call) {
        double[] blocks = new double[8];
        for (int b = 0; b < blocks.length; b++) {
            long start = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                call.run();
            }
            blocks[b] = (System.nanoTime() - start) / 50.0 / 1e3;
        }
        double[] timed = Arrays.copyOfRange(blocks, 1, blocks.length); // the first block warms up
        Arrays.sort(timed);
        System.out.printf(Locale.ROOT, "%-50s %10.2f us%n", what, timed[timed.length / 2]);
    }
}
