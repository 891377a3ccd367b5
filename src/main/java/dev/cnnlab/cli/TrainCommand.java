package dev.cnnlab.cli;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.config.Settings;
import dev.cnnlab.config.TrainingConfig;
import dev.cnnlab.report.RunReport;
import dev.cnnlab.training.TrainingResult;
import dev.cnnlab.training.TrainingRun;
import dev.cnnlab.training.checkpoint.NotResumableException;
import dev.cnnlab.training.checkpoint.ResumeState;
import dev.cnnlab.ui.LiveTraining;
import dev.cnnlab.ui.UiOptions;
import dev.cnnlab.zoo.Recipes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code cnnlab train}: trains a network and writes a run directory.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, modelTransformer = SettingOptions.class,
        description = "Train a network on a dataset; writes the model zip, metrics, configuration and log to a run directory.")
final class TrainCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--recipe", paramLabel = "NAME",
            description = "Start from a named recipe's network, dataset and settings (see 'cnnlab recipes'); other flags override it.")
    String recipe;

    @Option(names = "--no-report", description = "Skip the pictures and report.html (see 'cnnlab report').")
    boolean noReport;

    @Mixin
    ResumeOption resume;

    @Mixin
    UiTrainOptions ui;

    @Override
    public Integer call() {
        common.apply();
        TrainingConfig options;
        ResumeState resumed = null;
        UiOptions uiOptions;
        try {
            if (resume.given()) {
                resumed = resume.open();
                options = ResumeFlags.apply(spec.commandLine().getParseResult(), toOptions(), resumed).validate();
            } else {
                options = toOptions().validate();
            }
            uiOptions = ui.toOptions().validate();
        } catch (NotResumableException e) {
            throw new ParameterException(spec.commandLine(), ResumeOption.message(e), e);
        } catch (CnnlabException e) {
            throw new ParameterException(spec.commandLine(), SubjectFlags.message(e), e);
        }
        if (uiOptions.enabled()) {
            options = options.with(Settings.OUT, options.resolveOutDir()); // fixed now: the UI's statistics file goes into it
        }
        try (LiveTraining live = LiveTraining.start(uiOptions, options.resolveOutDir())) {
            TrainingRun run = new TrainingRun(options);
            if (resumed != null) {
                run.resumeFrom(resumed);
            }
            live.listeners().forEach(run::addListener);
            writeReport(run.run(), options);
            live.trainingFinished();
        }
        return 0;
    }

    private void writeReport(TrainingResult result, TrainingConfig options) {
        if (!noReport) {
            try {
                LOG.info("report: {}", RunReport.write(result.runDir(), options.get(Settings.DATA_DIR)).html());
            } catch (CnnlabException e) {
                // The model is saved already: a report that cannot be drawn must not fail the run.
                LOG.warn("no report: {}", e.getMessage());
            }
        }
    }

    /** @return the configuration the flags give: the recipe's or the defaults, with every flag given applied */
    TrainingConfig toOptions() {
        TrainingConfig base = recipe != null ? Recipes.require(recipe).config() : TrainingConfig.defaults();
        return SettingOptions.apply(spec.commandLine().getParseResult(), base);
    }
}
