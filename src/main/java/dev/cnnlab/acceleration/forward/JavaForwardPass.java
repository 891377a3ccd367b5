package dev.cnnlab.acceleration.forward;

import dev.cnnlab.kernels.FloatTransfer;
import dev.cnnlab.kernels.Im2col;
import dev.cnnlab.kernels.OpenBlasThreads;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType.InputTypeConvolutional;
import org.deeplearning4j.nn.conf.inputs.InputType.InputTypeFeedForward;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A trained network's inference-mode forward pass in plain Java, for one image at a time, each large layer cut into
 * parts that run at once on the cores ({@link PartWorkers}, {@link #MIN_PARTED_MACS}).
 *
 * <p>It computes what {@code network.output(x, false)} computes (dropout off, batch normalisation on its running
 * statistics) for the layers cnnlab's zoo uses: NCHW convolutions (any stride, padding mode or dilation), max pooling,
 * batch normalisation, activation, dropout, dense and output layers, with identity, ReLU, SELU, sigmoid, tanh and
 * softmax. {@link #compile} refuses anything else, and callers keep DL4J's {@code output} for such networks.
 *
 * <p>A batch normalisation and an activation right after a convolution fold into it ({@link ConvolutionStep}).
 *
 * <p>The parameters are copied when compiling, so a network trained further needs compiling again. An instance keeps
 * its scratch arrays between calls and is not thread-safe.
 */
public final class JavaForwardPass {
    private static final Logger log = LoggerFactory.getLogger(JavaForwardPass.class);

    /**
     * At most this many parts per layer: one image's layers are too small to share among many more cores than a
     * laptop has, and each part costs a hand-off per layer.
     */
    static final int MAX_PARTS = 4;

    /**
     * Multiply-adds per image from which a convolution or dense layer is cut into parts. Below, the hand-off between
     * threads and the activations crossing from one core's cache to another's cost more than the second core saves,
     * and pooling, batch normalisation and activation layers always fall below.
     */
    static final long MIN_PARTED_MACS = 1_000_000;

    private final int inputSize;
    private final List<ForwardStep> steps;
    private final float[][] buffers;
    private final PartWorkers workers;

    private JavaForwardPass(int inputSize, List<ForwardStep> steps, int parts) {
        this.inputSize = inputSize;
        this.steps = List.copyOf(steps);
        this.workers = parts > 1 ? PartWorkers.forParts(parts) : null;
        this.buffers = new float[steps.size()][];
        for (int i = 0; i < steps.size(); i++) {
            buffers[i] = new float[steps.get(i).outputSize()];
        }
    }

    /**
     * @param network a trained float network
     * @param input   the type of one input, e.g. {@code InputType.convolutional(28, 28, 1)}
     * @return the network's forward pass
     * @throws IllegalArgumentException naming the first layer (or setting) this class does not compute
     */
    public static JavaForwardPass compile(MultiLayerNetwork network, InputType input) {
        return compile(network, input, defaultParts());
    }

    /**
     * @return the parts each large layer is cut into by default: the cores, up to {@link #MAX_PARTS}
     */
    public static int defaultParts() {
        return Math.min(MAX_PARTS, Runtime.getRuntime().availableProcessors());
    }

    /**
     * As {@link #compile(MultiLayerNetwork, InputType)}, each large layer cut into {@code parts}.
     *
     * @param network a trained float network
     * @param input   the type of one input
     * @param parts   parts per large layer, run at once; 1 runs the whole pass on the calling thread
     * @return the network's forward pass
     */
    static JavaForwardPass compile(MultiLayerNetwork network, InputType input, int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be at least 1, got " + parts);
        }
        if (network.params() == null || network.params().dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("only initialised float networks are compiled");
        }
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        List<InputType> outputs = conf.getLayerActivationTypes(input);
        List<ForwardStep> steps = new ArrayList<>();
        InputType current = input;
        for (int i = 0; i < network.getnLayers(); i++) {
            current = preprocessed(conf.getInputPreProcess(i), current, i);
            translate(network.getLayer(i), current, outputs.get(i), i, parts).ifPresent(step -> add(steps, step));
            current = outputs.get(i);
        }
        return new JavaForwardPass((int) input.arrayElementsPerExample(), steps, parts);
    }

    /** Appends a step, or folds it into the convolution before it. */
    private static void add(List<ForwardStep> steps, ForwardStep step) {
        if (!steps.isEmpty() && steps.get(steps.size() - 1) instanceof ConvolutionStep conv) {
            Optional<ConvolutionStep> folded = Optional.empty();
            if (step instanceof ChannelAffineStep affine) {
                folded = conv.followedBy(affine);
            } else if (step instanceof ActivationStep activation) {
                folded = conv.activatedBy(activation);
            }
            if (folded.isPresent()) {
                steps.set(steps.size() - 1, folded.get());
                return;
            }
        }
        steps.add(step);
    }

    /**
     * @return how many steps the pass runs: its layers less dropout and the layers folded into a convolution
     */
    int steps() {
        return steps.size();
    }

    /**
     * @return how many of its steps the pass cuts into parts
     */
    int partedSteps() {
        return (int) steps.stream().filter(s -> s instanceof PartedStep p && p.parts() > 1).count();
    }

    /**
     * @return how many parts each large layer is cut into
     */
    public int parts() {
        return workers == null ? 1 : workers.parts();
    }

    /**
     * @param network a trained network
     * @param input   the type of one input
     * @return the network's forward pass, or empty when {@link #compile} refuses it (logged at debug level, with why)
     */
    public static Optional<JavaForwardPass> tryCompile(MultiLayerNetwork network, InputType input) {
        try {
            return Optional.of(compile(network, input));
        } catch (IllegalArgumentException e) {
            log.debug("no Java forward pass, DL4J's output instead: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * @param image one preprocessed input, flat in row-major {@code [c, h, w]} order
     * @return the network's output for it (class probabilities for a softmax output layer)
     * @throws IllegalArgumentException when the image has the wrong size
     */
    public float[] output(float[] image) {
        if (image.length != inputSize) {
            throw new IllegalArgumentException("expected " + inputSize + " input values, got " + image.length);
        }
        float[] in = image;
        if (workers == null) {
            for (int i = 0; i < steps.size(); i++) {
                steps.get(i).apply(in, buffers[i]);
                in = buffers[i];
            }
            return Arrays.copyOf(in, in.length);
        }
        // Each part's products run on its own thread, so OpenBLAS must not spread them over the cores again.
        int blasThreads = OpenBlasThreads.get();
        OpenBlasThreads.set(1);
        try {
            for (int i = 0; i < steps.size(); i++) {
                float[] stepIn = in;
                float[] stepOut = buffers[i];
                if (steps.get(i) instanceof PartedStep step && step.parts() > 1) {
                    // A layer with fewer units than parts was cut into fewer; the spare parts have nothing to do.
                    workers.run(part -> {
                        if (part < step.parts()) {
                            step.apply(stepIn, stepOut, part);
                        }
                    });
                } else {
                    steps.get(i).apply(stepIn, stepOut);
                }
                in = stepOut;
            }
        } finally {
            OpenBlasThreads.set(blasThreads);
        }
        return Arrays.copyOf(in, in.length);
    }

    /**
     * @param batch preprocessed inputs, {@code [n, c, h, w]} (or any shape with {@code n} rows of the input size)
     * @return the {@code [n, outputs]} outputs, one image after another
     */
    public INDArray output(INDArray batch) {
        long n = batch.size(0);
        if (batch.length() != n * inputSize) {
            throw new IllegalArgumentException("expected " + inputSize + " values per input, got shape "
                    + Arrays.toString(batch.shape()));
        }
        float[] all = FloatTransfer.toArray(batch);
        float[][] rows = new float[(int) n][];
        for (int b = 0; b < n; b++) {
            rows[b] = output(Arrays.copyOfRange(all, b * inputSize, (b + 1) * inputSize));
        }
        return Nd4j.create(rows);
    }

    private static InputType preprocessed(InputPreProcessor preProcessor, InputType type, int index) {
        if (preProcessor == null) {
            return type;
        }
        // Flattening NCHW maps to vectors, or the reverse, leaves the row-major values as they are.
        boolean nchwFlatten = preProcessor instanceof CnnToFeedForwardPreProcessor flatten
                && flatten.getFormat() == CNN2DFormat.NCHW;
        boolean nchwUnflatten = preProcessor instanceof FeedForwardToCnnPreProcessor;
        if (!nchwFlatten && !nchwUnflatten) {
            throw unsupported(index, preProcessor.getClass().getSimpleName());
        }
        return preProcessor.getOutputType(type);
    }

    private static Optional<ForwardStep> translate(Layer layer, InputType in, InputType out, int index, int parts) {
        org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
        if (conf instanceof DropoutLayer) {
            return Optional.empty();
        }
        if (conf.getClass() == ConvolutionLayer.class) {
            return Optional.of(convolution(layer, (ConvolutionLayer) conf, maps(in, index), maps(out, index), index,
                    parts));
        }
        if (conf.getClass() == SubsamplingLayer.class) {
            return Optional.of(maxPooling((SubsamplingLayer) conf, maps(in, index), maps(out, index), index));
        }
        if (conf instanceof BatchNormalization) {
            return Optional.of(batchNormalization(layer, in, index));
        }
        if (conf instanceof ActivationLayer activation) {
            return Optional.of(new ActivationStep((int) in.arrayElementsPerExample(),
                    elementwise(activation.getActivationFn(), index)));
        }
        if (conf.getClass() == DenseLayer.class || conf.getClass() == OutputLayer.class) {
            if (!(in instanceof InputTypeFeedForward)) {
                throw unsupported(index, conf.getClass().getSimpleName() + " on " + in.getType() + " input");
            }
            float[] weights = values(layer, "W");
            return Optional.of(new DenseStep(weights, bias(layer, (int) out.arrayElementsPerExample()),
                    function(((BaseLayer) conf).getActivationFn(), index), partsFor(weights.length, parts)));
        }
        throw unsupported(index, conf.getClass().getSimpleName());
    }

    private static ForwardStep convolution(Layer layer, ConvolutionLayer conf, InputTypeConvolutional in,
            InputTypeConvolutional out, int index, int parts) {
        if (conf.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
            throw unsupported(index, "a " + conf.getCnn2dDataFormat() + " convolution");
        }
        int[] topLeft = topLeftPadding(conf.getConvolutionMode(), conf.getPadding(), in, out, conf.getKernelSize(),
                conf.getStride(), conf.getDilation());
        Im2col patches = new Im2col(1, (int) in.getChannels(), (int) in.getHeight(), (int) in.getWidth(),
                conf.getKernelSize()[0], conf.getKernelSize()[1], conf.getStride()[0], conf.getStride()[1],
                topLeft[0], topLeft[1], conf.getDilation()[0], conf.getDilation()[1], (int) out.getHeight(),
                (int) out.getWidth());
        float[] weights = values(layer, "W");
        return new ConvolutionStep(patches, weights, bias(layer, (int) out.getChannels()),
                elementwise(conf.getActivationFn(), index), partsFor((long) weights.length * patches.columns(), parts));
    }

    private static int partsFor(long macs, int parts) {
        return macs >= MIN_PARTED_MACS ? parts : 1;
    }

    private static ForwardStep maxPooling(SubsamplingLayer conf, InputTypeConvolutional in,
            InputTypeConvolutional out, int index) {
        if (conf.getPoolingType() != PoolingType.MAX) {
            throw unsupported(index, conf.getPoolingType() + " pooling");
        }
        if (conf.getCnn2dDataFormat() != CNN2DFormat.NCHW || Arrays.stream(conf.getDilation()).anyMatch(d -> d != 1)) {
            throw unsupported(index, "a " + conf.getCnn2dDataFormat() + " or dilated pooling");
        }
        int[] kernel = conf.getKernelSize();
        int[] stride = conf.getStride();
        int[] topLeft = topLeftPadding(conf.getConvolutionMode(), conf.getPadding(), in, out, kernel, stride,
                conf.getDilation());
        return new MaxPoolingStep((int) in.getChannels(), (int) in.getHeight(), (int) in.getWidth(), kernel[0],
                kernel[1], stride[0], stride[1], topLeft[0], topLeft[1], (int) out.getHeight(), (int) out.getWidth());
    }

    /**
     * Batch normalisation at inference is {@code scale * x + shift} per channel. Rather than re-deriving DL4J's
     * formula (running variance or log10 standard deviation, epsilon, locked gamma and beta), both are read off the
     * layer itself: its output for an all-zeros and an all-ones input.
     */
    private static ForwardStep batchNormalization(Layer layer, InputType in, int index) {
        long[] probeShape;
        int plane;
        if (in instanceof InputTypeConvolutional maps && maps.getFormat() == CNN2DFormat.NCHW) {
            probeShape = new long[] {1, maps.getChannels(), 1, 1};
            plane = (int) (maps.getHeight() * maps.getWidth());
        } else if (in instanceof InputTypeFeedForward vector) {
            probeShape = new long[] {1, vector.getSize()};
            plane = 1;
        } else {
            throw unsupported(index, "batch normalisation on " + in);
        }
        float[] shift = probe(layer, Nd4j.zeros(DataType.FLOAT, probeShape));
        float[] scale = probe(layer, Nd4j.ones(DataType.FLOAT, probeShape));
        for (int c = 0; c < scale.length; c++) {
            scale[c] -= shift[c];
        }
        return new ChannelAffineStep(scale, shift, plane);
    }

    private static float[] probe(Layer layer, INDArray input) {
        try {
            return FloatTransfer.toArray(layer.activate(input, false, LayerWorkspaceMgr.noWorkspaces()));
        } finally {
            layer.clear();
        }
    }

    private static int[] topLeftPadding(ConvolutionMode mode, int[] padding, InputTypeConvolutional in,
            InputTypeConvolutional out, int[] kernel, int[] stride, int[] dilation) {
        if (mode != ConvolutionMode.Same) {
            return padding;
        }
        return ConvolutionUtils.getSameModeTopLeftPadding(new int[] {(int) out.getHeight(), (int) out.getWidth()},
                new int[] {(int) in.getHeight(), (int) in.getWidth()}, kernel, stride, dilation);
    }

    private static InputTypeConvolutional maps(InputType type, int index) {
        if (type instanceof InputTypeConvolutional maps && maps.getFormat() == CNN2DFormat.NCHW) {
            return maps;
        }
        throw unsupported(index, "a layer on " + type + " activations");
    }

    private static ActivationFunction elementwise(IActivation function, int index) {
        ActivationFunction f = function(function, index);
        if (!f.elementwise()) {
            throw unsupported(index, "softmax on feature maps");
        }
        return f;
    }

    private static ActivationFunction function(IActivation function, int index) {
        return ActivationFunction.of(function).orElseThrow(() -> unsupported(index, "activation " + function));
    }

    private static float[] values(Layer layer, String key) {
        return FloatTransfer.toArray(layer.getParam(key));
    }

    private static float[] bias(Layer layer, int units) {
        return layer.getParam("b") == null ? new float[units] : values(layer, "b");
    }

    private static IllegalArgumentException unsupported(int index, String what) {
        return new IllegalArgumentException("layer " + index + ": " + what + " is not computed by the Java forward pass");
    }
}
