package dev.cnnlab.data.photo;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.data.ImageSet;
import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.progress.RepeatedLine;
import org.datavec.image.loader.NativeImageLoader;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Screened photos decoded from disk each time they are read, for a run whose decoded cache would not fit in memory
 * ({@link PhotoCache}): only the file list is kept, and a batch's photos are decoded at once, one per core, when the
 * batch iterator cuts it. Decoding is DataVec's {@link NativeImageLoader} at the input size, the loader
 * {@link PhotoLoader}'s {@code ImageRecordReader} uses, with the same channel reversal to RGB, so that a streamed
 * photo's pixels are those of the cached one.
 *
 * <p>Each decoded array is copied into the batch's Java array and closed at once: nothing native outlives the photo.
 */
public final class StreamedPhotos implements ImageSet {
    private static final Logger LOG = LoggerFactory.getLogger(StreamedPhotos.class);

    private final List<LabelledFile> files;
    private final List<String> classNames;
    private final int height;
    private final int width;
    private final int channels;
    private final String what;
    private final ThreadLocal<NativeImageLoader> loaders;
    private final AtomicLong decodedThisRound = new AtomicLong();
    private final AtomicLong nanosThisRound = new AtomicLong();
    private final RepeatedLine rateLine = new RepeatedLine(LOG);

    /**
     * @param files      screened photos, in the order the set serves them
     * @param classNames the dataset's label list
     * @param height     target height
     * @param width      target width
     * @param channels   3 (RGB) or 1 (grey)
     * @param what       what the photos are ({@code training}, {@code test}), for the log
     */
    public StreamedPhotos(List<LabelledFile> files, List<String> classNames, int height, int width, int channels,
                          String what) {
        this.files = List.copyOf(files);
        this.classNames = List.copyOf(classNames);
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.what = what;
        this.loaders = ThreadLocal.withInitial(() -> new NativeImageLoader(height, width, channels));
    }

    /** @return the photos, in the order the set serves them */
    public List<LabelledFile> files() {
        return files;
    }

    /**
     * @param n how many photos at most
     * @return the first {@code n} photos decoded into memory (a bounded sample, such as the one training accuracy is
     *         measured on)
     */
    public LabelledImages cacheFirst(int n) {
        return PhotoLoader.load(files.subList(0, Math.min(n, files.size())), classNames, height, width, channels,
                Runtime.getRuntime().availableProcessors(), what + " sample");
    }

    @Override
    public int count() {
        return files.size();
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
        return files.get(index).label();
    }

    @Override
    public void readPixels(int index, byte[] target, int at) {
        long t0 = System.nanoTime();
        decode(index, target, at);
        counted(1, System.nanoTime() - t0);
    }

    /** Decodes the photos at once, one per core. */
    @Override
    public void readPixels(int[] indices, byte[] target) {
        long t0 = System.nanoTime();
        int size = imageSize();
        IntStream.range(0, indices.length).parallel().forEach(r -> decode(indices[r], target, r * size));
        counted(indices.length, System.nanoTime() - t0);
    }

    private void decode(int index, byte[] target, int at) {
        LabelledFile file = files.get(index);
        INDArray image;
        try {
            image = loaders.get().asMatrix(file.path().toFile());
        } catch (IOException | RuntimeException e) {
            throw new CnnlabException(file.path() + ": cannot be decoded (" + e.getMessage() + ")", e);
        }
        try {
            PhotoLoader.toRgbBytes(image, channels, height * width, target, at);
        } finally {
            image.close();
        }
    }

    /** Logs the decoding rate once a whole set's worth has been decoded: at info level the first time. */
    private void counted(int photos, long nanos) {
        long done = decodedThisRound.addAndGet(photos);
        long spent = nanosThisRound.addAndGet(nanos);
        if (done < files.size()) {
            return;
        }
        synchronized (this) {
            if (decodedThisRound.get() < files.size()) {
                return;
            }
            double seconds = spent / 1e9;
            String line = String.format(Locale.ROOT, "decoded %,d %s photos from disk as batches asked for them in"
                            + " %.1f s (%.0f photos/s, %d threads)", done, what, seconds, done / seconds,
                    ForkJoinPool.getCommonPoolParallelism() + 1);
            rateLine.log(line);
            decodedThisRound.set(0);
            nanosThisRound.set(0);
        }
    }
}
