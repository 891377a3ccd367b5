package dev.cnnlab.cli;

import dev.cnnlab.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code cnnlab report}: draws the pictures of a finished run and its self-contained HTML report.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draw a run's charts (loss, accuracy, recall, confusion matrix), prediction grids and "
                + "first-layer filters as PNGs in the run directory, and one self-contained report.html with all of them.")
final class ReportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory written by 'cnnlab train'.")
    Path runDir;

    @Override
    public Integer call() {
        common.apply();
        RunReport.Output out = RunReport.write(runDir, common.dataDir);
        out.pictures().values().forEach(p -> System.out.println("picture: " + p));
        System.out.println("report: " + out.html());
        return 0;
    }
}
