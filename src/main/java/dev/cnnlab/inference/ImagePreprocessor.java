package dev.cnnlab.inference;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.data.idx.IdxDataset;
import dev.cnnlab.data.photo.PhotoDecoder;
import dev.cnnlab.data.photo.PhotoScreen;
import dev.cnnlab.model.ModelInfo;
import dev.cnnlab.zoo.InputShape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Turns an image file into a {@code [1, channels, height, width]} array of raw 0-255 values shaped as the
 * model was trained: resized to the input size, greyscale or RGB, and for light-on-dark training data
 * (MNIST) inverted when the picture is dark on light, judged by its border. Files for a model trained on
 * photographs go through {@link PhotoDecoder}, exactly as its training photos did.
 */
public final class ImagePreprocessor {
    private static final int BORDER = 2;

    private final ModelInfo info;

    /**
     * @param info the model's description: input shape and polarity
     */
    public ImagePreprocessor(ModelInfo info) {
        this.info = info;
    }

    /**
     * @param file a PNG, JPEG or other image file
     * @return the raw input array
     * @throws CnnlabException naming the file when it is not a readable image
     */
    public INDArray load(Path file) {
        // Screened as training screens its photos: libjpeg decodes a truncated JPEG without an error, grey below the cut.
        String problem = PhotoScreen.problem(file);
        if (problem != null) {
            throw new CnnlabException(file + ": " + problem);
        }
        if (isPhotoModel(info)) {
            InputShape shape = info.input();
            return new PhotoDecoder(shape.height(), shape.width(), shape.channels()).decode(file);
        }
        return toInput(read(file));
    }

    /**
     * @param info a model's description
     * @return whether it was trained on photographs (not an IDX dataset): its files are then decoded and
     *         resized by the same DataVec loader as in training, and never inverted
     */
    public static boolean isPhotoModel(ModelInfo info) {
        return IdxDataset.byKey(info.dataset()).isEmpty();
    }

    /**
     * @param file an image file
     * @return the decoded image
     */
    public static BufferedImage read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CnnlabException(file + ": no such image file");
        }
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new CnnlabException(file + ": not a readable image (expected PNG or JPEG)");
            }
            return image;
        } catch (IOException | RuntimeException e) {
            if (e instanceof CnnlabException ce) {
                throw ce;
            }
            throw new CnnlabException(file + ": not a readable image (" + e.getMessage() + ")", e);
        }
    }

    /**
     * @param image any image
     * @return the raw input array for the model
     */
    public INDArray toInput(BufferedImage image) {
        InputShape shape = info.input();
        BufferedImage resized = resize(image, shape);
        float[] values = new float[shape.channels() * shape.height() * shape.width()];
        int plane = shape.height() * shape.width();
        for (int y = 0; y < shape.height(); y++) {
            for (int x = 0; x < shape.width(); x++) {
                int rgb = resized.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                int i = y * shape.width() + x;
                if (shape.channels() == 1) {
                    values[i] = (float) (0.299 * r + 0.587 * g + 0.114 * b);
                } else {
                    values[i] = r;
                    values[plane + i] = g;
                    values[2 * plane + i] = b;
                }
            }
        }
        if (shape.channels() == 1 && info.lightOnDark() && borderMean(values, shape) > 127) {
            for (int i = 0; i < values.length; i++) {
                values[i] = 255f - values[i];
            }
        }
        return Nd4j.create(values, new long[] {1, shape.channels(), shape.height(), shape.width()}, DataType.FLOAT);
    }

    private static BufferedImage resize(BufferedImage image, InputShape shape) {
        BufferedImage out = new BufferedImage(shape.width(), shape.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        // Transparent pixels become white, as a drawing on paper would be.
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, shape.width(), shape.height());
        g.drawImage(image, 0, 0, shape.width(), shape.height(), null);
        g.dispose();
        return out;
    }

    private static double borderMean(float[] grey, InputShape shape) {
        double sum = 0;
        int n = 0;
        for (int y = 0; y < shape.height(); y++) {
            for (int x = 0; x < shape.width(); x++) {
                boolean border = y < BORDER || x < BORDER || y >= shape.height() - BORDER || x >= shape.width() - BORDER;
                if (border) {
                    sum += grey[y * shape.width() + x];
                    n++;
                }
            }
        }
        return sum / n;
    }
}
