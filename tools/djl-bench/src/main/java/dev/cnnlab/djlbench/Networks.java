package dev.cnnlab.djlbench;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;

/**
 * The layers of cnnlab's zoo networks ({@code dev.cnnlab.zoo.LeNet}, {@code KerasMnistNet}, {@code CatsDogsNet}) and
 * of {@code bench-pytorch.py}'s, in DJL blocks. The last layer gives logits: the softmax is inside the loss, as DL4J
 * fuses softmax with its cross-entropy.
 */
public final class Networks {
    private static final float CONV_DROPOUT = 0.25f;
    private static final float DENSE_DROPOUT = 0.5f;
    /** DL4J's batch-norm decay, which DJL calls momentum with the same meaning. */
    private static final float BN_MOMENTUM = 0.9f;

    private Networks() {
    }

    /**
     * @param name    a name from {@link BenchOptions#MODELS}
     * @param classes number of classes
     * @return the network
     */
    public static Block build(String name, int classes) {
        return switch (name) {
            case "lenet" -> lenet(classes);
            case "keras-mnist" -> kerasMnist(classes);
            case "catsdogs" -> catsDogs(classes);
            default -> throw new BenchInputException("--models: unknown network '" + name + "'");
        };
    }

    /**
     * @param name a name from {@link BenchOptions#MODELS}
     * @return whether it is measured on cats-vs-dogs photos (at 64x64x3, its recipe's input) instead of MNIST
     */
    public static boolean onPhotos(String name) {
        return name.equals("catsdogs");
    }

    private static Block lenet(int classes) {
        return new SequentialBlock()
                .add(conv(20, 5, 0)).add(Activation.reluBlock()).add(pool())
                .add(conv(50, 5, 0)).add(Activation.reluBlock()).add(pool())
                .add(Blocks.batchFlattenBlock())
                .add(dense(500)).add(Activation.reluBlock())
                .add(dense(classes));
    }

    private static Block kerasMnist(int classes) {
        return new SequentialBlock()
                .add(conv(32, 3, 0)).add(Activation.reluBlock())
                .add(conv(64, 3, 0)).add(Activation.reluBlock()).add(pool()).add(dropout(CONV_DROPOUT))
                .add(conv(128, 3, 0)).add(Activation.reluBlock()).add(pool()).add(dropout(CONV_DROPOUT))
                .add(Blocks.batchFlattenBlock())
                .add(dense(128)).add(Activation.reluBlock()).add(dropout(DENSE_DROPOUT))
                .add(dense(64)).add(Activation.reluBlock()).add(dropout(DENSE_DROPOUT))
                .add(dense(classes));
    }

    private static Block catsDogs(int classes) {
        SequentialBlock block = new SequentialBlock();
        for (int filters : new int[] {16, 32, 64, 128}) {
            for (int i = 0; i < 2; i++) {
                block.add(conv(filters, 3, 1))
                        .add(BatchNorm.builder().optMomentum(BN_MOMENTUM).build())
                        .add(Activation.reluBlock());
            }
            block.add(pool());
        }
        return block.add(Blocks.batchFlattenBlock()).add(dropout(DENSE_DROPOUT))
                .add(dense(128)).add(Activation.reluBlock()).add(dropout(DENSE_DROPOUT))
                .add(dense(classes));
    }

    private static Block conv(int filters, int kernel, int padding) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(padding, padding)).build();
    }

    private static Block pool() {
        return Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
    }

    private static Block dense(int units) {
        return Linear.builder().setUnits(units).build();
    }

    private static Block dropout(float rate) {
        return Dropout.builder().optRate(rate).build();
    }
}
