/**
 * Datasets: labelled images in memory or off the Java heap, and how raw pixels are scaled into network inputs.
 * Sub-packages read the IDX datasets ({@code idx}) and photo trees ({@code photo}), fetch and verify them
 * ({@code store}), and cut them into mini-batches ({@code batches}).
 */
package dev.cnnlab.data;
