package dev.cnnlab.data;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.config.InvalidSettingException;
import dev.cnnlab.config.Settings;
import dev.cnnlab.data.idx.IdxReader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Greyscale or colour images with integer labels, held in memory as unsigned bytes.
 *
 * @param pixels     {@code count * channels * height * width} unsigned bytes, channels first
 * @param labels     one label per image, in {@code [0, classNames.size())}
 * @param height     image height
 * @param width      image width
 * @param channels   channels per image
 * @param classNames class names, indexed by label
 */
public record LabelledImages(byte[] pixels, int[] labels, int height, int width, int channels,
                             List<String> classNames) implements ImageSet {

    /** Checks that the arrays agree. */
    public LabelledImages {
        if ((long) labels.length * height * width * channels != pixels.length) {
            throw new IllegalArgumentException("pixels do not match " + labels.length + " images of "
                    + channels + "x" + height + "x" + width);
        }
        classNames = List.copyOf(classNames);
    }

    /**
     * Joins an IDX image file and its label file.
     *
     * @param images     the images
     * @param labels     their labels
     * @param classNames class names, indexed by label
     * @param labelFile  the label file, named in errors
     * @return the labelled images
     */
    public static LabelledImages of(IdxReader.Images images, byte[] labels, List<String> classNames,
                                    String labelFile) {
        if (images.count() != labels.length) {
            throw new CnnlabException(labelFile + ": " + labels.length + " labels for " + images.count()
                    + " images");
        }
        int[] ints = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            ints[i] = labels[i] & 0xff;
            if (ints[i] >= classNames.size()) {
                throw new CnnlabException(labelFile + ": label " + ints[i] + " at index " + i
                        + " is not one of the " + classNames.size() + " classes");
            }
        }
        return new LabelledImages(images.pixels(), ints, images.rows(), images.cols(), 1, classNames);
    }

    /** @return number of images */
    @Override
    public int count() {
        return labels.length;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public void readPixels(int index, byte[] target, int at) {
        System.arraycopy(pixels, index * imageSize(), target, at, imageSize());
    }

    /**
     * @param indices which images to keep, in that order
     * @return a copy holding only those images
     */
    public LabelledImages select(int[] indices) {
        int size = imageSize();
        byte[] px = new byte[indices.length * size];
        int[] lb = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * size, px, i * size, size);
            lb[i] = labels[indices[i]];
        }
        return new LabelledImages(px, lb, height, width, channels, classNames);
    }

    /**
     * @param n how many images to keep at most
     * @return the first {@code n} images, or these if there are no more than {@code n}
     */
    public LabelledImages limit(int n) {
        if (n >= count()) {
            return this;
        }
        int[] idx = new int[n];
        Arrays.setAll(idx, i -> i);
        return select(idx);
    }

    /**
     * A stratified split: each class keeps the same share on both sides, and no image is on both.
     *
     * @param heldOutFraction share of every class that goes to the held-out side, in (0, 1)
     * @param seed            random seed for which images are held out
     * @return the kept images and the held-out ones
     */
    public Split split(double heldOutFraction, long seed) {
        if (!(heldOutFraction > 0 && heldOutFraction < 1)) {
            throw new InvalidSettingException(Settings.VALIDATION_SPLIT, "expected a fraction between 0 and 1, got "
                    + heldOutFraction);
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < numClasses(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        Random rng = new Random(seed);
        List<Integer> kept = new ArrayList<>();
        List<Integer> heldOut = new ArrayList<>();
        for (List<Integer> members : byClass) {
            java.util.Collections.shuffle(members, rng);
            int cut = (int) Math.round(members.size() * heldOutFraction);
            heldOut.addAll(members.subList(0, cut));
            kept.addAll(members.subList(cut, members.size()));
        }
        kept.sort(null);
        heldOut.sort(null);
        return new Split(select(toArray(kept)), select(toArray(heldOut)));
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The two sides of a split.
     *
     * @param kept    images to train on
     * @param heldOut images held out for validation
     */
    public record Split(LabelledImages kept, LabelledImages heldOut) {
    }
}
