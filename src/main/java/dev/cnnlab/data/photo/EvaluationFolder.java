package dev.cnnlab.data.photo;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.config.InvalidSettingException;
import dev.cnnlab.config.Settings;
import dev.cnnlab.data.LabelledImages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * New photos to evaluate a trained model on: a class-per-folder tree ({@code ROOT/<class>/*.jpg}), or the
 * {@code test/} part of a {@code ROOT/train/<class>/}, {@code ROOT/test/<class>/} tree. Its photos are labelled
 * with the model's class indices. A folder of a class the model does not know is refused, since its photos
 * cannot be scored; a model class without photos is allowed, and named in {@link #missing()}, because a set of new
 * photos need not cover every class.
 *
 * @param root    the folder whose class folders were read
 * @param images  the readable photos, decoded at the model's input size
 * @param missing the model's classes that had no readable photos, in the model's order
 * @param skipped how many unreadable photos were left out (each named in the log)
 */
public record EvaluationFolder(Path root, LabelledImages images, List<String> missing, int skipped) {
    /**
     * Screens and decodes a tree's photos for a model.
     *
     * @param tree       the tree given with {@code --dataset folder:PATH}
     * @param classNames the model's classes, index = label
     * @param height     input height
     * @param width      input width
     * @param channels   3 (RGB) or 1 (grey)
     * @param limit      at most this many photos, a stratified sample (0: all)
     * @return the photos
     * @throws InvalidSettingException naming the {@code dataset} setting for a missing folder, a class folder the
     *                                  model does not know, or a tree without readable photos
     */
    public static EvaluationFolder load(Path tree, List<String> classNames, int height, int width, int channels,
                                        int limit) {
        Path root = classRoot(tree);
        List<LabelledFile> files = new ArrayList<>();
        for (String name : classFolders(root)) {
            int label = classNames.indexOf(name);
            if (label < 0) {
                throw new InvalidSettingException(Settings.DATASET, root.resolve(name)
                        + " is a class the model does not know"
                        + " (its classes: " + String.join(", ", classNames) + ")");
            }
            files.addAll(photos(root.resolve(name), label));
        }
        files = PhotoDataset.sample(files, limit, 42);
        List<LabelledFile> good = PhotoScreen.screen(files, false, "evaluation").good();
        if (good.isEmpty()) {
            throw new InvalidSettingException(Settings.DATASET, root
                    + " has no readable photos in class folders named after"
                    + " the model's classes (" + String.join(", ", classNames) + ")");
        }
        LabelledImages images = PhotoLoader.load(good, classNames, height, width, channels,
                Runtime.getRuntime().availableProcessors(), "evaluation");
        boolean[] seen = new boolean[classNames.size()];
        good.forEach(f -> seen[f.label()] = true);
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < seen.length; c++) {
            if (!seen[c]) {
                missing.add(classNames.get(c));
            }
        }
        return new EvaluationFolder(root, images, List.copyOf(missing), files.size() - good.size());
    }

    /** The tree itself, or its test folder when it is split into train and test folders. */
    private static Path classRoot(Path tree) {
        if (!Files.isDirectory(tree)) {
            throw new InvalidSettingException(Settings.DATASET, tree
                    + " is not a folder (expected ROOT/<class>/*.jpg)");
        }
        Path test = tree.resolve("test");
        return Files.isDirectory(tree.resolve("train")) && Files.isDirectory(test) ? test : tree;
    }

    private static Set<String> classFolders(Path root) {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> children = Files.list(root)) {
            for (Path dir : children.filter(Files::isDirectory).toList()) {
                if (!photos(dir, 0).isEmpty()) {
                    names.add(dir.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new InvalidSettingException(Settings.DATASET, "cannot list " + root + ": " + e.getMessage(), e);
        }
        return names;
    }

    private static List<LabelledFile> photos(Path dir, int label) {
        try (Stream<Path> photos = Files.list(dir)) {
            return photos.filter(ImageFolder::looksLikeImage).sorted().map(p -> new LabelledFile(p, label)).toList();
        } catch (IOException e) {
            throw new InvalidSettingException(Settings.DATASET, "cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
