package dev.cnnlab.cli;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.training.TrainingOptions;

import java.util.Locale;

/**
 * Reads {@code --dataset} (an IDX dataset, {@code cats-dogs} or {@code folder:PATH}) and
 * {@code --image-size} into training options.
 */
final class DatasetChoice {
    private DatasetChoice() {
    }

    /**
     * @param value   the {@code --dataset} value
     * @param options the options to set
     * @throws CnnlabException naming {@code --dataset} for an unknown name
     */
    static void apply(String value, TrainingOptions options) {
        options.useDataset(value);
    }

    /**
     * @param value {@code HxW}, or one number for a square
     * @return height and width
     * @throws CnnlabException naming {@code --image-size} for anything else
     */
    static int[] imageSize(String value) {
        String[] parts = value.strip().toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 1) {
                int side = Integer.parseInt(parts[0]);
                return new int[] {side, side};
            }
            if (parts.length == 2) {
                return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new CnnlabException("--image-size: expected HxW such as 64x64, got '" + value + "'");
    }
}
