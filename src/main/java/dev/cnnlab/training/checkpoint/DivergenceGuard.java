package dev.cnnlab.training.checkpoint;

import dev.cnnlab.CnnlabException;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

import java.nio.file.Path;
import java.util.Map;

/**
 * Stops a run whose loss became NaN or infinite, naming the epoch, batch and iteration and the likely cause.
 * It must be the first listener, so that no checkpoint is written after the divergence: the last good one is
 * kept. A diverged network never recovers, so going on would only waste the hours left.
 */
public final class DivergenceGuard extends BaseTrainingListener {
    private final Checkpointer checkpointer;
    private final Map<String, Object> options;

    /**
     * @param checkpointer tells where training stands and which checkpoint is the last good one
     * @param options      the run's options, to name the learning rate
     */
    public DivergenceGuard(Checkpointer checkpointer, Map<String, Object> options) {
        this.checkpointer = checkpointer;
        this.options = options;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        double loss = model.score();
        if (!Double.isFinite(loss)) {
            TrainingPosition p = checkpointer.position();
            // The checkpointer, later in the list, has not counted this iteration yet.
            TrainingPosition here = new TrainingPosition(p.epoch(), p.batchesDone() + 1, p.iteration() + 1);
            throw diverged(here, "the loss is " + loss, checkpointer.lastCheckpoint().orElse(null), options);
        }
    }

    /**
     * Refuses to checkpoint weights that are NaN or infinite (the loss of the step that broke them is only
     * seen one iteration later).
     */
    static void requireFiniteWeights(MultiLayerNetwork network, TrainingPosition position, Path lastGood,
                                     Map<String, Object> options) {
        if (!Double.isFinite(network.params().sumNumber().doubleValue())) {
            throw diverged(position, "the weights are NaN or infinite", lastGood, options);
        }
    }

    private static CnnlabException diverged(TrainingPosition p, String what, Path lastGood, Map<String, Object> options) {
        return new CnnlabException("training diverged at epoch " + p.epoch() + ", batch " + p.batchesDone()
                + " (iteration " + p.iteration() + "): " + what + "; the learning rate ("
                + options.get("learning_rate") + ") is probably too high: try 10x lower; "
                + (lastGood != null ? "last good checkpoint: " + lastGood : "no checkpoint was written before"));
    }
}
