package dev.cnnlab.spark;

import org.apache.spark.SparkConf;

/**
 * The Spark configuration cnnlab starts its context with. Values given to {@code spark-submit} ({@code --master},
 * {@code --conf}) win over everything here except the master given with {@code --master} to cnnlab itself.
 */
public final class SparkSetup {
    private SparkSetup() {
    }

    /**
     * @param master the master URL to force ({@code local[2]}, {@code spark://host:7077}, {@code yarn}, ...), or null
     *               to take the one {@code spark-submit} passes
     * @return the configuration
     */
    public static SparkConf conf(String master) {
        SparkConf conf = new SparkConf().setAppName("cnnlab");
        if (master != null) {
            conf.setMaster(master);
        }
        // DL4J's advice for fitPaths: a task should not wait for a "local" executor; the shards are read remotely anyway.
        conf.setIfMissing("spark.locality.wait", "0");
        // DL4J splits the shards into one partition per executor core present at the first fit: wait (up to Spark's
        // spark.scheduler.maxRegisteredResourcesWaitingTime, 30 s by default) for all the executors asked for.
        conf.setIfMissing("spark.scheduler.minRegisteredResourcesRatio", "1.0");
        if (conf.get("spark.master", "").startsWith("local")) {
            // Everything runs in this JVM: keep Spark (and its web UI) off the network.
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        return conf;
    }
}
