package dev.cnnlab.training;

import dev.cnnlab.config.Settings;
import dev.cnnlab.config.TrainingConfig;
import dev.cnnlab.TestData;
import dev.cnnlab.training.checkpoint.ResumeState;

import java.nio.file.Path;

/** Test fixture: continues a finished run directory to more epochs, as {@code train --resume DIR --epochs N} does. */
final class ResumedRun {
    private ResumedRun() {
    }

    /**
     * @param runDir a run directory with a final checkpoint
     * @param epochs the epoch count to reach
     * @return the resumed run's result
     */
    static TrainingResult to(Path runDir, int epochs) {
        ResumeState state = ResumeState.open(runDir);
        TrainingConfig more = state.options();
        more = more.with(Settings.EPOCHS, epochs);
        more = more.with(Settings.PROGRESS, false);
        more = more.with(Settings.DATA_DIR, TestData.dataDir());
        return new TrainingRun(more).resumeFrom(state).run();
    }
}
