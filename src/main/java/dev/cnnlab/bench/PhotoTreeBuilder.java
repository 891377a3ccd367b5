package dev.cnnlab.bench;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.progress.ProgressBars;
import me.tongfei.progressbar.ProgressBar;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.datavec.image.data.ImageWritable;
import org.datavec.image.transform.ColorConversionTransform;
import org.datavec.image.transform.CropImageTransform;
import org.datavec.image.transform.FlipImageTransform;
import org.datavec.image.transform.ImageTransform;
import org.datavec.image.transform.ResizeImageTransform;
import org.datavec.image.transform.RotateImageTransform;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Builds a cats-vs-dogs photo tree of any size from a few thousand real photos, for measuring the photo pipeline at
 * the scale of the Kaggle download (25,000 photos): {@code train/cat}, {@code train/dog}, {@code test/cat} and
 * {@code test/dog}, four fifths of each class for training, the layout {@link dev.cnnlab.data.photo.ImageFolder}
 * reads. Every photo is a variant of a source photo made with DataVec's own image transforms (a random crop,
 * mirror, small rotation, sometimes a channel swap or greyscale) and resized so that its longer side is between 60
 * and 500 pixels, written as JPEG.
 *
 * <p>Like the real download, the tree holds a few photos that cannot be read, truncated JPEGs and empty files, and a
 * few four-channel (CMYK) JPEGs, which decoders convert. The test photos are made only from source photos that no
 * training photo is made from, so a test photo is never a variant of a training photo. Everything is drawn from the
 * seed and the photo's number, so the same seed builds the same tree on any number of threads.
 */
public final class PhotoTreeBuilder {
    /** The tree's size when none is given: the Kaggle training download. */
    public static final int DEFAULT_PHOTOS = 25_000;
    /** The longest side any photo of the tree has. */
    public static final int MAX_SIDE = 500;
    private static final int MIN_SIDE = 60;
    private static final double TEST_SHARE = 0.2;
    private static final int JPEG_QUALITY = 90;
    /** The class folders, in the order photos alternate between them. */
    static final List<String> CLASSES = List.of("cat", "dog");
    /** The file written last into a tree's root, with what it holds: a tree without it was not finished. */
    public static final String MARKER = "photo-tree.txt";

    /** What a file of the tree is. */
    public enum Kind {
        /** A readable three-channel (or greyscale) JPEG. */
        PHOTO,
        /** A JPEG cut short: no end-of-image marker. */
        TRUNCATED,
        /** A file of 0 bytes. */
        EMPTY,
        /** A four-channel JPEG, which readers take as CMYK. */
        CMYK
    }

    /**
     * One file written.
     *
     * @param path  where
     * @param kind  what it is
     * @param split {@code train} or {@code test}
     * @param label its class folder
     */
    public record Entry(Path path, Kind kind, String split, String label) {
    }

    /**
     * The tree built.
     *
     * @param root    its folder
     * @param entries every file, in photo-number order
     */
    public record Tree(Path root, List<Entry> entries) {
        /**
         * @param kind a kind of file
         * @return the files of that kind
         */
        public List<Path> of(Kind kind) {
            return entries.stream().filter(e -> e.kind() == kind).map(Entry::path).toList();
        }

        /**
         * @param split {@code train} or {@code test}
         * @param label a class
         * @return how many files the folder holds
         */
        public long count(String split, String label) {
            return entries.stream().filter(e -> e.split().equals(split) && e.label().equals(label)).count();
        }
    }

    private final Path source;
    private final int photos;
    private final long seed;
    private final int threads;

    /**
     * @param source  a tree with {@code cat/} and {@code dog/} folders of JPEGs (the shared photos' {@code train/})
     * @param photos  how many files to write, at least 20
     * @param seed    the seed every choice is drawn from
     * @param threads how many photos are made at once
     */
    public PhotoTreeBuilder(Path source, int photos, long seed, int threads) {
        if (photos < 20) {
            throw new CnnlabException("--photos: expected at least 20, got " + photos);
        }
        this.source = source;
        this.photos = photos;
        this.seed = seed;
        this.threads = Math.max(1, threads);
    }

    /**
     * How many files of each odd kind a tree of {@code photos} files holds: a handful at Kaggle's size, at least one
     * of each in any tree.
     *
     * @param kind    an odd kind
     * @param photos  the tree's size
     * @return how many
     */
    static int oddCount(Kind kind, int photos) {
        return switch (kind) {
            case TRUNCATED -> Math.max(1, photos / 2500);
            case EMPTY -> Math.max(1, photos / 5000);
            case CMYK -> Math.max(1, photos / 2500);
            case PHOTO -> photos;
        };
    }

    /**
     * Writes the tree.
     *
     * @param root an empty or missing folder
     * @return what was written
     * @throws CnnlabException when the source has no photos or the root holds files already
     */
    public Tree build(Path root) {
        List<List<Path>> sources = sources();
        requireEmpty(root);
        List<Job> jobs = plan(root, sources);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "photo-tree");
            t.setDaemon(true);
            return t;
        });
        try (ProgressBar bar = ProgressBars.start("Building photo tree", jobs.size(), "photos")) {
            for (String split : List.of("train", "test")) {
                for (String label : CLASSES) {
                    Files.createDirectories(root.resolve(split).resolve(label));
                }
            }
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                final int worker = w;
                done.add(pool.submit(() -> {
                    for (int i = worker; i < jobs.size(); i += threads) {
                        write(jobs.get(i));
                        bar.step();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new CnnlabException("building the photo tree failed: " + e.getCause().getMessage(), e.getCause());
        } catch (IOException e) {
            throw new CnnlabException(root + ": cannot create the tree's folders: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CnnlabException("interrupted while building the photo tree", e);
        } finally {
            pool.shutdownNow();
        }
        Tree tree = new Tree(root, jobs.stream().map(Job::entry).toList());
        try {
            Files.writeString(root.resolve(MARKER), PhotoTreeCommand.contents(tree) + System.lineSeparator());
        } catch (IOException e) {
            throw new CnnlabException(root + ": cannot write " + MARKER + ": " + e.getMessage(), e);
        }
        return tree;
    }

    /** One file to write: its number (which seeds its choices), where, what, and the photo it is made from. */
    private record Job(int number, Entry entry, Path from) {
    }

    /**
     * Numbers the files, alternating the classes, the first four fifths of each class for training; the odd files are
     * spread evenly over the training photos.
     */
    private List<Job> plan(Path root, List<List<Path>> sources) {
        List<Kind> kinds = new ArrayList<>();
        for (int i = 0; i < photos; i++) {
            kinds.add(Kind.PHOTO);
        }
        int trainFiles = (int) Math.round(photos * (1 - TEST_SHARE));
        int odd = 0;
        List<Kind> odds = new ArrayList<>();
        for (Kind kind : List.of(Kind.TRUNCATED, Kind.EMPTY, Kind.CMYK)) {
            for (int i = 0; i < oddCount(kind, photos); i++) {
                odds.add(kind);
            }
        }
        int stride = Math.max(1, trainFiles / (odds.size() + 1));
        for (Kind kind : odds) {
            odd++;
            kinds.set(Math.min(trainFiles - 1, odd * stride), kind);
        }
        List<Job> jobs = new ArrayList<>(photos);
        int[] perClass = new int[CLASSES.size()];
        for (int i = 0; i < photos; i++) {
            int c = i % CLASSES.size();
            String label = CLASSES.get(c);
            boolean train = i < trainFiles;
            List<Path> pool = sources.get(c);
            // The last fifth of each class's sources makes the test photos, the rest the training photos.
            int cut = Math.max(1, (int) Math.round(pool.size() * (1 - TEST_SHARE)));
            List<Path> from = train ? pool.subList(0, cut) : pool.subList(cut, pool.size());
            int n = perClass[c]++;
            String split = train ? "train" : "test";
            Path path = root.resolve(split).resolve(label).resolve(label + "." + n + ".jpg");
            jobs.add(new Job(i, new Entry(path, kinds.get(i), split, label), from.get(n % from.size())));
        }
        return jobs;
    }

    /**
     * Writes one file. DataVec's transforms allocate a new OpenCV image at every step, which JavaCPP frees only
     * when the garbage collector finds its Java object unreachable; a builder whose Java heap barely fills may not
     * collect for thousands of photos, so the scope frees every image made here as soon as the file is written.
     */
    private void write(Job job) throws IOException {
        try (PointerScope ignored = new PointerScope()) {
            writeFile(job);
        }
    }

    private void writeFile(Job job) throws IOException {
        Path out = job.entry().path();
        switch (job.entry().kind()) {
            case EMPTY -> Files.write(out, new byte[0]);
            case PHOTO -> writeJpeg(variant(job), out);
            case TRUNCATED -> {
                writeJpeg(variant(job), out);
                // Cut at a third: the end-of-image marker goes, as in a download that stopped.
                try (RandomAccessFile file = new RandomAccessFile(out.toFile(), "rw")) {
                    file.setLength(Math.max(200, file.length() / 3));
                }
            }
            case CMYK -> {
                Mat bgr = variant(job);
                try {
                    CmykJpeg.write(bgr, out, JPEG_QUALITY);
                } finally {
                    bgr.close();
                }
            }
        }
    }

    /** The source photo, changed by DataVec's transforms as this file's random numbers say, as a BGR or grey Mat. */
    private Mat variant(Job job) {
        Random rng = new Random(seed * 1_000_003L + job.number());
        Mat original = opencv_imgcodecs.imread(job.from().toString(), opencv_imgcodecs.IMREAD_COLOR);
        if (original == null || original.empty()) {
            throw new CnnlabException(job.from() + ": cannot be decoded as a source photo");
        }
        int side = MIN_SIDE + rng.nextInt(MAX_SIDE - MIN_SIDE + 1);
        double aspect = 0.6 + 0.8 * rng.nextDouble();
        int height = aspect >= 1 ? side : (int) Math.max(MIN_SIDE / 2.0, Math.round(side * aspect));
        int width = aspect >= 1 ? (int) Math.max(MIN_SIDE / 2.0, Math.round(side / aspect)) : side;
        int crop = Math.min(original.rows(), original.cols()) / 8;
        List<ImageTransform> steps = new ArrayList<>();
        steps.add(new CropImageTransform(rng, crop, crop, crop, crop));
        if (rng.nextBoolean()) {
            // Mirror images only: DataVec's random flip also turns photos upside down.
            steps.add(new FlipImageTransform(1));
        }
        steps.add(new RotateImageTransform(rng, 0, 0, 12, 0.1f));
        double colour = rng.nextDouble();
        if (colour < 0.05) {
            steps.add(new ColorConversionTransform(rng, opencv_imgproc.COLOR_BGR2GRAY));
        } else if (colour < 0.15) {
            steps.add(new ColorConversionTransform(rng, opencv_imgproc.COLOR_BGR2RGB));
        }
        steps.add(new ResizeImageTransform(rng, width, height));
        OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
        ImageWritable image = new ImageWritable(converter.convert(original));
        for (ImageTransform step : steps) {
            image = step.transform(image, rng);
        }
        Mat result = converter.convert(image.getFrame()).clone();
        original.close();
        return result;
    }

    private static void writeJpeg(Mat image, Path out) {
        try {
            if (!opencv_imgcodecs.imwrite(out.toString(), image,
                    new IntPointer(opencv_imgcodecs.IMWRITE_JPEG_QUALITY, JPEG_QUALITY))) {
                throw new CnnlabException(out + ": OpenCV could not write the JPEG");
            }
        } finally {
            image.close();
        }
    }

    /** The source photos of each class, sorted by name. */
    private List<List<Path>> sources() {
        List<List<Path>> out = new ArrayList<>();
        for (String label : CLASSES) {
            Path dir = source.resolve(label);
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> jpegs = files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
                        .endsWith(".jpg")).sorted().toList();
                if (jpegs.size() < 2) {
                    throw new CnnlabException(dir + ": expected at least 2 source JPEGs, found " + jpegs.size());
                }
                out.add(jpegs);
            } catch (IOException e) {
                throw new CnnlabException(dir + ": cannot list the source photos (expected SOURCE/cat/*.jpg and"
                        + " SOURCE/dog/*.jpg): " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static void requireEmpty(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> children = Files.list(root)) {
            if (children.findAny().isPresent()) {
                throw new CnnlabException(root + ": expected an empty or missing folder for the tree");
            }
        } catch (IOException e) {
            throw new CnnlabException(root + ": cannot list: " + e.getMessage(), e);
        }
    }

}
