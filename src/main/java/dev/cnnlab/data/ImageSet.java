package dev.cnnlab.data;

import java.util.List;

/**
 * Labelled images read one at a time by index, as raw 0-255 values: what {@link ImageBatchIterator} cuts its batches
 * from. {@link LabelledImages} and {@link OffHeapImages} hold every image they serve, on and off the Java heap; the
 * augmented set of {@link IdxAugmentation#expand} makes its copies as they are read, so five copies of MNIST cost no
 * more memory than one; {@link dev.cnnlab.data.photo.StreamedPhotos} decodes its photos from disk as they are read.
 */
public interface ImageSet {
    /** @return number of images */
    int count();

    /** @return image height */
    int height();

    /** @return image width */
    int width();

    /** @return channels per image */
    int channels();

    /** @return class names, indexed by label */
    List<String> classNames();

    /**
     * @param index an image, in {@code [0, count())}
     * @return its label, in {@code [0, classNames().size())}
     */
    int label(int index);

    /**
     * Writes one image's {@code channels * height * width} unsigned bytes, channels first.
     *
     * @param index  an image, in {@code [0, count())}
     * @param target where to write
     * @param at     the first index written in {@code target}
     */
    void readPixels(int index, byte[] target, int at);

    /**
     * Writes several images' pixels one after another, as {@link #readPixels(int, byte[], int)} writes one: what a
     * batch iterator calls for each batch, so that a set which decodes its images can decode a batch's at once.
     *
     * @param indices the images, each in {@code [0, count())}
     * @param target  where to write, {@code indices.length * imageSize()} bytes
     */
    default void readPixels(int[] indices, byte[] target) {
        int size = imageSize();
        for (int r = 0; r < indices.length; r++) {
            readPixels(indices[r], target, r * size);
        }
    }

    /** @return values per image */
    default int imageSize() {
        return channels() * height() * width();
    }

    /** @return number of classes */
    default int numClasses() {
        return classNames().size();
    }
}
