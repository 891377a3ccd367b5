package dev.cnnlab.bench;

import dev.cnnlab.CnnlabException;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The command line of {@link PhotoTreeBuilder}, which {@code scripts/bench-photo-tree.sh} runs:
 * {@code java -cp target/cnnlab.jar dev.cnnlab.bench.PhotoTreeCommand --source DIR --out DIR [--photos N]}.
 */
public final class PhotoTreeCommand {
    private PhotoTreeCommand() {
    }

    /**
     * Builds a tree from the command line: {@code --source DIR --out DIR [--photos N] [--seed S] [--threads T]}.
     * Prints where the tree is and how many files of each kind it holds; a bad argument is one line and exit code 2.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        try {
            Arguments a = Arguments.parse(args);
            long t0 = System.nanoTime();
            PhotoTreeBuilder builder = new PhotoTreeBuilder(a.source(), a.photos(), a.seed(), a.threads());
            PhotoTreeBuilder.Tree tree = builder.build(a.out());
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.print(summary(tree, seconds, a.threads()));
            PeakMemory.peakResidentMb().ifPresent(mb -> System.out.printf(Locale.ROOT,
                    "  peak resident memory: %.0f MB%n", mb));
        } catch (CnnlabException e) {
            System.err.println("photo-tree: " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * @param tree    a tree built
     * @param seconds how long it took
     * @param threads on how many threads
     * @return where it is and what it holds, in a few lines
     */
    static String summary(PhotoTreeBuilder.Tree tree, double seconds, int threads) {
        return String.format(Locale.ROOT, "photo tree: %s (%,d files in %.1f s on %d threads)%n", tree.root(),
                tree.entries().size(), seconds, threads) + contents(tree);
    }

    /**
     * @param tree a tree built
     * @return how many files of each folder and kind it holds
     */
    static String contents(PhotoTreeBuilder.Tree tree) {
        StringBuilder s = new StringBuilder();
        for (String split : List.of("train", "test")) {
            s.append("  ").append(split).append(":");
            for (String label : PhotoTreeBuilder.CLASSES) {
                s.append(String.format(Locale.ROOT, " %s %,d", label, tree.count(split, label)));
            }
            s.append(System.lineSeparator());
        }
        s.append(String.format(Locale.ROOT, "  photos %,d, CMYK JPEGs %d, truncated JPEGs %d, empty files %d",
                tree.of(PhotoTreeBuilder.Kind.PHOTO).size(), tree.of(PhotoTreeBuilder.Kind.CMYK).size(),
                tree.of(PhotoTreeBuilder.Kind.TRUNCATED).size(),
                tree.of(PhotoTreeBuilder.Kind.EMPTY).size()));
        return s.toString();
    }

    /** The command line's values. */
    private record Arguments(Path source, Path out, int photos, long seed, int threads) {
        static Arguments parse(String[] args) {
            Path source = null;
            Path out = null;
            int photos = PhotoTreeBuilder.DEFAULT_PHOTOS;
            long seed = 42;
            int threads = Runtime.getRuntime().availableProcessors();
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 >= args.length) {
                    throw new CnnlabException(flag + ": expected a value after it");
                }
                String value = args[++i];
                switch (flag) {
                    case "--source" -> source = Path.of(value);
                    case "--out" -> out = Path.of(value);
                    case "--photos" -> photos = number(flag, value);
                    case "--seed" -> seed = number(flag, value);
                    case "--threads" -> threads = number(flag, value);
                    default -> throw new CnnlabException("unknown option '" + flag
                            + "' (expected --source, --out, --photos, --seed or --threads)");
                }
            }
            if (source == null || out == null) {
                throw new CnnlabException("expected --source DIR and --out DIR");
            }
            return new Arguments(source, out, photos, seed, threads);
        }

        private static int number(String flag, String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new CnnlabException(flag + ": expected a whole number, got '" + value + "'");
            }
        }
    }
}
