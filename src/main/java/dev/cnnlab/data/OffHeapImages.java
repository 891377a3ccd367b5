package dev.cnnlab.data;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Labelled images whose pixels live outside the Java heap, in a direct buffer: what the batch iterators keep for a
 * whole run. On the heap, 60,000 digits that stay reachable for the run made G1 keep a heap several times their
 * size; off it they cost their size.
 */
public final class OffHeapImages implements ImageSet {
    private final ByteBuffer pixels;
    private final int[] labels;
    private final int height;
    private final int width;
    private final int channels;
    private final List<String> classNames;

    private OffHeapImages(LabelledImages images) {
        this.pixels = ByteBuffer.allocateDirect(images.pixels().length).put(images.pixels()).flip();
        this.labels = images.labels().clone();
        this.height = images.height();
        this.width = images.width();
        this.channels = images.channels();
        this.classNames = images.classNames();
    }

    /**
     * @param images images on the Java heap
     * @return a copy of them off the heap
     */
    public static OffHeapImages of(LabelledImages images) {
        return new OffHeapImages(images);
    }

    /**
     * @param images images a batch iterator will read for a whole run
     * @return what it should keep: {@link LabelledImages} copied off the heap, other sets (which make their images
     *         as they are read) as they are
     */
    public static ImageSet keep(ImageSet images) {
        return images instanceof LabelledImages onHeap ? of(onHeap) : images;
    }

    /**
     * @param image    an image, in {@code [0, count())}
     * @param position a value of it, in {@code [0, imageSize())}, channels first
     * @return that value, an unsigned byte
     */
    public byte pixel(int image, int position) {
        return pixels.get(image * imageSize() + position);
    }

    @Override
    public int count() {
        return labels.length;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public void readPixels(int index, byte[] target, int at) {
        pixels.get(index * imageSize(), target, at, imageSize());
    }
}
