package dev.cnnlab.inference;

import dev.cnnlab.acceleration.Acceleration;
import dev.cnnlab.model.SavedModel;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * Predicts the classes of images with a saved model, preprocessing them exactly as training did.
 *
 * <p>One image at a time, the network runs as the acceleration layer's Java forward pass ({@link Acceleration}) when that computes all its layers (every
 * network in cnnlab's zoo): the same probabilities as DL4J's {@code output} to within float rounding, several times
 * faster at batch 1 (docs/performance.md). Other networks run on DL4J's {@code output}. Not thread-safe.
 */
public final class Predictor {
    private final SavedModel model;
    private final ImagePreprocessor preprocessor;
    private final UnaryOperator<INDArray> forward;

    /**
     * @param model a loaded model
     */
    public Predictor(SavedModel model) {
        this(model, false);
    }

    /**
     * @param model     a loaded model
     * @param plainDl4j whether DL4J's own {@code output} computes, as it ships ({@code --plain-dl4j})
     */
    public Predictor(SavedModel model, boolean plainDl4j) {
        this.model = model;
        this.preprocessor = new ImagePreprocessor(model.info());
        this.forward = Acceleration.prepareForInference(model.network(), model.info().input().toInputType(), plainDl4j)
                .batchOne();
    }

    /**
     * @param image an image file
     * @param k     how many classes to return
     * @return the {@code k} most probable classes
     */
    public Prediction predict(Path image, int k) {
        return predict(image.toString(), preprocessor.load(image), k);
    }

    /**
     * @param source a name for the image
     * @param rawInput a {@code [1, c, h, w]} array of raw 0-255 values
     * @param k        how many classes to return
     * @return the {@code k} most probable classes
     */
    public Prediction predict(String source, INDArray rawInput, int k) {
        INDArray input = rawInput.dup();
        if (model.normalizer() != null) {
            model.normalizer().transform(input);
        }
        INDArray probabilities = model.info().testTime().output(forward, input);
        List<String> names = model.info().classNames();
        List<Prediction.ClassScore> scores = new ArrayList<>();
        IntStream.range(0, names.size()).forEach(i ->
                scores.add(new Prediction.ClassScore(i, names.get(i), probabilities.getDouble(0, i))));
        scores.sort(Comparator.comparingDouble(Prediction.ClassScore::probability).reversed());
        return new Prediction(source, List.copyOf(scores.subList(0, Math.min(k, scores.size()))));
    }
}
