import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.data.batches.ImageBatchIterator;
import dev.cnnlab.data.photo.ImageFolder;
import dev.cnnlab.data.photo.LabelledFile;
import dev.cnnlab.data.photo.PhotoLoader;
import dev.cnnlab.model.ModelFile;
import dev.cnnlab.model.SavedModel;
import dev.cnnlab.runtime.NativeSetup;
import dev.cnnlab.training.BatchNormRecalibration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How far a photo model's batch-norm running averages are from the true statistics of clean training photos,
 * and its test accuracy before and after {@link BatchNormRecalibration}, how long that took and a checksum of the
 * recalibrated parameters (to compare two builds). The batch-norm figures of docs/photographs.md come from this.
 *
 * <p>Usage (after {@code mvn -q package -DskipTests}):
 * {@code java -cp target/cnnlab.jar tools/BatchNormDrift.java MODEL_ZIP PHOTO_DIR}, where PHOTO_DIR holds
 * {@code train/<class>/} and {@code test/<class>/}.
 */
public class BatchNormDrift {
    private static final int SAMPLE = 1024;

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: java -cp target/cnnlab.jar tools/BatchNormDrift.java MODEL_ZIP PHOTO_DIR");
            System.exit(2);
        }
        NativeSetup.configure();
        SavedModel model = ModelFile.load(Path.of(args[0]));
        MultiLayerNetwork network = model.network();
        var input = model.info().input();
        ImageFolder folder = ImageFolder.scan(Path.of(args[1]));
        List<LabelledFile> train = new ArrayList<>(folder.train());
        Collections.shuffle(train, new Random(1));
        LabelledImages sample = PhotoLoader.load(train.subList(0, Math.min(SAMPLE, train.size())), folder.classNames(),
                input.height(), input.width(), input.channels(), 2, "training sample");
        LabelledImages test = PhotoLoader.load(folder.test(), folder.classNames(), input.height(), input.width(),
                input.channels(), 2, "test");
        System.out.printf(Locale.ROOT, "test accuracy with the stored averages: %.2f%%%n", 100 * accuracy(model, test));
        for (int i = 0; i < network.getnLayers(); i++) {
            if (network.getLayer(i).conf().getLayer() instanceof BatchNormalization conf) {
                printDrift(network, i, conf, features(model, sample));
            }
        }
        long t0 = System.nanoTime();
        BatchNormRecalibration.recalibrate(network, iterator(model, sample));
        System.out.printf(Locale.ROOT, "recalibrated in %.1f s; parameter checksum %08x%n", (System.nanoTime() - t0) / 1e9,
                java.util.Arrays.hashCode(network.params().toFloatVector()));
        System.out.printf(Locale.ROOT, "test accuracy after recalibrating on %d training photos: %.2f%%%n",
                sample.count(), 100 * accuracy(model, test));
    }

    private static void printDrift(MultiLayerNetwork network, int layer, BatchNormalization conf, INDArray x) {
        INDArray in = network.feedForwardToLayer(layer, x, false).get(layer);
        double[] mean = in.mean(0, 2, 3).toDoubleVector();
        double[] variance = in.var(false, 0, 2, 3).toDoubleVector();
        double[] storedMean = network.getLayer(layer).getParam("mean").toDoubleVector();
        double[] storedVariance = conf.isUseLogStd()
                ? network.getLayer(layer).getParam("log10stdev").toDoubleVector()
                : network.getLayer(layer).getParam("var").toDoubleVector();
        double worstVariance = 0;
        double worstMean = 0;
        for (int c = 0; c < mean.length; c++) {
            double v = conf.isUseLogStd() ? Math.pow(10, 2 * storedVariance[c]) - conf.getEps() : storedVariance[c];
            worstVariance = Math.max(worstVariance, Math.abs(v / variance[c] - 1));
            worstMean = Math.max(worstMean, Math.abs(storedMean[c] - mean[c]) / Math.sqrt(variance[c]));
        }
        System.out.printf(Locale.ROOT, "layer %d (%d channels): stored variance off by up to %.0f%%, stored mean by up to %.2f standard deviations%n",
                layer, mean.length, 100 * worstVariance, worstMean);
    }

    private static INDArray features(SavedModel model, LabelledImages images) {
        return iterator(model, images).next().getFeatures();
    }

    private static ImageBatchIterator iterator(SavedModel model, LabelledImages images) {
        ImageBatchIterator it = new ImageBatchIterator(images, images.count(), false, 0);
        it.setPreProcessor(model.normalizer());
        return it;
    }

    private static double accuracy(SavedModel model, LabelledImages images) {
        INDArray out = model.network().output(features(model, images), false);
        int[] predicted = Nd4j.argMax(out, 1).toIntVector();
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            right += predicted[i] == images.labels()[i] ? 1 : 0;
        }
        return (double) right / predicted.length;
    }
}
