package dev.cnnlab.data.idx;

import dev.cnnlab.CnnlabException;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the format of MNIST and Fashion-MNIST), plain or gzipped, and checks them.
 *
 * <p>The whole file is read into memory once: the same pass feeds the SHA-256 check and the parser, and
 * the largest file (47 MB) fits easily. Every problem is a {@link CnnlabException} naming the file.
 */
public final class IdxReader {
    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;

    private IdxReader() {
    }

    /**
     * Images of an IDX file.
     *
     * @param count  number of images
     * @param rows   rows per image
     * @param cols   columns per image
     * @param pixels {@code count * rows * cols} unsigned bytes, image after image, row-major
     */
    public record Images(int count, int rows, int cols, byte[] pixels) {
    }

    /**
     * Reads and checks an image file.
     *
     * @param file the file, plain or gzipped
     * @param spec what it must hold; its checksum is verified unless {@code spec.sha256()} is null
     * @return the images
     */
    public static Images readImages(Path file, IdxFileSpec spec) {
        ByteBuffer buf = ByteBuffer.wrap(readVerified(file, spec));
        int count = header(buf, file, IdxFileSpec.IMAGES_MAGIC, 16);
        int rows = buf.getInt();
        int cols = buf.getInt();
        if (rows <= 0 || cols <= 0) {
            throw new CnnlabException(file + ": bad image size " + rows + "x" + cols + " in the IDX header");
        }
        checkCount(file, spec, count);
        long expected = (long) count * rows * cols;
        checkBody(file, buf, expected);
        byte[] pixels = new byte[(int) expected];
        buf.get(pixels);
        return new Images(count, rows, cols, pixels);
    }

    /**
     * Reads and checks a label file.
     *
     * @param file the file, plain or gzipped
     * @param spec what it must hold; its checksum is verified unless {@code spec.sha256()} is null
     * @return one byte per label
     */
    public static byte[] readLabels(Path file, IdxFileSpec spec) {
        ByteBuffer buf = ByteBuffer.wrap(readVerified(file, spec));
        int count = header(buf, file, IdxFileSpec.LABELS_MAGIC, 8);
        checkCount(file, spec, count);
        checkBody(file, buf, count);
        byte[] labels = new byte[count];
        buf.get(labels);
        return labels;
    }

    private static int header(ByteBuffer buf, Path file, int magic, int headerBytes) {
        if (buf.remaining() < headerBytes) {
            throw new CnnlabException(file + ": truncated IDX file (" + buf.remaining()
                    + " bytes, shorter than its " + headerBytes + "-byte header)");
        }
        int found = buf.getInt();
        if (found != magic) {
            throw new CnnlabException(String.format("%s: wrong magic number 0x%08x, expected 0x%08x (an IDX %s file)",
                    file, found, magic, magic == IdxFileSpec.IMAGES_MAGIC ? "image" : "label"));
        }
        int count = buf.getInt();
        if (count < 0) {
            throw new CnnlabException(file + ": negative item count " + count + " in the IDX header");
        }
        return count;
    }

    private static void checkCount(Path file, IdxFileSpec spec, int count) {
        if (spec.count() > 0 && count != spec.count()) {
            throw new CnnlabException(file + ": holds " + count + " items, expected " + spec.count());
        }
    }

    private static void checkBody(Path file, ByteBuffer buf, long expected) {
        if (buf.remaining() != expected) {
            throw new CnnlabException(file + ": " + (buf.remaining() < expected ? "truncated" : "too long")
                    + ": the header promises " + expected + " data bytes, the file has " + buf.remaining());
        }
    }

    private static byte[] readVerified(Path file, IdxFileSpec spec) {
        if (!Files.isRegularFile(file)) {
            throw new CnnlabException(file + ": no such file");
        }
        byte[] bytes;
        try (InputStream in = open(file)) {
            bytes = in.readAllBytes();
        } catch (EOFException | ZipException e) {
            throw new CnnlabException(file + ": truncated or corrupt gzip stream", e);
        } catch (IOException e) {
            throw new CnnlabException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (spec.sha256() != null) {
            String actual = sha256(bytes);
            if (!actual.equals(spec.sha256())) {
                throw new CnnlabException(file + ": checksum mismatch: SHA-256 " + actual + ", expected "
                        + spec.sha256() + " (delete it and fetch again)");
            }
        }
        return bytes;
    }

    /** Opens a file, decompressing it when it starts with the gzip magic bytes. */
    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return (b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1) ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /**
     * @param bytes data
     * @return its SHA-256 as lower-case hex
     */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
