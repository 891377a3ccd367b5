/**
 * Training: the loop over epochs with its progress bar and metrics history, the run
 * directory it writes (model zip, metrics, configuration, log) and, after each epoch, batch-norm statistics
 * recomputed on clean training images ({@link dev.cnnlab.training.BatchNormRecalibration}). What keeps a long run
 * safe (checkpoints, resume, interrupts, divergence) is in {@code checkpoint}.
 */
package dev.cnnlab.training;
