package dev.cnnlab.config;

import java.util.Locale;

/**
 * A photo network's input size.
 *
 * @param height pixels
 * @param width  pixels
 */
public record ImageSize(int height, int width) {
    /**
     * @param text {@code HxW}, or one number for a square
     * @return the size
     * @throws IllegalArgumentException for anything else
     */
    public static ImageSize parse(String text) {
        String[] parts = text.strip().toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 1) {
                int side = Integer.parseInt(parts[0]);
                return new ImageSize(side, side);
            }
            if (parts.length == 2) {
                return new ImageSize(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("expected HxW such as 64x64, got '" + text + "'");
    }

    /** @return {@code HxW} */
    @Override
    public String toString() {
        return height + "x" + width;
    }
}
