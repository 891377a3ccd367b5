package dev.cnnlab.training;

import dev.cnnlab.config.ImageSize;
import dev.cnnlab.config.Settings;
import dev.cnnlab.config.TrainingConfig;
import dev.cnnlab.data.ImageSet;
import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.data.OffHeapImages;
import dev.cnnlab.data.batches.EpochIterator;
import dev.cnnlab.data.batches.ImageBatchIterator;
import dev.cnnlab.data.idx.IdxAugmentation;
import dev.cnnlab.data.photo.PhotoAugmentation;
import dev.cnnlab.data.photo.PhotoDataset;
import dev.cnnlab.data.store.IdxDatasetStore;
import dev.cnnlab.zoo.InputShape;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

import java.nio.file.Path;
import java.util.List;

/**
 * The iterators of one run: training batches (shuffled each epoch), the set evaluated after each epoch
 * (validation when split off, else test) and the test set, all scaled by a normaliser fitted on the
 * training images only. The training batches alone may have smoothed targets ({@link LabelSmoothing}).
 *
 * @param train      training batches
 * @param trainSample the first (up to) 1,000 training images, in a fixed order, to measure training accuracy
 * @param eval       the set evaluated after each epoch
 * @param evalName   {@code validation} or {@code test}
 * @param test       the test set
 * @param normalizer the fitted normaliser, already set on every iterator
 * @param labelSmoothing the {@link LabelSmoothing} of the training batches only (0: none)
 * @param classNames class names
 * @param input      the input image shape
 */
record TrainingData(EpochIterator train, EpochIterator trainSample, EpochIterator eval, String evalName, EpochIterator test,
                    DataNormalization normalizer, double labelSmoothing, List<String> classNames, InputShape input) {

    private static final int EVAL_BATCH = 256;
    private static final int TRAIN_SAMPLE = 1000;

    static TrainingData load(IdxDatasetStore store, TrainingConfig options) {
        if (options.photos() != null) {
            return loadPhotos(store.dataDir(), options);
        }
        LabelledImages train = store.train(options.idxDataset());
        LabelledImages test = store.test(options.idxDataset());
        LabelledImages validation = null;
        if (options.get(Settings.VALIDATION_SPLIT) > 0) {
            LabelledImages.Split split = train.split(options.get(Settings.VALIDATION_SPLIT), options.get(Settings.SEED));
            train = split.kept();
            validation = split.heldOut();
        }
        if (options.get(Settings.LIMIT) > 0) {
            train = train.limit(options.get(Settings.LIMIT));
        }
        if (options.get(Settings.TEST_LIMIT) > 0) {
            test = test.limit(options.get(Settings.TEST_LIMIT));
        }
        ImageSet augmented = IdxAugmentation.expand(train,
                IdxAugmentation.parse(PhotoAugmentation.idxCopies(options.get(Settings.AUGMENT))));
        return of(train, augmented, train.limit(TRAIN_SAMPLE), validation, test, options,
                PhotoAugmentation.parse(PhotoAugmentation.idxRandom(options.get(Settings.AUGMENT))));
    }

    /**
     * A photo folder: split, screened, and decoded once into memory or, when that would not fit (or
     * {@link Settings#PHOTO_CACHE} says so), decoded from disk batch by batch; then augmented per pass.
     */
    static TrainingData loadPhotos(Path dataDir, TrainingConfig options) {
        Path root = PhotoDataset.root(options.photos(), dataDir);
        ImageSize size = options.get(Settings.IMAGE_SIZE);
        PhotoDataset.Opened photos = PhotoDataset.open(root, new PhotoDataset.Settings(size.height(), size.width(),
                options.get(Settings.CHANNELS), options.get(Settings.VALIDATION_SPLIT), options.get(Settings.TEST_SPLIT),
                options.get(Settings.SEED), options.get(Settings.LIMIT), options.get(Settings.TEST_LIMIT),
                options.get(Settings.STRICT), Runtime.getRuntime().availableProcessors()),
                options.get(Settings.PHOTO_CACHE), Runtime.getRuntime().maxMemory());
        return of(photos.train(), photos.train(), photos.trainSample(TRAIN_SAMPLE), photos.validation(), photos.test(),
                options, PhotoAugmentation.parse(options.get(Settings.AUGMENT)));
    }

    /**
     * The same data scaled by another normaliser: a resumed run keeps the one it was trained with.
     *
     * @param other the normaliser
     * @return the data, with {@code other} set on every iterator
     */
    TrainingData withNormalizer(DataNormalization other) {
        for (EpochIterator it : List.of(trainSample, eval, test)) {
            it.setPreProcessor(other);
        }
        train.setPreProcessor(LabelSmoothing.forTraining(other, labelSmoothing));
        return new TrainingData(train, trainSample, eval, evalName, test, other, labelSmoothing, classNames, input);
    }

    /**
     * @param train        the training images
     * @param trainCopies  what a pass visits: {@code train}, or {@code train} followed by augmented copies of it
     * @param trainSample  the first training images, in memory, to measure training accuracy on
     * @param validation   the held-out images, or null
     * @param test         the test images
     * @param options      batch size, seed, scaling and label smoothing
     * @param augmentation what to do to each image each pass
     * @return the iterators, scaled by a normaliser fitted on what a pass visits
     */
    private static TrainingData of(ImageSet train, ImageSet trainCopies, LabelledImages trainSample,
                                   ImageSet validation, ImageSet test, TrainingConfig options,
                                   PhotoAugmentation augmentation) {
        // Copied off the heap once, for the training batches and for the statistics standardisation gathers.
        ImageSet kept = OffHeapImages.keep(trainCopies);
        EpochIterator trainIt = augmentation.isNone()
                ? new ImageBatchIterator(kept, options.get(Settings.BATCH_SIZE), true, options.get(Settings.SEED))
                : augmentation.batches(kept, options.get(Settings.BATCH_SIZE), options.get(Settings.SEED));
        DataNormalization normalizer = options.get(Settings.SCALING).fit(kept);
        // Only the training batches get smoothed targets: every evaluation scores against the true labels.
        trainIt.setPreProcessor(LabelSmoothing.forTraining(normalizer, options.get(Settings.LABEL_SMOOTHING)));
        ImageBatchIterator sampleIt = new ImageBatchIterator(trainSample, EVAL_BATCH, false, 0);
        sampleIt.setPreProcessor(normalizer);
        ImageBatchIterator testIt = new ImageBatchIterator(test, EVAL_BATCH, false, 0);
        testIt.setPreProcessor(normalizer);
        EpochIterator evalIt = testIt;
        String evalName = "test";
        if (validation != null) {
            evalIt = new ImageBatchIterator(validation, EVAL_BATCH, false, 0);
            evalIt.setPreProcessor(normalizer);
            evalName = "validation";
        }
        return new TrainingData(trainIt, sampleIt, evalIt, evalName, testIt, normalizer,
                options.get(Settings.LABEL_SMOOTHING), train.classNames(),
                new InputShape(train.height(), train.width(), train.channels()));
    }
}
