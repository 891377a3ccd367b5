package dev.cnnlab.data.photo;

import java.nio.file.Path;

/**
 * One photo and the index of its class in the dataset's label list.
 *
 * @param path  the image file
 * @param label the class index
 */
public record LabelledFile(Path path, int label) {
}
