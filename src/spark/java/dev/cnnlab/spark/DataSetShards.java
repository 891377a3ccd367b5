package dev.cnnlab.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnnlab.CnnlabException;
import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.data.Scaling;
import dev.cnnlab.data.batches.ImageBatchIterator;
import dev.cnnlab.progress.ProgressBars;
import me.tongfei.progressbar.ProgressBar;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.serializer.NormalizerSerializer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A training set exported once as sharded DataSet files, the input DL4J's Spark training reads best: one
 * {@link DataSet#save(OutputStream) saved} mini-batch per {@code part-NNNNN.bin} file, already scaled, in a directory
 * on any Hadoop file system every executor can read (HDFS, S3 through {@code s3a://}, a shared mount, or the local disk
 * in local mode). Beside them: {@code normalizer.bin}, the scaling fitted on the training images, and
 * {@code shards.json}, what was exported.
 */
public final class DataSetShards {
    /** The extension of shard files, as DL4J's {@code SparkUtils.listPaths} filters them. */
    public static final String EXTENSION = "bin";
    private static final String SHARD_PREFIX = "part-";
    private static final String MANIFEST = "shards.json";
    private static final String NORMALIZER = "normalizer.bin";
    private static final int FIT_BATCH = 256;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final FileSystem fs;

    /**
     * What a shard directory holds.
     *
     * @param dataset    the dataset key
     * @param scaling    the scaling key
     * @param batchSize  images per shard (the last one may hold fewer)
     * @param images     training images in all
     * @param shards     shard files
     * @param seed       the seed the images were shuffled with
     * @param classNames class names, indexed by label
     */
    public record Manifest(String dataset, String scaling, int batchSize, int images, int shards, long seed,
                           List<String> classNames) {
        /** @return whether an export with these settings is this one */
        boolean sameExportAs(Manifest other) {
            return dataset.equals(other.dataset) && scaling.equals(other.scaling) && batchSize == other.batchSize
                    && images == other.images && seed == other.seed;
        }
    }

    /**
     * @param dir    the shard directory's URI or path
     * @param hadoop the Hadoop configuration naming the file systems (Spark's, on a cluster)
     */
    public DataSetShards(String dir, Configuration hadoop) {
        try {
            this.dir = new Path(dir);
            this.fs = this.dir.getFileSystem(hadoop);
        } catch (IOException | IllegalArgumentException e) {
            throw new CnnlabException("--shards: cannot open " + dir + ": " + e.getMessage(), e);
        }
    }

    /** @return the directory as given, for DL4J's path listing */
    public String location() {
        return dir.toString();
    }

    /**
     * Exports the training images, unless the directory already holds this very export.
     *
     * @param train    the training images
     * @param dataset  the dataset key
     * @param scaling  how to scale pixels (fitted here on {@code train})
     * @param batchSize images per shard
     * @param seed     shuffling seed
     * @param reexport export even when a matching export is there
     * @return what the directory holds now
     * @throws CnnlabException when the directory holds a different export (and {@code reexport} is off), or cannot be written
     */
    public Manifest ensure(LabelledImages train, String dataset, Scaling scaling, int batchSize, long seed, boolean reexport) {
        int shards = (train.count() + batchSize - 1) / batchSize;
        Manifest wanted = new Manifest(dataset, scaling.key(), batchSize, train.count(), shards, seed, train.classNames());
        Optional<Manifest> present = manifest();
        if (present.isPresent() && !reexport) {
            if (present.get().sameExportAs(wanted)) {
                return present.get();
            }
            throw new CnnlabException("--shards: " + dir + " holds another export (" + describe(present.get())
                    + ", wanted " + describe(wanted) + "); pick another directory or add --reexport");
        }
        return export(train, scaling, wanted);
    }

    private Manifest export(LabelledImages train, Scaling scaling, Manifest manifest) {
        try {
            if (fs.exists(dir)) {
                fs.delete(dir, true);
            }
            fs.mkdirs(dir);
            DataNormalization normalizer = scaling.fit(new ImageBatchIterator(train, FIT_BATCH, false, 0));
            try (OutputStream out = fs.create(new Path(dir, NORMALIZER))) {
                NormalizerSerializer.getDefault().write(normalizer, out);
            }
            ImageBatchIterator batches = new ImageBatchIterator(train, manifest.batchSize(), true, manifest.seed());
            batches.setPreProcessor(normalizer);
            int index = 0;
            try (ProgressBar bar = ProgressBars.start("export", train.count(), "img")) {
                while (batches.hasNext()) {
                    DataSet batch = batches.next();
                    try (FSDataOutputStream out = fs.create(new Path(dir, String.format(Locale.ROOT, "%s%05d.%s", SHARD_PREFIX, index++, EXTENSION)))) {
                        batch.save(out);
                    }
                    bar.stepBy(batch.numExamples());
                }
            }
            // The manifest goes last: a directory without one is an unfinished export and is written again.
            try (OutputStream out = fs.create(new Path(dir, MANIFEST))) {
                out.write(JSON.writeValueAsBytes(manifest));
            }
            return manifest;
        } catch (IOException e) {
            throw new CnnlabException("--shards: cannot write " + dir + ": " + e.getMessage(), e);
        }
    }

    /** @return the directory's manifest, if a complete export is there */
    public Optional<Manifest> manifest() {
        Path file = new Path(dir, MANIFEST);
        try {
            if (!fs.exists(file)) {
                return Optional.empty();
            }
            try (InputStream in = fs.open(file)) {
                return Optional.of(JSON.readValue(in, Manifest.class));
            }
        } catch (IOException e) {
            throw new CnnlabException("--shards: unreadable " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Lists the shard files. DL4J's {@code SparkUtils.listPaths(sc, dir, recursive, extensions)} would do, but in
     * 1.0.0-M2 it tests the extension of the directory instead of each file's, so a filter on {@code bin} lists
     * nothing (deeplearning4j issue 9436); and without the filter it lists the manifest and Hadoop's checksum files
     * too. {@code SparkTrainingTest} checks that the DL4J listing is still broken, so this can go once it is fixed.
     *
     * @return the shard files' paths, in order
     */
    public List<String> paths() {
        try {
            FileStatus[] files = fs.listStatus(dir, p -> p.getName().startsWith(SHARD_PREFIX) && p.getName().endsWith("." + EXTENSION));
            return Arrays.stream(files).map(f -> f.getPath().toString()).sorted().toList();
        } catch (IOException e) {
            throw new CnnlabException("--shards: cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** @return the scaling fitted on the exported training images, for the model zip and the test set */
    public DataNormalization normalizer() {
        Path file = new Path(dir, NORMALIZER);
        try (InputStream in = fs.open(file)) {
            return NormalizerSerializer.getDefault().restore(in);
        } catch (Exception e) {
            throw new CnnlabException("--shards: unreadable " + file + ": " + e.getMessage(), e);
        }
    }

    private static String describe(Manifest m) {
        return String.format(Locale.ROOT, "%s, %d images, batch %d, %s scaling, seed %d", m.dataset(), m.images(),
                m.batchSize(), m.scaling(), m.seed());
    }
}
