package dev.cnnlab.evaluation;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.data.batches.ImageBatchIterator;
import dev.cnnlab.model.ModelInfo;
import dev.cnnlab.model.SavedModel;
import dev.cnnlab.progress.ProgressBars;
import dev.cnnlab.zoo.InputShape;
import dev.cnnlab.zoo.TestTimeAugmentation;
import me.tongfei.progressbar.ProgressBar;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

/**
 * Runs a network over a labelled iterator once and measures it.
 */
public final class ModelEvaluator {
    private static final int TOP_N = 3;
    private static final double LOG_FLOOR = 1e-12;
    private static final int EVAL_BATCH = 256;

    private ModelEvaluator() {
    }

    /**
     * @param network    a trained network
     * @param data       labelled batches, already preprocessed for the network; reset before and after
     * @param classNames class names, indexed by label
     * @param testTime   how the network is run on each batch
     * @param progressTotal images in {@code data}, for a progress bar; 0 for no bar
     * @return accuracy, loss and per-class metrics
     */
    public static EvaluationReport evaluate(MultiLayerNetwork network, DataSetIterator data, List<String> classNames,
                                            TestTimeAugmentation testTime, long progressTotal) {
        Evaluation evaluation = new Evaluation(classNames);
        TopKAccuracy top = new TopKAccuracy(TOP_N);
        double lossSum = 0;
        long images = 0;
        data.reset();
        try (ProgressBar bar = progressTotal > 0 ? ProgressBars.start("evaluate", progressTotal, "img") : null) {
            while (data.hasNext()) {
                DataSet batch = data.next();
                INDArray output = testTime.output(network, batch.getFeatures());
                evaluation.eval(batch.getLabels(), output);
                top.add(batch.getLabels(), output);
                lossSum += crossEntropySum(batch.getLabels(), output);
                images += batch.numExamples();
                if (bar != null) {
                    bar.stepTo(images);
                }
            }
        }
        data.reset();
        return new EvaluationReport(evaluation, top, images == 0 ? Double.NaN : lossSum / images, classNames);
    }

    /**
     * Evaluates a saved model on labelled images, scaled with the model's own normaliser and scored the way the
     * model says ({@link ModelInfo#testTime()}).
     *
     * @param model        a loaded model
     * @param images       labelled images of the model's input shape and classes
     * @param source       the images' name for error messages, such as {@code mnist test set}
     * @param showProgress whether to draw a progress bar
     * @return the report
     * @throws CnnlabException when the images do not fit the model
     */
    public static EvaluationReport evaluate(SavedModel model, LabelledImages images, String source,
                                            boolean showProgress) {
        ModelInfo info = model.info();
        InputShape shape = new InputShape(images.height(), images.width(), images.channels());
        if (!shape.equals(info.input())) {
            throw new CnnlabException(source + " has " + shape + " images, but the model expects " + info.input());
        }
        if (images.numClasses() != info.classNames().size()) {
            throw new CnnlabException(source + " has " + images.numClasses() + " classes, but the model has "
                    + info.classNames().size());
        }
        ImageBatchIterator it = new ImageBatchIterator(images, EVAL_BATCH, false, 0);
        it.setPreProcessor(model.normalizer());
        return evaluate(model.network(), it, info.classNames(), info.testTime(), showProgress ? images.count() : 0);
    }

    /** Summed cross-entropy of softmax outputs against one-hot labels. */
    static double crossEntropySum(INDArray labels, INDArray probabilities) {
        INDArray logs = Transforms.log(Transforms.max(probabilities, LOG_FLOOR, true), false);
        return -logs.muli(labels).sumNumber().doubleValue();
    }
}
