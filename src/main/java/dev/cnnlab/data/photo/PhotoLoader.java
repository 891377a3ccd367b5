package dev.cnnlab.data.photo;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.progress.ProgressBars;
import me.tongfei.progressbar.ProgressBar;
import org.datavec.api.io.labels.ParentPathLabelGenerator;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.split.CollectionInputSplit;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.datavec.image.recordreader.ImageRecordReader;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Decodes and resizes screened photos once, through DataVec's {@link ImageRecordReader} with a
 * {@link ParentPathLabelGenerator}, into an in-memory cache of 8-bit pixels: later passes (and their
 * augmentation) then never touch a file. Several readers decode in parallel, each given the dataset's one
 * explicit label list (a reader otherwise infers its own from the paths it happens to see).
 *
 * <p>Pixels are stored channel-first in RGB order; OpenCV decodes to BGR, so the channels are reversed
 * here and in {@link PhotoDecoder}, which prediction uses.
 */
public final class PhotoLoader {
    private static final Logger LOG = LoggerFactory.getLogger(PhotoLoader.class);

    private PhotoLoader() {
    }

    /**
     * @param files      screened photos
     * @param classNames the dataset's label list
     * @param height     target height
     * @param width      target width
     * @param channels   3 (RGB) or 1 (grey)
     * @param threads    parallel readers
     * @param what       what the photos are, for the progress bar
     * @return the decoded photos, in the order given
     */
    public static LabelledImages load(List<LabelledFile> files, List<String> classNames, int height, int width,
                                      int channels, int threads, String what) {
        int n = files.size();
        int size = channels * height * width;
        byte[] pixels = new byte[n * size];
        int[] labels = new int[n];
        Map<URI, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(files.get(i).path().toUri(), i);
            labels[i] = files.get(i).label();
        }
        int workers = Math.max(1, Math.min(threads, n));
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "photo-decoder");
            t.setDaemon(true);
            return t;
        });
        try (ProgressBar bar = ProgressBars.start("Decoding " + what + " photos", n, "photos")) {
            List<Future<?>> jobs = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                List<LabelledFile> part = new ArrayList<>();
                for (int i = w; i < n; i += workers) {
                    part.add(files.get(i));
                }
                jobs.add(pool.submit(() -> {
                    read(part, classNames, height, width, channels, index, labels, pixels, bar);
                    return null;
                }));
            }
            for (Future<?> job : jobs) {
                job.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof CnnlabException ce ? ce
                    : new CnnlabException("decoding " + what + " photos failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CnnlabException("interrupted while decoding " + what + " photos", e);
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        LOG.info(String.format(Locale.ROOT, "decoded and resized %d %s photos to %dx%dx%d in %.1f s (%.0f photos/s, %d threads)",
                n, what, height, width, channels, seconds, n / seconds, workers));
        return new LabelledImages(pixels, labels, height, width, channels, classNames);
    }

    private static void read(List<LabelledFile> part, List<String> classNames, int height, int width, int channels,
                             Map<URI, Integer> index, int[] labels, byte[] pixels,
                             ProgressBar bar) throws IOException {
        if (part.isEmpty()) {
            return;
        }
        List<URI> uris = part.stream().map(f -> f.path().toUri()).toList();
        ImageRecordReader reader = new ImageRecordReader(height, width, channels, new ParentPathLabelGenerator());
        reader.setLogLabelCountOnInit(false);
        reader.initialize(new CollectionInputSplit(uris));
        // initialize() re-infers labels from these paths alone; impose the dataset's list after it.
        reader.setLabels(new ArrayList<>(classNames));
        int size = channels * height * width;
        while (reader.hasNext()) {
            Record record = reader.nextRecord();
            RecordMetaData meta = record.getMetaData();
            Integer i = index.get(meta.getURI());
            List<Writable> values = record.getRecord();
            int label = values.get(1).toInt();
            if (i == null) {
                throw new IllegalStateException("reader returned an unexpected file " + meta.getURI());
            }
            if (label != labels[i]) {
                throw new IllegalStateException(meta.getURI() + ": reader label " + label + " differs from the folder's");
            }
            INDArray image = ((NDArrayWritable) values.get(0)).get();
            try {
                toRgbBytes(image, channels, height * width, pixels, i * size);
            } finally {
                // Freed now rather than when the collector finds it: 25,000 photos make a lot of native garbage.
                image.close();
            }
            bar.step();
        }
        reader.close();
    }

    /**
     * Copies a {@code [1, c, h, w]} BGR array of 0-255 values into {@code out} as RGB bytes.
     *
     * @param image    the decoded image
     * @param channels its channels
     * @param plane    height times width
     * @param out      the destination
     * @param offset   where the image starts in {@code out}
     */
    static void toRgbBytes(INDArray image, int channels, int plane, byte[] out, int offset) {
        toRgbBytes(values(image, channels * plane), channels, plane, out, offset);
    }

    /**
     * @param image  a decoded image
     * @param length its number of values
     * @return its values in order, as a Java array
     */
    static float[] values(INDArray image, int length) {
        // A fresh array's buffer holds its values in order: read it without an ND4J op, which would make another.
        if (!image.isView() && image.ordering() == 'c' && image.data().length() == length) {
            return image.data().asFloat();
        }
        return image.reshape(length).toFloatVector();
    }

    /**
     * Copies {@code c * h * w} BGR values of 0-255, channels first, into {@code out} as RGB bytes.
     *
     * @param values   the decoded image's values
     * @param channels its channels
     * @param plane    height times width
     * @param out      the destination
     * @param offset   where the image starts in {@code out}
     */
    static void toRgbBytes(float[] values, int channels, int plane, byte[] out, int offset) {
        for (int c = 0; c < channels; c++) {
            int from = (channels == 3 ? 2 - c : c) * plane;
            for (int p = 0; p < plane; p++) {
                int v = Math.round(values[from + p]);
                out[offset + c * plane + p] = (byte) Math.max(0, Math.min(255, v));
            }
        }
    }
}
