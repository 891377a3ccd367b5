package dev.cnnlab.bench;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.InvalidValueException;
import dev.cnnlab.data.idx.IdxDataset;
import dev.cnnlab.data.photo.CatsDogsLocation;
import dev.cnnlab.data.photo.PhotoDataset;
import dev.cnnlab.data.store.IdxDatasetStore;
import dev.cnnlab.zoo.Architecture;
import dev.cnnlab.zoo.InputShape;
import dev.cnnlab.zoo.Recipe;
import dev.cnnlab.zoo.Recipes;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The images each network is measured on, as it is trained: MNIST for the digit networks, and for a network that
 * a recipe trains on cats vs dogs, real cats-vs-dogs photos at that recipe's input size. (A photo network measured on
 * 28x28 digits would report a speed it never trains at.)
 */
public final class BenchImages {
    private static final long SAMPLE_SEED = 42;

    private final Path dataDir;
    private ImagePool mnist;
    private final Map<InputShape, ImagePool> photos = new HashMap<>();

    /**
     * @param dataDir the data directory: MNIST is fetched into it when missing; cats vs dogs is found as
     *                {@link CatsDogsLocation} says
     */
    public BenchImages(Path dataDir) {
        this.dataDir = dataDir;
    }

    /**
     * @param architecture a zoo network
     * @return the pool to measure it on, loaded on first use
     * @throws CnnlabException when its dataset is missing and cannot be fetched
     */
    public ImagePool poolFor(Architecture architecture) {
        Optional<InputShape> photoInput = photoInput(architecture);
        if (photoInput.isPresent()) {
            Path root = catsDogsRoot(architecture);
            return photos.computeIfAbsent(photoInput.get(), input -> photoPool(root, input));
        }
        if (mnist == null) {
            mnist = new ImagePool(IdxDatasetStore.fetchingInto(dataDir).train(IdxDataset.MNIST));
        }
        return mnist;
    }

    /**
     * Fails fast, before any measurement, when a network's images are missing and cannot be fetched.
     *
     * @param architecture a zoo network
     * @throws CnnlabException naming the network and saying how to get its photos
     */
    public void requireAvailable(Architecture architecture) {
        if (photoInput(architecture).isPresent()) {
            catsDogsRoot(architecture);
        }
    }

    private Path catsDogsRoot(Architecture architecture) {
        try {
            return CatsDogsLocation.resolve(dataDir);
        } catch (CnnlabException e) {
            throw InvalidValueException.followedBy("bench models", " " + architecture.name()
                    + " is measured on cats-vs-dogs photos; "
                    + e.getMessage(), e);
        }
    }

    /**
     * @param architecture a zoo network
     * @return the input size of the recipe that trains it on cats vs dogs, if one does
     */
    static Optional<InputShape> photoInput(Architecture architecture) {
        return Recipes.all().stream()
                .filter(r -> r.dataset().equals(CatsDogsLocation.KEY) && r.architecture().name().equals(architecture.name()))
                .map(Recipe::input)
                .findFirst();
    }

    private static ImagePool photoPool(Path root, InputShape input) {
        var settings = new PhotoDataset.Settings(input.height(), input.width(), input.channels(), 0, 0.2, SAMPLE_SEED,
                ImagePool.capacity(input), 1, false, Runtime.getRuntime().availableProcessors());
        return new ImagePool(PhotoDataset.load(root, settings).train());
    }
}
