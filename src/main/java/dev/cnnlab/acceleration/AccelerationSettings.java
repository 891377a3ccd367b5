package dev.cnnlab.acceleration;

/**
 * What the acceleration layer may apply to a network that is trained.
 *
 * @param plainDl4j         DL4J exactly as it ships: nothing is applied, whatever the other two say
 * @param batchSplit        whether each batch may be computed in parts at once, one per core
 * @param backpropShortcuts whether the backward pass's shortcuts and the vectorised Adam updater may be installed
 */
public record AccelerationSettings(boolean plainDl4j, boolean batchSplit, boolean backpropShortcuts) {
    /**
     * @return everything that applies to the network
     */
    public static AccelerationSettings full() {
        return new AccelerationSettings(false, true, true);
    }

    /**
     * @param plainDl4j whether to run DL4J as it ships
     * @return nothing when {@code plainDl4j}, else everything
     */
    public static AccelerationSettings of(boolean plainDl4j) {
        return plainDl4j ? new AccelerationSettings(true, false, false) : full();
    }
}
