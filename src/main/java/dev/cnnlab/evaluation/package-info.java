/**
 * Evaluation: accuracy, top-3 accuracy (a tie with the true class is no hit, {@link
 * dev.cnnlab.evaluation.TopKAccuracy}), loss, per-class precision, recall and F1 and the confusion matrix of a
 * network on a dataset, as numbers, text and JSON.
 */
package dev.cnnlab.evaluation;
