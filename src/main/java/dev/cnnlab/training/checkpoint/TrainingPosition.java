package dev.cnnlab.training.checkpoint;

/**
 * Where a run stands: the epoch in progress, how many of its batches are trained, and how many iterations
 * (mini-batch updates) the run has made in all. A run resumed from a position trains exactly the batches a
 * run that never stopped would have trained next.
 *
 * @param epoch        the epoch to train next or in progress, from 1; {@code epochs + 1} when all are done
 * @param batchesDone  batches of that epoch already trained (0 at an epoch's start)
 * @param iteration    iterations trained since the run began
 */
public record TrainingPosition(int epoch, int batchesDone, int iteration) {
    /** Checks the numbers. */
    public TrainingPosition {
        if (epoch < 1 || batchesDone < 0 || iteration < 0) {
            throw new IllegalArgumentException("bad training position: epoch " + epoch + ", batch " + batchesDone
                    + ", iteration " + iteration);
        }
    }

    /** @return the position of a run that has not started */
    public static TrainingPosition start() {
        return new TrainingPosition(1, 0, 0);
    }

    /** @return a short description, such as {@code epoch 2, batch 31 (iteration 219)} */
    public String describe() {
        return "epoch " + epoch + ", batch " + batchesDone + " (iteration " + iteration + ")";
    }
}
