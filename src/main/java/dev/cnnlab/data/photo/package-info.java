/**
 * Photographs in class-per-folder trees: scanning with one explicit label list, screening out unreadable
 * files once up front, decoding and resizing through DataVec's {@code ImageRecordReader} into an in-memory
 * cache, seeded per-pass augmentation with DataVec image transforms, and the training iterator over it.
 */
package dev.cnnlab.data.photo;
