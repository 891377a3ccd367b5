package dev.cnnlab.cli;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.ui.RunStatsFile;
import dev.cnnlab.ui.TrainingUi;
import dev.cnnlab.ui.UiOptions;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code cnnlab ui}: serves the training UI for finished runs, side by side, or receives statistics from
 * trainings on other machines ({@code train --ui-remote}), until Ctrl-C.
 */
@Command(name = "ui", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve DL4J's training UI for runs trained with --ui (side by side), or receive live statistics from 'train --ui-remote'; until Ctrl-C.")
final class UiCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(UiCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "RUN_DIR", arity = "0..*", description = "Run directories holding " + RunStatsFile.NAME + ".")
    List<Path> runDirs = new ArrayList<>();

    @Option(names = "--receive", description = "Accept statistics sent by 'train --ui-remote URL' from other processes or machines.")
    boolean receive;

    @Mixin
    UiAddressOptions address;

    @Override
    public Integer call() {
        common.apply();
        if (runDirs.isEmpty() && !receive) {
            throw new ParameterException(spec.commandLine(), "expected one or more RUN_DIR, or --receive");
        }
        UiOptions options = address.applyTo(new UiOptions());
        options.serve = true;
        try {
            options.validate();
        } catch (CnnlabException e) {
            throw new ParameterException(spec.commandLine(), SubjectFlags.message(e), e);
        }
        List<FileStatsStorage> runs = new ArrayList<>();
        try {
            for (Path dir : runDirs) {
                runs.add(RunStatsFile.open(dir));
            }
        } catch (CnnlabException e) {
            runs.forEach(FileStatsStorage::close);
            throw e;
        }
        TrainingUi ui = TrainingUi.start(options.host, options.port);
        runs.forEach(ui::attach);
        if (receive) {
            ui.receiveRemote(new InMemoryStatsStorage());
        }
        if (options.exposed()) {
            LOG.warn("--ui-host {}: the training UI is open to other machines, without a password", options.host);
        }
        System.out.println(ui.url());
        System.out.flush();
        LOG.info("serving {} run(s){}; Ctrl-C to stop", runs.size(), receive ? " and receiving remote statistics" : "");
        ui.awaitShutdown();
        return 0;
    }
}
