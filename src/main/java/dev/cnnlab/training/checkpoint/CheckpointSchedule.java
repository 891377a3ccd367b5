package dev.cnnlab.training.checkpoint;

import dev.cnnlab.CnnlabException;

/**
 * When to write a checkpoint besides every epoch's end: every so many iterations, every so many minutes,
 * or both (whichever comes first); 0 turns either off.
 *
 * @param everyIterations iterations between checkpoints, 0 for none
 * @param everyMinutes    minutes between checkpoints, 0 for none
 * @param keep            how many checkpoints to keep, newest first (at least 1)
 */
public record CheckpointSchedule(int everyIterations, double everyMinutes, int keep) {
    /** The default: each epoch end and every 10 minutes, keeping the last 3. */
    public static final CheckpointSchedule DEFAULT = new CheckpointSchedule(0, 10, 3);

    /** Checks the numbers, naming the bad one. */
    public CheckpointSchedule {
        if (everyIterations < 0) {
            throw new CnnlabException("checkpoints every so many iterations: expected 0 (off) or a number of iterations, got "
                    + everyIterations);
        }
        if (!(everyMinutes >= 0) || Double.isInfinite(everyMinutes)) {
            throw new CnnlabException("checkpoints every so many minutes: expected 0 (off) or a number of minutes, got "
                    + everyMinutes);
        }
        if (keep < 1) {
            throw new CnnlabException("checkpoints kept: expected at least 1, got " + keep);
        }
    }

    /**
     * @param iterationsSince iterations trained since the last checkpoint
     * @param nanosSince      time since the last checkpoint
     * @return whether a checkpoint is due now
     */
    public boolean due(int iterationsSince, long nanosSince) {
        if (iterationsSince <= 0) {
            return false;
        }
        boolean byCount = everyIterations > 0 && iterationsSince >= everyIterations;
        boolean byTime = everyMinutes > 0 && nanosSince >= everyMinutes * 60e9;
        return byCount || byTime;
    }
}
