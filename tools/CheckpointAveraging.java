import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.data.batches.ImageBatchIterator;
import dev.cnnlab.data.photo.ImageFolder;
import dev.cnnlab.data.photo.LabelledFile;
import dev.cnnlab.data.photo.PhotoLoader;
import dev.cnnlab.model.ModelFile;
import dev.cnnlab.model.SavedModel;
import dev.cnnlab.runtime.NativeSetup;
import dev.cnnlab.training.BatchNormRecalibration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Three ways to steady a photo model's last-epoch accuracy, tried on a run's checkpoints (or on the models of runs
 * with other seeds) before building any into training: test-time flip averaging (each model's softmax on a photo and
 * on its mirror image, averaged), an ensemble (the models' softmax averaged, each model scoring the way it was saved
 * to, with its own test-time augmentation), and weight averaging (the parameters averaged, as stochastic weight
 * averaging does, then batch norm recalibrated on 1,000 clean training photos, since averaged weights make the
 * stored statistics stale; meaningful only for checkpoints of one run).
 *
 * <p>Usage (after {@code mvn -q package -DskipTests}):
 * {@code java -cp target/cnnlab.jar tools/CheckpointAveraging.java PHOTO_DIR CHECKPOINT_ZIP...}, where PHOTO_DIR
 * holds {@code train/<class>/} and {@code test/<class>/}, for example a run's {@code checkpoints/*.zip}.
 */
public class CheckpointAveraging {
    private static final int SAMPLE = 1000;

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: java -cp target/cnnlab.jar tools/CheckpointAveraging.java PHOTO_DIR CHECKPOINT_ZIP...");
            System.exit(2);
        }
        NativeSetup.configure();
        ImageFolder folder = ImageFolder.scan(Path.of(args[0]));
        List<SavedModel> models = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            models.add(ModelFile.load(Path.of(args[i])));
        }
        SavedModel first = models.get(0);
        var input = first.info().input();
        List<LabelledFile> train = new ArrayList<>(folder.train());
        Collections.shuffle(train, new Random(1));
        LabelledImages sample = PhotoLoader.load(train.subList(0, Math.min(SAMPLE, train.size())), folder.classNames(),
                input.height(), input.width(), input.channels(), 2, "training sample");
        LabelledImages test = PhotoLoader.load(folder.test(), folder.classNames(), input.height(), input.width(),
                input.channels(), 2, "test");
        INDArray ensemble = null;
        for (int i = 0; i < models.size(); i++) {
            SavedModel model = models.get(i);
            INDArray x = features(model, test);
            INDArray plain = model.network().output(x, false);
            INDArray mirrored = model.network().output(Nd4j.exec(new Reverse(x, 3))[0], false);
            INDArray ownWay = model.info().testTime().output(model.network(), x);
            ensemble = ensemble == null ? ownWay.dup() : ensemble.addi(ownWay);
            System.out.printf(Locale.ROOT, "%s: %.2f%%, flip-averaged %.2f%%, with its own test-time augmentation"
                            + " (%s) %.2f%%%n", args[i + 1], 100 * accuracy(plain, test),
                    100 * accuracy(plain.add(mirrored), test), model.info().testTime().key(),
                    100 * accuracy(ownWay, test));
        }
        System.out.printf(Locale.ROOT, "softmax of the %d averaged, each with its own test-time augmentation: %.2f%%%n",
                models.size(), 100 * accuracy(ensemble, test));
        INDArray average = first.network().params().dup();
        for (SavedModel m : models.subList(1, models.size())) {
            average.addi(m.network().params());
        }
        first.network().setParams(average.divi(models.size()));
        ImageBatchIterator clean = new ImageBatchIterator(sample, 256, false, 0);
        clean.setPreProcessor(first.normalizer());
        BatchNormRecalibration.recalibrate(first.network(), clean);
        System.out.printf(Locale.ROOT, "weights of the %d averaged, batch norm recalibrated: %.2f%%%n", models.size(),
                100 * accuracy(first.network().output(features(first, test), false), test));
    }

    private static INDArray features(SavedModel model, LabelledImages images) {
        ImageBatchIterator it = new ImageBatchIterator(images, images.count(), false, 0);
        it.setPreProcessor(model.normalizer());
        return it.next().getFeatures();
    }

    private static double accuracy(INDArray probabilities, LabelledImages images) {
        int[] predicted = Nd4j.argMax(probabilities, 1).toIntVector();
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            right += predicted[i] == images.labels()[i] ? 1 : 0;
        }
        return (double) right / predicted.length;
    }
}
