package dev.cnnlab.bench;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a photo as a four-component JPEG, as some cameras and editors save CMYK photos: Java's JPEG writer stores a
 * four-band raster as four components, which decoders read as CMYK. OpenCV converts such files to three channels.
 */
final class CmykJpeg {
    private CmykJpeg() {
    }

    /**
     * @param image   a BGR or grey photo
     * @param out     where to write its CMYK JPEG
     * @param quality JPEG quality, 1 to 100
     * @throws IOException when the file cannot be written
     */
    static void write(Mat image, Path out, int quality) throws IOException {
        Mat bgr = new Mat();
        if (image.channels() == 1) {
            opencv_imgproc.cvtColor(image, bgr, opencv_imgproc.COLOR_GRAY2BGR);
        } else {
            image.copyTo(bgr);
        }
        int h = bgr.rows();
        int w = bgr.cols();
        byte[] pixels = new byte[h * w * 3];
        try (BytePointer data = bgr.data()) {
            data.get(pixels);
        } finally {
            bgr.close();
        }
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        byte[] cmyk = new byte[w * h * 4];
        for (int p = 0; p < w * h; p++) {
            int b = pixels[3 * p] & 0xff;
            int g = pixels[3 * p + 1] & 0xff;
            int r = pixels[3 * p + 2] & 0xff;
            int k = 255 - Math.max(r, Math.max(g, b));
            int rest = 255 - k;
            cmyk[4 * p] = (byte) (rest == 0 ? 0 : (rest - r) * 255 / rest);
            cmyk[4 * p + 1] = (byte) (rest == 0 ? 0 : (rest - g) * 255 / rest);
            cmyk[4 * p + 2] = (byte) (rest == 0 ? 0 : (rest - b) * 255 / rest);
            cmyk[4 * p + 3] = (byte) k;
        }
        raster.setDataElements(0, 0, w, h, cmyk);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out.toFile())) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.write(null, new IIOImage(raster, null, null), param);
        } finally {
            writer.dispose();
        }
    }

}
