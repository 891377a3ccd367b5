package dev.cnnlab.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.repartitioner.EqualRepartitioner;
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
     * @param sc        the running Spark context: its master and driver address place the parameter server
     * @return the training master; under gradient sharing a {@link CountingSharedTrainingMaster}
     */
    static TrainingMaster<?, ?> create(SparkTrainingOptions options, int batchSize, JavaSparkContext sc) {
        return switch (options.mode) {
            case AVERAGING -> new ParameterAveragingTrainingMaster.Builder(batchSize)
                    .batchSizePerWorker(batchSize)
                    .averagingFrequency(AVERAGING_FREQUENCY)
                    .workerPrefetchNumBatches(PREFETCH)
                    .rngSeed(options.seed)
                    .collectTrainingStats(false)
                    .build();
            case SHARED -> new CountingSharedTrainingMaster(new SharedTrainingMaster.Builder(voidConfiguration(options, sc), batchSize)
                    .batchSizePerWorker(batchSize)
                    .workersPerNode(options.workersPerExecutor)
                    .workerPrefetchNumBatches(PREFETCH)
                    // One task per executor and epoch: DL4J's default makes a task of every shard, and each task
                    // costs a Spark round trip that is slower than training LeNet on the shard.
                    .repartitioner(new EqualRepartitioner())
                    .rngSeed(options.seed)
                    .collectTrainingStats(false)
                    .build(), sc);
        };
    }

    private static VoidConfiguration voidConfiguration(SparkTrainingOptions options, JavaSparkContext sc) {
        VoidConfiguration.VoidConfigurationBuilder builder = VoidConfiguration.builder()
                .portSupplier(new ExecutorPorts(options.port));
        if (sc.master().startsWith("local")) {
            builder.controllerAddress("127.0.0.1");
        } else if (options.networkMask != null) {
            builder.networkMask(options.networkMask);
        } else {
            // The address executors already reach the driver at (Spark sets it when the context starts).
            builder.controllerAddress(sc.getConf().get("spark.driver.host"));
        }
        VoidConfiguration conf = builder.build();
        // The driver's parameter server binds this port before DL4J asks the port supplier for it.
        conf.setUnicastControllerPort(options.port);
        return conf;
    }
}
