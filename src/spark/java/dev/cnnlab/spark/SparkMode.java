package dev.cnnlab.spark;

/** How Spark workers combine what they learn. */
public enum SparkMode {
    /** Gradient sharing ({@code SharedTrainingMaster}): threshold-encoded updates exchanged over Aeron UDP. */
    SHARED,
    /** Parameter averaging ({@code ParameterAveragingTrainingMaster}): workers' parameters averaged every few batches. */
    AVERAGING
}
