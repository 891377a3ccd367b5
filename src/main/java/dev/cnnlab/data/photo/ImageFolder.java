package dev.cnnlab.data.photo;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.config.InvalidSettingException;
import dev.cnnlab.config.Settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A class-per-folder photo tree, either {@code ROOT/train/<class>/} and {@code ROOT/test/<class>/}, or one
 * {@code ROOT/<class>/} tree that {@link #split} divides. The class list is the sorted union of the class
 * folders found anywhere in the tree, and is the one list every reader is given: readers left to infer
 * their own can map the same name to different indices (or fail when a split lacks a class).
 *
 * @param root       the folder given with {@code --dataset folder:ROOT}
 * @param classNames the class names, sorted; index = label
 * @param train      the training photos (every photo, for a single tree)
 * @param test       the test photos; empty for a single tree
 */
public record ImageFolder(Path root, List<String> classNames, List<LabelledFile> train, List<LabelledFile> test) {
    private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp");

    /** Copies the lists. */
    public ImageFolder {
        classNames = List.copyOf(classNames);
        train = List.copyOf(train);
        test = List.copyOf(test);
    }

    /** @return whether the tree had its own test folder */
    public boolean hasTestFolder() {
        return !test.isEmpty();
    }

    /**
     * @param root the tree's root
     * @return its photos, in a stable (sorted) order
     * @throws CnnlabException naming the folder when it is missing or holds no class folders with images
     */
    public static ImageFolder scan(Path root) {
        if (!Files.isDirectory(root)) {
            throw new InvalidSettingException(Settings.DATASET, root
                    + " is not a folder (expected ROOT/<class>/*.jpg or"
                    + " ROOT/train/<class>/ and ROOT/test/<class>/)");
        }
        Path trainDir = root.resolve("train");
        Path testDir = root.resolve("test");
        boolean splitTree = Files.isDirectory(trainDir) && Files.isDirectory(testDir);
        List<Path> trees = splitTree ? List.of(trainDir, testDir) : List.of(root);
        Set<String> names = new TreeSet<>();
        for (Path tree : trees) {
            names.addAll(classFolders(tree));
        }
        if (names.size() < 2) {
            throw new InvalidSettingException(Settings.DATASET, root + " has " + names.size()
                    + " class folder(s) with images;"
                    + " expected at least 2 (ROOT/<class>/*.jpg or ROOT/train/<class>/ and ROOT/test/<class>/)");
        }
        List<String> classNames = List.copyOf(names);
        List<LabelledFile> train = files(splitTree ? trainDir : root, classNames);
        List<LabelledFile> test = splitTree ? files(testDir, classNames) : List.of();
        if (splitTree && test.isEmpty()) {
            throw new InvalidSettingException(Settings.DATASET, testDir + " holds no images");
        }
        return new ImageFolder(root, classNames, train, test);
    }

    /**
     * A stratified random split: within every class, the same share goes to the held-out part, drawn from
     * the seed. No file lands in both parts.
     *
     * @param files            the photos to split
     * @param heldOutFraction  the share held out, in (0, 1)
     * @param seed             the random seed
     * @return kept and held-out photos
     */
    public static Split split(List<LabelledFile> files, double heldOutFraction, long seed) {
        List<LabelledFile> kept = new ArrayList<>();
        List<LabelledFile> heldOut = new ArrayList<>();
        int classes = files.stream().mapToInt(LabelledFile::label).max().orElse(-1) + 1;
        for (int c = 0; c < classes; c++) {
            final int label = c;
            List<LabelledFile> ofClass = new ArrayList<>(files.stream().filter(f -> f.label() == label).toList());
            java.util.Collections.shuffle(ofClass, new Random(seed * 31 + c));
            int n = (int) Math.round(ofClass.size() * heldOutFraction);
            heldOut.addAll(ofClass.subList(0, n));
            kept.addAll(ofClass.subList(n, ofClass.size()));
        }
        Comparator<LabelledFile> byPath = Comparator.comparing(f -> f.path().toString());
        kept.sort(byPath);
        heldOut.sort(byPath);
        return new Split(kept, heldOut);
    }

    /**
     * The two parts of a split.
     *
     * @param kept    the part kept for training
     * @param heldOut the part held out
     */
    public record Split(List<LabelledFile> kept, List<LabelledFile> heldOut) {
    }

    private static Set<String> classFolders(Path tree) {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> children = Files.list(tree)) {
            for (Path dir : children.filter(Files::isDirectory).toList()) {
                try (Stream<Path> photos = Files.list(dir)) {
                    if (photos.anyMatch(ImageFolder::looksLikeImage)) {
                        names.add(dir.getFileName().toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new InvalidSettingException(Settings.DATASET, "cannot list " + tree + ": " + e.getMessage(), e);
        }
        return names;
    }

    private static List<LabelledFile> files(Path tree, List<String> classNames) {
        List<LabelledFile> out = new ArrayList<>();
        for (int label = 0; label < classNames.size(); label++) {
            Path dir = tree.resolve(classNames.get(label));
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> photos = Files.list(dir)) {
                final int l = label;
                photos.filter(ImageFolder::looksLikeImage).sorted()
                        .forEach(p -> out.add(new LabelledFile(p, l)));
            } catch (IOException e) {
                throw new InvalidSettingException(Settings.DATASET, "cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** By name only: whether the file is really an image is for {@link PhotoScreen} to find out. */
    static boolean looksLikeImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1)) && Files.isRegularFile(p);
    }
}
