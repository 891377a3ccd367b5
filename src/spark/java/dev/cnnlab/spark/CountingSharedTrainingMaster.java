package dev.cnnlab.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.util.CollectionAccumulator;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingResult;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.Map;
import java.util.TreeMap;

/**
 * DL4J's gradient-sharing master that also hands back how many mini-batches each executor trained in the last
 * {@code fit}. Every executor's training task reports its count in its result; DL4J only logs their sum per
 * executor, so this reads the results on their way to DL4J's aggregation, in the same task (nothing is computed
 * twice), into a Spark accumulator. A task that failed (its executor lost) does not count: Spark merges accumulator
 * updates of successful tasks only.
 */
final class CountingSharedTrainingMaster extends SharedTrainingMaster {
    private static final long serialVersionUID = 1L;
    private transient CollectionAccumulator<Map.Entry<String, Integer>> counts;

    /**
     * @param configured a master built by DL4J's builder, whose settings this one takes over
     * @param sc         the Spark context the accumulator lives in
     */
    CountingSharedTrainingMaster(SharedTrainingMaster configured, JavaSparkContext sc) {
        copySettings(configured);
        counts = sc.sc().collectionAccumulator("cnnlab minibatches per executor");
    }

    /** @return mini-batches trained per executor id since the last call, in id order */
    Map<String, Integer> takeCounts() {
        Map<String, Integer> sum = new TreeMap<>();
        for (Map.Entry<String, Integer> e : counts.value()) {
            sum.merge(e.getKey(), e.getValue(), Integer::sum);
        }
        counts.reset();
        return sum;
    }

    @Override
    protected void processResults(SparkDl4jMultiLayer network, SparkComputationGraph graph,
                                  JavaRDD<SharedTrainingResult> results) {
        super.processResults(network, graph, results.map(new Count(counts)));
    }

    /** Adds a task's per-executor count to the accumulator and passes the result on unchanged. */
    private record Count(CollectionAccumulator<Map.Entry<String, Integer>> counts)
            implements Function<SharedTrainingResult, SharedTrainingResult> {
        @Override
        public SharedTrainingResult call(SharedTrainingResult result) {
            if (result.getMinibatchesPerExecutor() != null) {
                result.getMinibatchesPerExecutor().forEach((id, n) -> counts.add(new SimpleImmutableEntry<>(id, n)));
            }
            return result;
        }
    }

    // DL4J's builder is the only complete way to configure a SharedTrainingMaster and it cannot build a subclass.
    private void copySettings(SharedTrainingMaster from) {
        for (Class<?> c = SharedTrainingMaster.class; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || Modifier.isFinal(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    f.set(this, f.get(from));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot copy SharedTrainingMaster." + f.getName(), e);
                }
            }
        }
    }
}
