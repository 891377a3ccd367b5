/**
 * What keeps a long run safe: rolling checkpoints with the exact training position, resuming from them, a
 * checkpoint on Ctrl-C / SIGTERM, a stop on a NaN loss, and checks of the run directory before training starts.
 */
package dev.cnnlab.training.checkpoint;
