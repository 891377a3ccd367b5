package dev.cnnlab.cli;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.config.Setting;
import dev.cnnlab.config.Settings;
import dev.cnnlab.config.TrainingConfig;
import dev.cnnlab.training.checkpoint.ResumeState;
import picocli.CommandLine.ParseResult;

/**
 * How {@code train --resume} treats the other flags, derived from each setting's declaration: a resumed run keeps
 * the settings it was started with; the settings {@link Setting#isResumable() a resumed run may change} (epochs to
 * reach, checkpoints, data directory, progress) apply; a flag of another setting that disagrees with the run's
 * value is refused in one line.
 */
final class ResumeFlags {
    private ResumeFlags() {
    }

    /**
     * @param given     what the command line said
     * @param requested the configuration the flags alone would give
     * @param resumed   the run being resumed
     * @return the resumed run's configuration with the settings that may change applied
     * @throws CnnlabException naming the first conflicting flag
     */
    static TrainingConfig apply(ParseResult given, TrainingConfig requested, ResumeState resumed) {
        for (String flag : new String[] {"--recipe", Settings.OUT.flag()}) {
            if (given.hasMatchedOption(flag)) {
                throw new CnnlabException(flag + ": cannot be combined with --resume, which continues " + resumed.runDir()
                        + " with its own settings");
            }
        }
        TrainingConfig o = resumed.options();
        for (Setting<?> s : Settings.ALL) {
            if (s.isResumable()) {
                if (s != Settings.OUT && (given.hasMatchedOption(s.flag()) || s.scope() == Setting.Scope.INVOCATION)) {
                    o = take(o, requested, s);
                }
            } else if (given.hasMatchedOption(s.flag())
                    && !ResumeState.sameValue(s.toJson(requested.get(s)), s.toJson(o.get(s)))) {
                throw new CnnlabException(s.flag() + ": " + resumed.runDir() + " was trained with "
                        + s.toJson(o.get(s)) + "; a resumed run keeps its settings (start a new run to change them)");
            }
        }
        int done = resumed.checkpoint().position().epoch() - 1;
        if (given.hasMatchedOption(Settings.EPOCHS.flag()) && o.get(Settings.EPOCHS) < done) {
            throw new CnnlabException(Settings.EPOCHS.flag() + ": " + resumed.runDir() + " has trained " + done
                    + " epochs already; expected at least that, got " + o.get(Settings.EPOCHS));
        }
        return o;
    }

    private static <T> TrainingConfig take(TrainingConfig to, TrainingConfig from, Setting<T> s) {
        return to.with(s, from.get(s));
    }
}
