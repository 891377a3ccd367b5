/**
 * The acceleration layer: everything cnnlab changes in how DL4J computes on ND4J's CPU backend, so that plain DL4J
 * stays one switch away ({@code --plain-dl4j}).
 *
 * <p>{@link dev.cnnlab.acceleration.Acceleration} is the one entry point: it asks {@link
 * dev.cnnlab.acceleration.Backends} whether the native CPU backend computes, applies what fits, and returns the list
 * of what it applied. Its sub-packages hold the pieces: {@code layers} (DL4J layers and helpers replaced by faster
 * equivalents, installed by {@link dev.cnnlab.acceleration.BackpropShortcuts}), {@code split} (a training batch
 * computed in parts at once, one per core), {@code updater} (Adam's update as a vectorised Java loop) and
 * {@code forward} (a trained network's forward pass in plain Java for batch-1 prediction). Each DL4J workaround
 * names its upstream issue in its class comment; docs/dl4j-workarounds.md lists them.
 */
package dev.cnnlab.acceleration;
