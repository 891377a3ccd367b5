package dev.cnnlab.cli;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.acceleration.Acceleration;
import dev.cnnlab.acceleration.AccelerationSettings;
import dev.cnnlab.bench.BenchImages;
import dev.cnnlab.bench.BenchReport;
import dev.cnnlab.bench.BenchResult;
import dev.cnnlab.bench.BenchSettings;
import dev.cnnlab.bench.ChildJvm;
import dev.cnnlab.bench.ImagePool;
import dev.cnnlab.bench.ThroughputBenchmark;
import dev.cnnlab.data.store.DataDirectory;
import dev.cnnlab.runtime.NativeSetup;
import dev.cnnlab.zoo.Architecture;
import dev.cnnlab.zoo.ModelZoo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code cnnlab bench}: training and inference throughput and peak memory of zoo networks on the images they train
 * on (MNIST, or cats-vs-dogs photos for the photo networks).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure training images/s, inference images/s at batch 1 and 256, and peak memory of zoo "
                + "networks on real MNIST images (photo networks: cats-vs-dogs photos at their recipe's size); "
                + "each value is the median of several timed windows after a warm-up.",
                "Each network runs in a JVM of its own, so its peak memory is its own. Compare with PyTorch: "
                        + "scripts/bench-compare.sh."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--models", paramLabel = "NAMES", split = ",", defaultValue = "lenet,keras-mnist",
            description = "Zoo networks, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--seconds", paramLabel = "S",
            description = "Timed seconds per measurement, after a warm-up of half as long (default: ${DEFAULT-VALUE}).")
    double seconds = BenchSettings.DEFAULT_SECONDS;

    @Option(names = "--windows", paramLabel = "N",
            description = "Windows the timed seconds are split into; the median counts (default: ${DEFAULT-VALUE}).")
    int windows = BenchSettings.DEFAULT_WINDOWS;

    @Option(names = "--batch-size", paramLabel = "B", description = "Training batch size (default: ${DEFAULT-VALUE}).")
    int batchSize = BenchSettings.DEFAULT_BATCH_SIZE;

    @Mixin
    SeedOption seed;

    @Option(names = "--no-backprop-shortcuts",
            description = "Train as plain DL4J does: recompute each layer's forward pass in backprop, and the first "
                    + "layer's unused input gradient (to measure what cnnlab's shortcuts save).")
    boolean noBackpropShortcuts;

    @Option(names = "--no-batch-split",
            description = "Train each batch whole, every operation spread over the cores, as plain DL4J does, instead of "
                    + "in parts at once, one per core (to measure what the split saves).")
    boolean noBatchSplit;

    @Mixin
    AccelerationOption acceleration;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write {\"<model>\": {\"train_img_s\", \"infer_b1_img_s\", \"infer_b256_img_s\", "
                    + "\"peak_rss_mb\"}} to FILE.")
    Path json;

    @Option(names = "--in-process",
            description = "Measure every network in this JVM (faster to start; peak memory is then the highest so far).")
    boolean inProcess;

    /** Set on the child JVMs, whose parent prints the combined table. */
    @Option(names = "--no-table", hidden = true)
    boolean noTable;

    @Override
    public Integer call() {
        common.apply();
        BenchSettings settings;
        List<Architecture> architectures = new ArrayList<>();
        try {
            settings = new BenchSettings(seconds, windows, batchSize, seed.seed, acceleration.plainDl4j
                    ? AccelerationSettings.of(true) : new AccelerationSettings(false, !noBatchSplit, !noBackpropShortcuts));
            for (String name : models) {
                architectures.add(ModelZoo.find(name.trim()).orElseThrow(() -> new CnnlabException("--models: unknown "
                        + "network '" + name.trim() + "', expected one of "
                        + String.join(", ", ModelZoo.all().stream().map(Architecture::name).toList()))));
            }
        } catch (CnnlabException e) {
            throw new ParameterException(spec.commandLine(), SubjectFlags.message(e), e);
        }
        BenchImages images = new BenchImages(DataDirectory.resolve(common.dataDir));
        architectures.forEach(images::requireAvailable);
        List<BenchResult> results = inProcess ? measureHere(architectures, settings, images)
                : measureInChildren(architectures);
        if (json != null) {
            BenchReport.write(results, json);
        }
        if (!noTable) {
            System.out.print(BenchReport.table(results, batchSize));
        }
        return 0;
    }

    private List<BenchResult> measureHere(List<Architecture> architectures, BenchSettings settings, BenchImages images) {
        List<BenchResult> results = new ArrayList<>();
        for (Architecture architecture : architectures) {
            ImagePool pool = images.poolFor(architecture);
            ThroughputBenchmark benchmark = new ThroughputBenchmark(architecture, settings, pool.input(), pool.classes());
            System.out.println(architecture.name() + " on " + pool.input() + " images:");
            System.out.println((NativeSetup.describe(benchmark.network()) + System.lineSeparator()
                    + Acceleration.describe(benchmark.network())).indent(2).stripTrailing());
            System.out.flush();
            results.add(benchmark.run(pool));
        }
        return results;
    }

    /** One child JVM per network, each writing its JSON to a temporary file that is read back. */
    private List<BenchResult> measureInChildren(List<Architecture> architectures) {
        List<BenchResult> results = new ArrayList<>();
        for (Architecture architecture : architectures) {
            Path out = tempFile();
            try {
                List<String> args = new ArrayList<>(List.of("bench", "--in-process", "--no-table",
                        "--models", architecture.name(), "--seconds", Double.toString(seconds),
                        "--windows", Integer.toString(windows), "--batch-size", Integer.toString(batchSize),
                        "--seed", Long.toString(seed.seed), "--json", out.toString()));
                if (noBackpropShortcuts) {
                    args.add("--no-backprop-shortcuts");
                }
                if (noBatchSplit) {
                    args.add("--no-batch-split");
                }
                if (acceleration.plainDl4j) {
                    args.add(AccelerationOption.FLAG);
                }
                if (common.dataDir != null) {
                    args.addAll(List.of("--data-dir", common.dataDir.toString()));
                }
                if (common.verbose) {
                    args.add("--verbose");
                }
                ChildJvm.run(Main.class, args);
                results.addAll(BenchReport.read(out));
            } finally {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a leftover file in the temporary directory is harmless
                }
            }
        }
        return results;
    }

    private static Path tempFile() {
        try {
            return Files.createTempFile("cnnlab-bench-", ".json");
        } catch (IOException e) {
            throw new CnnlabException("cannot create a temporary file for a child JVM's results (" + e.getMessage()
                    + "); use --in-process", e);
        }
    }
}
