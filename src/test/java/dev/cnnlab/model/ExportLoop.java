package dev.cnnlab.model;

import dev.cnnlab.zoo.InputShape;
import dev.cnnlab.zoo.LeNet;
import dev.cnnlab.zoo.NetworkSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.learning.config.Adam;

import java.nio.file.Path;
import java.util.List;

/**
 * Test fixture run in its own JVM: saves a LeNet model to the same file over and over, saying on standard
 * output when each save starts and ends, so a test can SIGKILL it in the middle of a write.
 */
public final class ExportLoop {
    private ExportLoop() {
    }

    /** @param args the model file */
    public static void main(String[] args) {
        MultiLayerNetwork net = new MultiLayerNetwork(new LeNet().configure(
                new NetworkSpec(InputShape.MNIST, 10, 1, new Adam(1e-3))));
        net.init();
        SavedModel model = new SavedModel(net, new ImagePreProcessingScaler(0, 1), new ModelInfo("lenet", "mnist",
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), InputShape.MNIST, true));
        Path file = Path.of(args[0]);
        for (int i = 1; ; i++) {
            System.out.println("writing " + i);
            System.out.flush();
            ModelFile.save(model, file);
            System.out.println("saved " + i);
            System.out.flush();
        }
    }
}
