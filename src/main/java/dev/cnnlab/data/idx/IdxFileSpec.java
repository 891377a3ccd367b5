package dev.cnnlab.data.idx;

/**
 * One IDX file of a dataset as it is published: its canonical name, what it holds and the SHA-256 of its
 * uncompressed bytes (so a gzipped and a plain copy verify alike).
 *
 * @param name   canonical file name, for example {@code train-images-idx3-ubyte}; a {@code .gz} copy is
 *               also accepted
 * @param images true for an image file (magic 2051), false for a label file (magic 2049)
 * @param count  number of items the file must hold
 * @param sha256 lower-case hex SHA-256 of the uncompressed file
 */
public record IdxFileSpec(String name, boolean images, int count, String sha256) {
    /** The IDX magic number of an unsigned-byte, three-dimensional image file. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** The IDX magic number of an unsigned-byte, one-dimensional label file. */
    public static final int LABELS_MAGIC = 0x00000801;

    /** @return the magic number this file must start with */
    public int magic() {
        return images ? IMAGES_MAGIC : LABELS_MAGIC;
    }
}
