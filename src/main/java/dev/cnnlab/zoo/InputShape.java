package dev.cnnlab.zoo;

import org.deeplearning4j.nn.conf.inputs.InputType;

/**
 * The shape of one input image.
 *
 * @param height   rows
 * @param width    columns
 * @param channels 1 for greyscale, 3 for colour
 */
public record InputShape(int height, int width, int channels) {
    /** MNIST and Fashion-MNIST: 28x28 greyscale. */
    public static final InputShape MNIST = new InputShape(28, 28, 1);

    /** Checks that every side is positive. */
    public InputShape {
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException("bad input shape " + height + "x" + width + "x" + channels);
        }
    }

    /** @return the DL4J input type, channels first */
    public InputType toInputType() {
        return InputType.convolutional(height, width, channels);
    }

    @Override
    public String toString() {
        return height + "x" + width + "x" + channels;
    }
}
