package dev.cnnlab.config;

import dev.cnnlab.data.idx.IdxDataset;
import dev.cnnlab.data.photo.CatsDogsLocation;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a run trains and tests on: an IDX dataset ({@code mnist}, {@code fashion}), the cats-vs-dogs photos
 * ({@code cats-dogs}) or a class-per-folder photo tree ({@code folder:PATH}).
 *
 * @param key the name as {@code config.json} holds it
 */
public record DatasetSource(String key) {
    private static final String FOLDER = "folder:";

    /**
     * @param text a dataset's name, in any case for the fixed names
     * @return the dataset
     * @throws IllegalArgumentException listing the names expected
     */
    public static DatasetSource parse(String text) {
        String v = text.strip();
        if (v.equalsIgnoreCase(CatsDogsLocation.KEY)) {
            return new DatasetSource(CatsDogsLocation.KEY);
        }
        if (v.regionMatches(true, 0, FOLDER, 0, FOLDER.length())) {
            String path = v.substring(FOLDER.length());
            if (path.isBlank()) {
                throw new IllegalArgumentException("expected folder:PATH with a path, got '" + text + "'");
            }
            return new DatasetSource(FOLDER + path);
        }
        return IdxDataset.byKey(v).map(d -> new DatasetSource(d.key())).orElseThrow(() ->
                new IllegalArgumentException("expected one of " + Arrays.stream(IdxDataset.values())
                        .map(IdxDataset::key).collect(Collectors.joining(", ")) + ", cats-dogs or folder:PATH, got '"
                        + text + "'"));
    }

    /** @return the IDX dataset, unless this is a photo dataset */
    public Optional<IdxDataset> idx() {
        return IdxDataset.byKey(key);
    }

    /** @return whether this is a photo dataset */
    public boolean isPhotos() {
        return idx().isEmpty();
    }

    /** @return {@code cats-dogs} or the photo tree's path; null for an IDX dataset */
    public String photos() {
        if (!isPhotos()) {
            return null;
        }
        return key.startsWith(FOLDER) ? key.substring(FOLDER.length()) : key;
    }

    /** @return a short name for run directories: the IDX key, {@code cats-dogs} or {@code folder} */
    public String shortName() {
        return key.startsWith(FOLDER) ? "folder" : key;
    }

    @Override
    public String toString() {
        return key;
    }
}
