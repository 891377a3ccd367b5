package dev.cnnlab.zoo;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * How a trained network turns a batch of images into class probabilities. It is saved with the model, so
 * training's per-epoch scores, {@code evaluate}, {@code predict} and the report all score a network the same way.
 * Written as {@code none}, or a comma-separated list of {@code flip} and {@code centre} or {@code centre:N}.
 *
 * <p>{@code centre:N} scores the middle of each image, {@code N} pixels cut from every side and scaled back to the
 * input size. A network trained on random crops ({@code --augment crop:M}, each side cut by 0 to {@code M} pixels
 * and scaled back) has seen objects larger, on average, than the uncut test image shows them; cutting {@code M/2}
 * pixels, the mean of its training crops, scores each image at the scale training saw most (the "train-test
 * resolution discrepancy" of Touvron et al., 2019). {@code centre} without a number means that: training resolves it
 * with {@link #forTrainingCrop} from its own {@code crop:M}, and the model saves the number.
 *
 * @param flip      whether the softmax of each image and of its mirror image are averaged. A network trained with
 *                  random flips has seen both; averaging the two views steadies its answer on photographs (not on
 *                  digits, which have a handedness).
 * @param centreCut pixels cut from each side before scoring, the rest scaled back (0: the whole image;
 *                  {@link #CENTRE_OF_CROPS}: half of training's crop, still to be resolved)
 */
public record TestTimeAugmentation(boolean flip, int centreCut) {
    /** One pass over each whole image. */
    public static final TestTimeAugmentation NONE = new TestTimeAugmentation(false, 0);
    /** Each whole image and its mirror image, their softmax averaged. */
    public static final TestTimeAugmentation FLIP = new TestTimeAugmentation(true, 0);

    /** The {@link #centreCut()} of a {@code centre} without a number, until {@link #forTrainingCrop} resolves it. */
    public static final int CENTRE_OF_CROPS = -1;

    private static final String FORMS = "none, or a comma-separated list of flip and centre or centre:N";
    /** NCHW: the height and width axes. */
    private static final int HEIGHT_AXIS = 2;
    private static final int WIDTH_AXIS = 3;

    /** Checks the cut. */
    public TestTimeAugmentation {
        if (centreCut < CENTRE_OF_CROPS) {
            throw new IllegalArgumentException("centre cut must be 0 or more pixels, got " + centreCut);
        }
    }

    /** @return whether this is a bare {@code centre}, whose cut only training's crop augmentation gives */
    public boolean needsTrainingCrop() {
        return centreCut == CENTRE_OF_CROPS;
    }

    /**
     * @param crop the most pixels training cuts from each side ({@code crop:M} in {@code --augment}; 0: none)
     * @return this, a bare {@code centre} turned into {@code centre:M/2}: the whole image when training does not
     *         crop, as then it sees whole images
     */
    public TestTimeAugmentation forTrainingCrop(int crop) {
        return needsTrainingCrop() ? new TestTimeAugmentation(flip, crop / 2) : this;
    }

    /** @return the name used with {@code --tta} and in a run's saved options */
    @JsonValue
    public String key() {
        List<String> terms = new ArrayList<>();
        if (flip) {
            terms.add("flip");
        }
        if (centreCut > 0) {
            terms.add("centre:" + centreCut);
        } else if (needsTrainingCrop()) {
            terms.add("centre");
        }
        return terms.isEmpty() ? "none" : String.join(",", terms);
    }

    /**
     * @param height the images' height
     * @param width  the images' width
     * @throws IllegalArgumentException when the centre cut leaves nothing of such an image
     */
    public void requireFits(int height, int width) {
        if (2 * centreCut >= Math.min(height, width)) {
            throw new IllegalArgumentException("centre:" + centreCut + " leaves nothing of a " + height + "x" + width
                    + " image");
        }
    }

    /**
     * @param network  a network in inference mode
     * @param features a preprocessed {@code [n, c, h, w]} batch
     * @return the {@code [n, classes]} probabilities
     */
    public INDArray output(MultiLayerNetwork network, INDArray features) {
        return output(x -> network.output(x, false), features);
    }

    /**
     * @param forward  a network's inference: a {@code [n, c, h, w]} batch to its {@code [n, classes]} probabilities
     * @param features a preprocessed {@code [n, c, h, w]} batch
     * @return the {@code [n, classes]} probabilities
     */
    public INDArray output(UnaryOperator<INDArray> forward, INDArray features) {
        if (needsTrainingCrop()) {
            throw new IllegalStateException("'centre' is scored only once training's crop has resolved its cut");
        }
        INDArray view = centreCut > 0 ? centre(features, centreCut) : features;
        INDArray plain = forward.apply(view);
        if (!flip) {
            return plain;
        }
        INDArray mirrored = forward.apply(mirror(view));
        return plain.addi(mirrored).divi(2);
    }

    /**
     * The batch mirrored left to right, copied in Java. Not with ND4J's {@code reverse} op: in 1.0.0-M2.1 each call
     * of it on the CPU backend leaves its output and a scratch buffer in native memory that neither the garbage
     * collector nor {@code close()} gives back (see docs/photographs.md), so a run that scored photos with their
     * mirror images after every epoch grew without bound.
     *
     * @param features a {@code [n, c, h, w]} batch
     * @return a new array of the same shape and type, each row reversed along the width
     */
    static INDArray mirror(INDArray features) {
        long[] shape = requireBatch(features);
        int width = (int) shape[WIDTH_AXIS];
        float[] values = floats(features);
        for (int row = 0; row < values.length; row += width) {
            for (int i = row, j = row + width - 1; i < j; i++, j--) {
                float t = values[i];
                values[i] = values[j];
                values[j] = t;
            }
        }
        return like(features, values);
    }

    /**
     * The middle of each image, {@code cut} pixels taken off every side, scaled back to the full size by bilinear
     * interpolation with pixel centres aligned (OpenCV's {@code INTER_LINEAR}, which scales training's crops back).
     * Copied in Java for the reason {@link #mirror} gives.
     *
     * @param features a {@code [n, c, h, w]} batch
     * @param cut      pixels cut from each side, fewer than half the height and the width
     * @return a new array of the same shape and type
     */
    static INDArray centre(INDArray features, int cut) {
        long[] shape = requireBatch(features);
        int height = (int) shape[HEIGHT_AXIS];
        int width = (int) shape[WIDTH_AXIS];
        new TestTimeAugmentation(false, cut).requireFits(height, width);
        Axis rows = new Axis(height, cut);
        Axis cols = new Axis(width, cut);
        float[] in = floats(features);
        float[] out = new float[in.length];
        for (int plane = 0; plane < in.length; plane += height * width) {
            for (int y = 0; y < height; y++) {
                int top = plane + rows.low[y] * width;
                int bottom = plane + rows.high[y] * width;
                float wy = rows.weight[y];
                for (int x = 0; x < width; x++) {
                    float upper = lerp(in[top + cols.low[x]], in[top + cols.high[x]], cols.weight[x]);
                    float lower = lerp(in[bottom + cols.low[x]], in[bottom + cols.high[x]], cols.weight[x]);
                    out[plane + y * width + x] = lerp(upper, lower, wy);
                }
            }
        }
        return like(features, out);
    }

    private static float lerp(float a, float b, float t) {
        return a + (b - a) * t;
    }

    /**
     * Where each output pixel of one axis samples the cut image: two neighbours and the second's weight. Like OpenCV
     * on a cropped image, it never reads past the cut: the outermost output pixels repeat the edge of the middle.
     */
    private static final class Axis {
        final int[] low;
        final int[] high;
        final float[] weight;

        Axis(int size, int cut) {
            low = new int[size];
            high = new int[size];
            weight = new float[size];
            int inner = size - 2 * cut;
            double scale = (double) inner / size;
            for (int i = 0; i < size; i++) {
                double at = Math.min(Math.max((i + 0.5) * scale - 0.5, 0), inner - 1);
                int below = (int) at;
                low[i] = cut + below;
                high[i] = cut + Math.min(below + 1, inner - 1);
                weight[i] = (float) (at - below);
            }
        }
    }

    private static long[] requireBatch(INDArray features) {
        if (features.rank() != 4) {
            throw new IllegalArgumentException("expected a [n, c, h, w] batch, got shape "
                    + Arrays.toString(features.shape()));
        }
        return features.shape();
    }

    private static float[] floats(INDArray features) {
        return features.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    private static INDArray like(INDArray features, float[] values) {
        INDArray copy = Nd4j.create(values, features.shape(), DataType.FLOAT);
        return features.dataType() == DataType.FLOAT ? copy : copy.castTo(features.dataType());
    }

    /**
     * @param key {@code none}, or a comma-separated list of {@code flip} and {@code centre} or {@code centre:N}, in
     *            any case
     * @return the augmentation
     * @throws IllegalArgumentException naming the forms expected
     */
    @JsonCreator
    public static TestTimeAugmentation byKey(String key) {
        String text = key == null ? "" : key.strip().toLowerCase(Locale.ROOT);
        if (text.equals("none")) {
            return NONE;
        }
        boolean flip = false;
        int cut = 0;
        for (String term : text.split(",", -1)) {
            String t = term.strip();
            if (t.equals("flip") && !flip) {
                flip = true;
            } else if (t.equals("centre") && cut == 0) {
                cut = CENTRE_OF_CROPS;
            } else if (t.startsWith("centre:") && cut == 0) {
                cut = pixels(t.substring("centre:".length()), key);
            } else {
                throw new IllegalArgumentException("expected " + FORMS + ", got '" + key + "'");
            }
        }
        return new TestTimeAugmentation(flip, cut);
    }

    private static int pixels(String value, String key) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the whole value
        }
        throw new IllegalArgumentException("expected " + FORMS + " (N a whole number of pixels from 1), got '"
                + key + "'");
    }
}
