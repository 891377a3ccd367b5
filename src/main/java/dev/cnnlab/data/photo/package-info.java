/**
 * Photographs in class-per-folder trees: scanning with one explicit label list, screening out unreadable
 * files once up front, decoding and resizing through DataVec's {@code ImageRecordReader} into an in-memory
 * cache or, when that would not fit ({@code PhotoCache}), batch by batch from disk ({@code StreamedPhotos}), and
 * seeded per-pass augmentation with DataVec image transforms, which plugs into the one batch iterator of
 * {@code data.batches}.
 */
package dev.cnnlab.data.photo;
