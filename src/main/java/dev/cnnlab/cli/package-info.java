/**
 * The command line: a thin picocli shell over the training, evaluation, prediction, summary and data
 * APIs. Errors the user can fix are printed as one line with a non-zero exit code.
 */
package dev.cnnlab.cli;
