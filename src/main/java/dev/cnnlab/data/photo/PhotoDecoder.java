package dev.cnnlab.data.photo;

import dev.cnnlab.CnnlabException;
import org.datavec.image.loader.NativeImageLoader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Decodes one photo of any size exactly as {@link PhotoLoader} decodes training photos (the same DataVec
 * loader, resize and channel order), for prediction.
 */
public final class PhotoDecoder {
    private final int height;
    private final int width;
    private final int channels;
    private final NativeImageLoader loader;

    /**
     * @param height   target height
     * @param width    target width
     * @param channels 3 (RGB) or 1 (grey)
     */
    public PhotoDecoder(int height, int width, int channels) {
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.loader = new NativeImageLoader(height, width, channels);
    }

    /**
     * @param file a photo
     * @return a {@code [1, channels, height, width]} float array of raw 0-255 values, RGB
     * @throws CnnlabException naming the file when it cannot be read
     */
    public INDArray decode(Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new CnnlabException(file + ": no such image file");
        }
        String problem = PhotoScreen.problem(file);
        if (problem != null) {
            throw new CnnlabException(file + ": " + problem);
        }
        try {
            INDArray image = loader.asMatrix(file.toFile());
            byte[] bytes = new byte[channels * height * width];
            PhotoLoader.toRgbBytes(image, channels, height * width, bytes, 0);
            float[] values = new float[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                values[i] = bytes[i] & 0xff;
            }
            return Nd4j.create(values, new long[] {1, channels, height, width}, DataType.FLOAT);
        } catch (IOException | RuntimeException e) {
            throw new CnnlabException(file + ": cannot be decoded (" + e.getMessage() + ")", e);
        }
    }
}
