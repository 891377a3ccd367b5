/**
 * Training across many machines with DL4J's Spark training (built only by the Maven profile {@code spark}, entirely on
 * DL4J 1.0.0-M2): export a dataset once into sharded DataSet files every executor can read, train a zoo recipe from
 * those paths with gradient sharing or parameter averaging, evaluate on the driver and save a cnnlab model zip that the
 * main build loads.
 */
package dev.cnnlab.spark;
