package dev.cnnlab.bench;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.InvalidValueException;
import dev.cnnlab.acceleration.Acceleration;
import dev.cnnlab.zoo.Architecture;
import dev.cnnlab.zoo.InputShape;
import dev.cnnlab.zoo.NetworkSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * Measures one zoo network on an {@link ImagePool}'s images: training images/s at the settings' batch size,
 * inference images/s at batch 1 and 256, and the process's peak memory afterwards.
 *
 * <p>The network is built as {@code cnnlab train} builds it (Adam 1e-3, Xavier weights, oneDNN helpers
 * when {@link dev.cnnlab.runtime.NativeSetup} enabled them), prepared by {@link Acceleration} as training prepares it,
 * and trained with plain {@code fit(DataSet)}, no
 * listeners, so the numbers are the network's own. Inference uses {@code output(x, false)}: dropout off, as in
 * evaluation; at batch 1 also the Java forward pass that {@code predict} uses, which is the batch-1 figure when
 * it compiles the network.
 */
public final class ThroughputBenchmark {
    /** The larger inference batch, the one evaluation uses. */
    public static final int LARGE_BATCH = 256;

    private static final Logger log = LoggerFactory.getLogger(ThroughputBenchmark.class);

    private final Architecture architecture;
    private final BenchSettings settings;
    private final MultiLayerNetwork network;

    /**
     * Builds and initialises the network for the pool's image shape and classes.
     *
     * @param architecture the zoo network
     * @param settings     how to measure
     * @param input        the shape of the images it will be measured on
     * @param classes      the number of classes
     */
    public ThroughputBenchmark(Architecture architecture, BenchSettings settings, InputShape input, int classes) {
        this.architecture = architecture;
        this.settings = settings;
        MultiLayerNetwork built = new MultiLayerNetwork(architecture.configure(
                new NetworkSpec(input, classes, settings.seed(), new Adam(1e-3))));
        built.init();
        this.network = Acceleration.prepareForTraining(built, settings.acceleration()).network();
    }

    /**
     * @return the initialised network, e.g. to report which layers run on oneDNN helpers
     */
    public MultiLayerNetwork network() {
        return network;
    }

    /**
     * Runs the three measurements, each with its own warm-up. Training runs first, so inference sees trained weights
     * (no speed difference, but no all-zero activations either).
     *
     * @param pool the images, of the shape the network was built for
     * @return the medians and the peak memory
     * @throws CnnlabException when the pool holds fewer images than one training batch
     */
    public BenchResult run(ImagePool pool) {
        String name = architecture.name();
        WindowedRate timing = WindowedRate.forSeconds(settings.seconds(), settings.windows());

        List<DataSet> train = pool.trainingBatches(settings.batchSize());
        if (train.isEmpty()) {
            throw new InvalidValueException("bench batch_size", settings.batchSize() + " is more than the "
                    + pool.size() + " images " + name + " is measured on");
        }
        Cycle<DataSet> nextTrain = new Cycle<>(train);
        Rates training = timing.measure(() -> {
            DataSet batch = nextTrain.next();
            network.fit(batch);
            return batch.numExamples();
        });
        log.info("{}: training at batch {}: {} img/s per window", name, settings.batchSize(), training);

        List<INDArray> images = pool.inputBatches(1);
        Acceleration.PreparedInference prediction = Acceleration.prepareForInference(network,
                pool.input().toInputType(), settings.acceleration().plainDl4j());
        Rates dl4jSingle = inference(timing, images, x -> network.output(x, false));
        log.info("{}: inference at batch 1, DL4J output: {} img/s per window", name, dl4jSingle);
        Rates single = dl4jSingle;
        if (prediction.javaForwardPass()) {
            single = inference(timing, images, prediction.batchOne()::apply);
            log.info("{}: inference at batch 1, Java forward pass: {} img/s per window", name, single);
        }
        Rates large = inference(timing, pool.inputBatches(LARGE_BATCH), x -> network.output(x, false));
        log.info("{}: inference at batch {}: {} img/s per window", name, LARGE_BATCH, large);

        return new BenchResult(name, training.median(), single.median(), large.median(),
                PeakMemory.peakResidentMb(),
                prediction.javaForwardPass() ? OptionalDouble.of(dl4jSingle.median()) : OptionalDouble.empty());
    }

    private static Rates inference(WindowedRate timing, List<INDArray> batches, Consumer<INDArray> forward) {
        Cycle<INDArray> next = new Cycle<>(batches);
        return timing.measure(() -> {
            INDArray x = next.next();
            forward.accept(x);
            return (int) x.size(0);
        });
    }

    /** Hands out the items of a list round and round. */
    private static final class Cycle<T> {
        private final List<T> items;
        private int index;

        Cycle(List<T> items) {
            this.items = items;
        }

        T next() {
            T item = items.get(index);
            index = (index + 1) % items.size();
            return item;
        }
    }
}
