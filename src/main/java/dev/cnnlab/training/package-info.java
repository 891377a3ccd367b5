/**
 * Training: the options of a run, the loop over epochs with its progress bar and metrics history, and the
 * run directory it writes (model zip, metrics, configuration, log).
 */
package dev.cnnlab.training;
