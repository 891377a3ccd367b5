package dev.cnnlab.cli;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.InvalidValueException;
import dev.cnnlab.training.checkpoint.NotResumableException;
import dev.cnnlab.runtime.CudaCheck;
import dev.cnnlab.runtime.NativeSetup;
import dev.cnnlab.runtime.Relauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

/**
 * The {@code cnnlab} command. Without a subcommand it runs the default job: train LeNet on MNIST.
 */
@Command(name = "cnnlab", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Train, evaluate, explain and export convolutional networks with Deeplearning4j.%n"
                + "Without a command: train LeNet on MNIST (fetching the data if missing).",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, SummaryCommand.class,
                RecipesCommand.class, ReproduceCommand.class, ReportCommand.class, VisualizeCommand.class,
                BenchCommand.class, UiCommand.class,
                FetchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    /** Exit code of a run that failed on bad input or a missing file. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of an unknown or invalid flag. */
    public static final int EXIT_USAGE = 2;

    @Spec
    CommandSpec spec;

    /**
     * Runs cnnlab and exits the JVM with its exit code.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        // The native runtime must be prepared before any ND4J class loads: environment first (in a child JVM
        // if need be), then the choice of natives, then the check for a CUDA device.
        OptionalInt child = Relauncher.relaunchIfNeeded(Main.class, args);
        if (child.isPresent()) {
            System.exit(child.getAsInt());
        }
        try {
            NativeSetup.configure(AccelerationOption.requested(args));
            Optional<String> noGpu = CudaCheck.problem();
            if (noGpu.isPresent()) {
                System.err.println(noGpu.get());
                System.exit(EXIT_FAILURE);
            }
            System.exit(run(args));
        } catch (OutOfMemoryError e) {
            System.err.println(outOfMemory(e));
            System.exit(EXIT_FAILURE);
        }
    }

    /**
     * Runs cnnlab without exiting, for tests and embedding.
     *
     * @param args command-line arguments
     * @return the exit code: 0 on success, 1 on a failed run, 2 on bad usage
     */
    public static int run(String... args) {
        NativeSetup.configure(AccelerationOption.requested(args));
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler(Main::onBadUsage);
        cli.setExecutionExceptionHandler(Main::onFailure);
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands only exceptions to the handler; an error reaches here once the frames that held the
            // memory are gone, so one line can still be printed.
            cli.getErr().println(outOfMemory(e));
            cli.getErr().flush();
            return EXIT_FAILURE;
        }
    }

    /** The one line a run that ran out of Java heap ends with: what ran out, the limit, and how to raise it. */
    static String outOfMemory(OutOfMemoryError e) {
        long maxMb = Runtime.getRuntime().maxMemory() >> 20;
        return "cnnlab: out of memory (" + e.getMessage() + ") with a Java heap of at most " + maxMb
                + " MB; give the JVM more, e.g. JAVA_OPTS=-Xmx4g";
    }

    @Override
    public Integer call() {
        return spec.commandLine().getSubcommands().get("train").execute();
    }

    private static int onBadUsage(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        String command = e.getCommandLine().getCommandSpec().qualifiedName();
        err.println(command + ": " + e.getMessage() + " (see '" + command + " --help')");
        err.flush();
        return EXIT_USAGE;
    }

    private static int onFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        boolean verbose = parsed.hasMatchedOption("--verbose") || parsed.subcommand() != null
                && parsed.subcommand().hasMatchedOption("--verbose");
        Optional<String> cuda = CudaCheck.explain(e);
        if (cuda.isPresent()) {
            err.println(cuda.get());
        } else if (e instanceof InvalidValueException bad) {
            err.println("cnnlab: " + SubjectFlags.message(bad));
        } else if (e instanceof NotResumableException notResumable) {
            err.println("cnnlab: " + ResumeOption.message(notResumable));
        } else if (e instanceof CnnlabException) {
            err.println("cnnlab: " + e.getMessage());
        } else {
            err.println("cnnlab: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + (verbose ? "" : " (run with --verbose for the stack trace)"));
        }
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return EXIT_FAILURE;
    }

    /** Reads the version from the jar's manifest, or says it is a development build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"cnnlab " + (v != null ? v : "(development build)") + ", DL4J 1.0.0-M2.1"};
        }
    }
}
