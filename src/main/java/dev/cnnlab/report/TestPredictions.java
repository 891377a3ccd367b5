package dev.cnnlab.report;

import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.data.batches.ImageBatchIterator;
import dev.cnnlab.model.SavedModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A model's best guess for each of a set of labelled images, for picking images to show.
 *
 * @param images      the images, raw
 * @param predicted   the predicted class of each image
 * @param probability the softmax probability of that class
 */
public record TestPredictions(LabelledImages images, int[] predicted, double[] probability) {
    private static final int BATCH = 256;

    /**
     * Runs the model over the images, scaled with its own normaliser as in training.
     *
     * @param model  a loaded model
     * @param images labelled images of the model's input shape
     * @return the predictions
     */
    public static TestPredictions of(SavedModel model, LabelledImages images) {
        ImageBatchIterator it = new ImageBatchIterator(images, BATCH, false, 0);
        if (model.normalizer() != null) {
            it.setPreProcessor(model.normalizer());
        }
        int[] predicted = new int[images.count()];
        double[] probability = new double[images.count()];
        int row = 0;
        while (it.hasNext()) {
            DataSet batch = it.next();
            INDArray out = model.output(batch.getFeatures());
            for (int i = 0; i < out.rows(); i++, row++) {
                int best = out.getRow(i).argMax().getInt(0);
                predicted[row] = best;
                probability[row] = out.getDouble(i, best);
            }
        }
        return new TestPredictions(images, predicted, probability);
    }

    /** @return how many images were predicted */
    public int count() {
        return predicted.length;
    }

    /**
     * @param index an image's index
     * @return whether the prediction is wrong
     */
    public boolean wrong(int index) {
        return predicted[index] != images.labels()[index];
    }

    /**
     * @param n how many
     * @return the first {@code n} images, right or wrong: an honest sample of what the model does
     */
    public List<PredictionGrid.Sample> first(int n) {
        return IntStream.range(0, Math.min(n, count())).mapToObj(this::sample).toList();
    }

    /**
     * @param n how many at most
     * @return the wrong predictions the model was surest of, surest first: the most telling mistakes
     */
    public List<PredictionGrid.Sample> surestMistakes(int n) {
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < count(); i++) {
            if (wrong(i)) {
                wrong.add(i);
            }
        }
        wrong.sort(Comparator.comparingDouble((Integer i) -> probability[i]).reversed());
        return wrong.stream().limit(n).map(this::sample).toList();
    }

    /** @return how many predictions are wrong */
    public int mistakes() {
        return (int) IntStream.range(0, count()).filter(this::wrong).count();
    }

    private PredictionGrid.Sample sample(int index) {
        return new PredictionGrid.Sample(PredictionGrid.imageOf(images, index), images.labels()[index],
                predicted[index], probability[index]);
    }
}
