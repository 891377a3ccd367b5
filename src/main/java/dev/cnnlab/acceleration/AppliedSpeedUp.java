package dev.cnnlab.acceleration;

/**
 * One speed-up the acceleration layer applied to a network.
 *
 * @param name   a stable key, e.g. {@code batch-split}, as {@code config.json}'s {@code acceleration} list holds it
 * @param detail what exactly, for the log, e.g. {@code in-place ReLU backprop in 3 layers}
 */
public record AppliedSpeedUp(String name, String detail) {
    @Override
    public String toString() {
        return name + " (" + detail + ")";
    }
}
