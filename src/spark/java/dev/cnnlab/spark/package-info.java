/**
 * Training across many machines with DL4J's Spark training (built only by the Maven profile {@code spark}, entirely on
 * DL4J 1.0.0-M2): export a dataset once into sharded DataSet files every executor can read, train a zoo recipe from
 * those paths with gradient sharing or parameter averaging, evaluate and checkpoint on the driver after every epoch,
 * and save a cnnlab model zip that the main build loads. Under gradient sharing each executor binds its own port
 * ({@link dev.cnnlab.spark.ExecutorPorts}), the driver counts the mini-batches each executor trained, and a lost
 * executor stops the run for {@code --resume} (see docs/scale-out.md).
 */
package dev.cnnlab.spark;
