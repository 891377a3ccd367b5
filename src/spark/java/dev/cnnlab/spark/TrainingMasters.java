package dev.cnnlab.spark;

import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;

/**
 * Builds DL4J's training master for a {@link SparkMode}.
 */
final class TrainingMasters {
    /** Batches each worker trains between two averagings (parameter averaging). */
    static final int AVERAGING_FREQUENCY = 5;
    /** Batches each worker loads ahead. */
    private static final int PREFETCH = 2;

    private TrainingMasters() {
    }

    /**
     * @param options   the run's options
     * @param batchSize images per exported shard, which is also each worker's mini-batch
     * @param loopback  whether Spark runs on this machine only: the parameter server then binds to 127.0.0.1
     * @return the training master
     */
    static TrainingMaster<?, ?> create(SparkTrainingOptions options, int batchSize, boolean loopback) {
        return switch (options.mode) {
            case AVERAGING -> new ParameterAveragingTrainingMaster.Builder(batchSize)
                    .batchSizePerWorker(batchSize)
                    .averagingFrequency(AVERAGING_FREQUENCY)
                    .workerPrefetchNumBatches(PREFETCH)
                    .rngSeed(options.seed)
                    .collectTrainingStats(false)
                    .build();
            case SHARED -> new SharedTrainingMaster.Builder(voidConfiguration(options, loopback), batchSize)
                    .batchSizePerWorker(batchSize)
                    .workersPerNode(options.workersPerExecutor)
                    .workerPrefetchNumBatches(PREFETCH)
                    .rngSeed(options.seed)
                    .collectTrainingStats(false)
                    .build();
        };
    }

    private static VoidConfiguration voidConfiguration(SparkTrainingOptions options, boolean loopback) {
        VoidConfiguration.VoidConfigurationBuilder conf = VoidConfiguration.builder().unicastPort(options.port);
        if (loopback) {
            conf.controllerAddress("127.0.0.1");
        } else if (options.networkMask != null) {
            conf.networkMask(options.networkMask);
        }
        return conf.build();
    }
}
