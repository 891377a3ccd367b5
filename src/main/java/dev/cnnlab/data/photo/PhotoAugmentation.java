package dev.cnnlab.data.photo;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.data.ImageSet;
import dev.cnnlab.data.batches.ImageAugmentation;
import dev.cnnlab.data.batches.ImageBatchIterator;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.datavec.image.data.ImageWritable;
import org.datavec.image.transform.CropImageTransform;
import org.datavec.image.transform.FlipImageTransform;
import org.datavec.image.transform.ImageTransform;
import org.datavec.image.transform.RotateImageTransform;
import org.datavec.image.transform.WarpImageTransform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Random augmentation of training images, redrawn every pass, with DataVec's image transforms. Given as
 * one comma-separated flag, for example {@code flip,shift:8,rotate:10}:
 * <ul>
 *   <li>{@code flip}: mirror left to right, half of the time</li>
 *   <li>{@code shift:N}: move by up to N pixels in x and y (DataVec's warp with one offset for every corner)</li>
 *   <li>{@code crop:N}: cut up to N pixels from each side and scale back (shift plus zoom)</li>
 *   <li>{@code rotate:D}: rotate by up to D degrees either way</li>
 *   <li>{@code warp:N}: move each corner by up to N pixels (perspective)</li>
 *   <li>{@code brightness:F}, {@code contrast:F}: scale brightness / contrast by a factor in [1-F, 1+F]</li>
 *   <li>{@code cutout:N}: cover an N x N square, centred on a random pixel and cut off at the edges, with the
 *       image's mean colour (DeVries and Taylor's cutout; DataVec has no transform for it)</li>
 * </ul>
 * On the IDX datasets, {@code shift} and {@code flip} without a number keep their old meaning: the digit
 * tutorial's fixed copies (see {@link dev.cnnlab.data.idx.IdxAugmentation}); see {@link #idxCopies}.
 *
 * <p>Every draw comes from a {@link Random} the caller seeds, so an image's augmentation in a pass is a
 * pure function of (seed, pass, image).
 */
public final class PhotoAugmentation {
    private static final String KINDS = "flip, shift:N, crop:N, rotate:DEGREES, warp:N, brightness:F, contrast:F, cutout:N";
    private static final ThreadLocal<OpenCVFrameConverter.ToMat> CONVERTER =
            ThreadLocal.withInitial(OpenCVFrameConverter.ToMat::new);

    private final String spec;
    private final boolean flip;
    private final int shift;
    private final int crop;
    private final float rotate;
    private final float warp;
    private final double brightness;
    private final double contrast;
    private final int cutout;

    private PhotoAugmentation(String spec, boolean flip, int shift, int crop, float rotate, float warp,
                              double brightness, double contrast, int cutout) {
        this.spec = spec;
        this.flip = flip;
        this.shift = shift;
        this.crop = crop;
        this.rotate = rotate;
        this.warp = warp;
        this.brightness = brightness;
        this.contrast = contrast;
        this.cutout = cutout;
    }

    /** @return no augmentation */
    public static PhotoAugmentation none() {
        return new PhotoAugmentation("", false, 0, 0, 0, 0, 0, 0, 0);
    }

    /** @return the most pixels {@code crop:N} cuts from each side (0: no crops) */
    public int crop() {
        return crop;
    }

    /** @return whether this changes nothing */
    public boolean isNone() {
        return !flip && shift == 0 && crop == 0 && rotate == 0 && warp == 0 && brightness == 0 && contrast == 0
                && cutout == 0;
    }

    @Override
    public String toString() {
        return isNone() ? "none" : spec;
    }

    /**
     * @param spec the {@code --augment} value for photos
     * @return the augmentation
     * @throws CnnlabException for an unknown kind or a bad number
     */
    public static PhotoAugmentation parse(String spec) {
        if (spec == null || spec.isBlank() || spec.strip().equalsIgnoreCase("none")) {
            return none();
        }
        boolean flip = false;
        int shift = 0;
        int crop = 0;
        float rotate = 0;
        float warp = 0;
        double brightness = 0;
        double contrast = 0;
        int cutout = 0;
        for (String raw : spec.split(",")) {
            String term = raw.strip().toLowerCase(Locale.ROOT);
            String[] kv = term.split(":", 2);
            String kind = kv[0];
            String value = kv.length > 1 ? kv[1] : null;
            switch (kind) {
                case "flip" -> flip = true;
                case "shift" -> shift = (int) number(term, value, 1, 1000);
                case "crop" -> crop = (int) number(term, value, 1, 1000);
                case "rotate" -> rotate = (float) number(term, value, 0.1, 180);
                case "warp" -> warp = (float) number(term, value, 0.1, 1000);
                case "brightness" -> brightness = number(term, value, 0.01, 0.99);
                case "contrast" -> contrast = number(term, value, 0.01, 0.99);
                case "cutout" -> cutout = (int) number(term, value, 1, 1000);
                default -> throw new CnnlabException("unknown augmentation '" + raw.strip()
                        + "', expected a comma-separated list of " + KINDS + " (or none)");
            }
        }
        return new PhotoAugmentation(spec.strip(), flip, shift, crop, rotate, warp, brightness, contrast, cutout);
    }

    /**
     * @param spec an {@code --augment} value
     * @return its bare {@code shift} and {@code flip} terms, which on IDX datasets mean fixed copies
     */
    public static String idxCopies(String spec) {
        return String.join(",", terms(spec).stream().filter(PhotoAugmentation::isIdxCopy).toList());
    }

    /**
     * @param spec an {@code --augment} value
     * @return its other terms, the random per-pass augmentation on IDX datasets
     */
    public static String idxRandom(String spec) {
        return String.join(",", terms(spec).stream().filter(t -> !isIdxCopy(t)).toList());
    }

    private static boolean isIdxCopy(String term) {
        return term.equalsIgnoreCase("shift") || term.equalsIgnoreCase("flip");
    }

    private static List<String> terms(String spec) {
        List<String> out = new ArrayList<>();
        if (spec != null && !spec.isBlank() && !spec.strip().equalsIgnoreCase("none")) {
            for (String t : spec.split(",")) {
                out.add(t.strip());
            }
        }
        return out;
    }

    private static double number(String term, String value, double min, double max) {
        if (value == null) {
            throw new CnnlabException("'" + term + "' needs an amount, for example " + term + ":"
                    + (max <= 1 ? "0.2" : "8"));
        }
        double x;
        try {
            x = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new CnnlabException("'" + term + "': expected a number, got '" + value + "'");
        }
        if (!(x >= min && x <= max)) {
            throw new CnnlabException("'" + term + "': expected a number from " + min + " to " + max);
        }
        return x;
    }

    /**
     * Shuffled training batches of {@code images}, each image augmented anew every pass. The order of pass {@code e}
     * and the augmentation of image {@code i} in it come from generators seeded with (seed, e) and (seed, e, i) only,
     * so a pass replays exactly and skipped batches cost nothing.
     *
     * @param images    the cached training images
     * @param batchSize images per batch (the last batch may be smaller)
     * @param seed      the seed for order and augmentation
     * @return the batches
     */
    public ImageBatchIterator batches(ImageSet images, int batchSize, long seed) {
        return new ImageBatchIterator(images, new Seeded(this, seed), batchSize, seed);
    }

    /** This augmentation with its random draws fixed by a seed, the pass and the image. */
    private record Seeded(PhotoAugmentation augmentation, long seed) implements ImageAugmentation {
        @Override
        public void apply(byte[] pixels, int offset, ImageSet images, int pass, int image) {
            augmentation.apply(pixels, offset, images.height(), images.width(), images.channels(),
                    imageRandom(seed, pass, image));
        }

        @Override
        public String toString() {
            return augmentation.toString();
        }
    }

    /**
     * @param seed  the run's seed
     * @param epoch the pass
     * @param image the image's index in the training set
     * @return the generator for that image's augmentation in that pass
     */
    static Random imageRandom(long seed, int epoch, int image) {
        long h = seed * 0x9E3779B97F4A7C15L + epoch * 0xC2B2AE3D27D4EB4FL + image * 0x165667B19E3779F9L;
        h ^= h >>> 31;
        return new Random(h);
    }

    /**
     * Augments one image in place.
     *
     * @param pixels   8-bit images, each channel-first
     * @param offset   where the image starts
     * @param height   image height
     * @param width    image width
     * @param channels image channels
     * @param rng      the random draws for this image
     */
    public void apply(byte[] pixels, int offset, int height, int width, int channels, Random rng) {
        if (isNone()) {
            return;
        }
        boolean mirror = flip && rng.nextBoolean();
        // A transform given null for its Random applies its fixed settings (flip mode, warp offsets); given one,
        // it draws its own amounts. Flip and shift are drawn here: DataVec's random flip also flips vertically.
        List<Step> transforms = new ArrayList<>();
        if (mirror) {
            transforms.add(new Step(new FlipImageTransform(1), null));
        }
        if (shift > 0) {
            float dx = rng.nextInt(2 * shift + 1) - shift;
            float dy = rng.nextInt(2 * shift + 1) - shift;
            transforms.add(new Step(new WarpImageTransform(dx, dy, dx, dy, dx, dy, dx, dy), null));
        }
        if (crop > 0) {
            transforms.add(new Step(new CropImageTransform(crop), rng));
        }
        if (rotate > 0) {
            transforms.add(new Step(new RotateImageTransform(rotate), rng));
        }
        if (warp > 0) {
            transforms.add(new Step(new WarpImageTransform(warp), rng));
        }
        if (!transforms.isEmpty()) {
            transform(transforms, pixels, offset, height, width, channels);
        }
        if (brightness > 0 || contrast > 0) {
            adjust(pixels, offset, height * width * channels, rng);
        }
        if (cutout > 0) {
            cover(pixels, offset, height, width, channels, rng);
        }
    }

    /** A DataVec transform and the Random it draws from (null: its fixed settings). */
    private record Step(ImageTransform transform, Random rng) {
    }

    /** Runs DataVec transforms on an 8-bit channel-first image, in place; the result is resized back if needed. */
    private static void transform(List<Step> transforms, byte[] pixels, int offset, int height, int width,
                                  int channels) {
        int plane = height * width;
        try (PointerScope ignored = new PointerScope()) {
            Mat mat = new Mat(height, width, opencv_core.CV_8UC(channels));
            byte[] hwc = new byte[plane * channels];
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < plane; p++) {
                    hwc[p * channels + c] = pixels[offset + c * plane + p];
                }
            }
            mat.data().put(hwc);
            OpenCVFrameConverter.ToMat converter = CONVERTER.get();
            ImageWritable image = new ImageWritable(converter.convert(mat));
            for (Step step : transforms) {
                image = step.transform().transform(image, step.rng());
            }
            Mat out = converter.convert(image.getFrame());
            if (out.rows() != height || out.cols() != width) {
                Mat resized = new Mat();
                opencv_imgproc.resize(out, resized, new Size(width, height));
                out = resized;
            }
            if (!out.isContinuous()) {
                out = out.clone();
            }
            BytePointer data = out.data();
            data.get(hwc);
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < plane; p++) {
                    pixels[offset + c * plane + p] = hwc[p * channels + c];
                }
            }
        }
    }

    private void adjust(byte[] pixels, int offset, int length, Random rng) {
        double gain = brightness > 0 ? 1 + (rng.nextDouble() * 2 - 1) * brightness : 1;
        double stretch = contrast > 0 ? 1 + (rng.nextDouble() * 2 - 1) * contrast : 1;
        double mean = 0;
        for (int i = 0; i < length; i++) {
            mean += pixels[offset + i] & 0xff;
        }
        mean /= length;
        for (int i = 0; i < length; i++) {
            double v = ((pixels[offset + i] & 0xff) - mean) * stretch + mean;
            int out = (int) Math.round(v * gain);
            pixels[offset + i] = (byte) Math.max(0, Math.min(255, out));
        }
    }

    /**
     * Cutout: the square's centre may lie anywhere in the image, so near the edges only part of it covers the
     * image, as in the paper. The mean colour, rather than black, keeps the image's statistics where
     * standardisation expects them.
     */
    private void cover(byte[] pixels, int offset, int height, int width, int channels, Random rng) {
        int cy = rng.nextInt(height);
        int cx = rng.nextInt(width);
        int y0 = Math.max(0, cy - cutout / 2);
        int y1 = Math.min(height, cy - cutout / 2 + cutout);
        int x0 = Math.max(0, cx - cutout / 2);
        int x1 = Math.min(width, cx - cutout / 2 + cutout);
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            int start = offset + c * plane;
            long sum = 0;
            for (int p = 0; p < plane; p++) {
                sum += pixels[start + p] & 0xff;
            }
            byte mean = (byte) Math.round((double) sum / plane);
            for (int y = y0; y < y1; y++) {
                Arrays.fill(pixels, start + y * width + x0, start + y * width + x1, mean);
            }
        }
    }
}
