/**
 * The acceleration layer: everything cnnlab changes in how DL4J computes on ND4J's CPU backend, so that plain DL4J
 * stays one switch away.
 *
 * <p>{@link dev.cnnlab.acceleration.BackpropShortcuts} installs the replacements on a network. Its sub-packages hold
 * them: {@code layers} (DL4J layers and helpers replaced by faster equivalents), {@code split} (a training batch
 * computed in parts at once, one per core), {@code updater} (Adam's update as a vectorised Java loop) and
 * {@code forward} (a trained network's forward pass in plain Java for batch-1 prediction). Each DL4J workaround
 * names its upstream issue in its class comment; docs/dl4j-workarounds.md lists them.
 */
package dev.cnnlab.acceleration;
