package dev.cnnlab.djlbench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * One network with its trainer, set up as cnnlab's bench sets up its own: Adam at 1e-3, Xavier weights (normal, with
 * variance 2 / (fan-in + fan-out), DL4J's {@code XAVIER}), softmax cross-entropy.
 *
 * <p>Each step runs under a sub-manager that the batch is attached to for the step only, so the step's intermediate
 * arrays are freed when it ends while the batch stays for the next round of the cycle.
 */
public final class DjlNetwork implements AutoCloseable {
    private final NDManager manager;
    private final Model model;
    private final Trainer trainer;
    private final ParameterStore inference;

    /**
     * @param name    a name from {@link BenchOptions#MODELS}
     * @param classes number of classes
     * @param input   the shape of one training batch
     * @param seed    seed of the initial weights
     */
    public DjlNetwork(String name, int classes, Shape input, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        manager = NDManager.newBaseManager();
        model = Model.newInstance(name);
        model.setBlock(Networks.build(name, classes));
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build())
                .optInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                        XavierInitializer.FactorType.AVG, 1f), Parameter.Type.WEIGHT);
        trainer = model.newTrainer(config);
        trainer.initialize(input);
        inference = new ParameterStore(manager, false);
    }

    /** @return a manager for the images and labels fed to this network */
    public NDManager manager() {
        return manager;
    }

    /**
     * Forward, backward and an Adam step on one batch.
     *
     * @param images  the batch, {@code [b, c, h, w]}
     * @param labels  class indices, {@code [b]}
     * @return the batch's mean loss
     */
    public float trainStep(NDArray images, NDArray labels) {
        try (NDManager step = manager.newSubManager()) {
            images.tempAttach(step);
            labels.tempAttach(step);
            float loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(images));
                NDArray value = trainer.getLoss().evaluate(new NDList(labels), predictions);
                collector.backward(value);
                loss = value.getFloat();
            }
            trainer.step();
            return loss;
        }
    }

    /**
     * Inference (dropout off, batch norm on its running statistics, no gradient recorded).
     *
     * @param images the batch
     * @return the predicted class of each image
     */
    public long[] predict(NDArray images) {
        try (NDManager step = manager.newSubManager()) {
            images.tempAttach(step);
            return forward(images).argMax(1).toLongArray();
        }
    }

    /**
     * Inference whose result is computed and dropped, for timing.
     *
     * @param images the batch
     */
    public void infer(NDArray images) {
        try (NDManager step = manager.newSubManager()) {
            images.tempAttach(step);
            forward(images);
        }
    }

    private NDArray forward(NDArray images) {
        return model.getBlock().forward(inference, new NDList(images), false).singletonOrThrow();
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
        manager.close();
    }
}
