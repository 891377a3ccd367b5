/**
 * Training: the options of a run, the loop over epochs with its progress bar and metrics history, and the
 * run directory it writes (model zip, metrics, configuration, log), and what keeps a long run safe: rolling
 * checkpoints with the exact training position ({@link dev.cnnlab.training.Checkpointer},
 * {@link dev.cnnlab.training.CheckpointStore}), resuming from them ({@link dev.cnnlab.training.ResumeState}),
 * a checkpoint on Ctrl-C / SIGTERM ({@link dev.cnnlab.training.InterruptCheckpoint}), a stop on a NaN loss
 * ({@link dev.cnnlab.training.DivergenceGuard}) and checks of the run directory before training starts. After
 * each epoch, batch-norm statistics are recomputed on clean training images
 * ({@link dev.cnnlab.training.BatchNormRecalibration}).
 */
package dev.cnnlab.training;
