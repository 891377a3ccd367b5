package dev.cnnlab.cli;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.training.TrainingOptions;
import dev.cnnlab.training.checkpoint.ResumeState;
import picocli.CommandLine.ParseResult;

import java.util.Map;

/**
 * How {@code train --resume} treats the other flags: a resumed run keeps the settings it was started with;
 * flags that only say how to run it (epochs to reach, checkpoints, data directory, progress, --plain-dl4j) apply; a
 * training flag that disagrees with the run's settings is refused in one line.
 */
final class ResumeFlags {
    /** Training flags and the {@link TrainingOptions#toMap()} key each sets. */
    private static final Map<String, String> FIXED = Map.ofEntries(Map.entry("--dataset", "dataset"),
            Map.entry("--model", "model"), Map.entry("--batch-size", "batch_size"), Map.entry("--optimizer", "optimizer"),
            Map.entry("--lr", "learning_rate"),
            Map.entry("--lr-decay", "lr_decay"),
            Map.entry("--beta1", "beta1"), Map.entry("--beta2", "beta2"), Map.entry("--seed", "seed"),
            Map.entry("--limit", "limit"), Map.entry("--test-limit", "test_limit"),
            Map.entry("--validation-split", "validation_split"), Map.entry("--augment", "augment"),
            Map.entry("--tta", "tta"),
            Map.entry("--scaling", "scaling"), Map.entry("--no-bn-recalibration", "bn_recalibration"));

    private ResumeFlags() {
    }

    /**
     * @param given     what the command line said
     * @param requested the options the flags alone would give
     * @param resumed   the run being resumed
     * @return the resumed run's options with the flags that may change applied
     * @throws CnnlabException naming the first conflicting flag
     */
    static TrainingOptions apply(ParseResult given, TrainingOptions requested, ResumeState resumed) {
        for (String flag : new String[] {"--recipe", "--out"}) {
            if (given.hasMatchedOption(flag)) {
                throw new CnnlabException(flag + ": cannot be combined with --resume, which continues " + resumed.runDir()
                        + " with its own settings");
            }
        }
        TrainingOptions o = resumed.options();
        Map<String, Object> theirs = o.toMap();
        Map<String, Object> ours = requested.toMap();
        for (Map.Entry<String, String> f : FIXED.entrySet()) {
            String key = f.getValue();
            if (given.hasMatchedOption(f.getKey()) && !ResumeState.sameValue(ours.get(key), theirs.get(key))) {
                throw new CnnlabException(f.getKey() + ": " + resumed.runDir() + " was trained with " + theirs.get(key)
                        + "; a resumed run keeps its settings (start a new run to change them)");
            }
        }
        if (given.hasMatchedOption("--epochs")) {
            int done = resumed.checkpoint().position().epoch() - 1;
            if (requested.epochs < done) {
                throw new CnnlabException("--epochs: " + resumed.runDir() + " has trained " + done
                        + " epochs already; expected at least that, got " + requested.epochs);
            }
            o.epochs = requested.epochs;
        }
        o.dataDir = requested.dataDir;
        o.fetch = requested.fetch;
        o.progress = requested.progress;
        o.checkpointEvery = requested.checkpointEvery;
        o.checkpointMinutes = requested.checkpointMinutes;
        o.keepCheckpoints = requested.keepCheckpoints;
        // Decided at start-up from the command line (DL4J's layer helpers), so the command line decides for the rest.
        o.plainDl4j = requested.plainDl4j;
        return o;
    }
}
