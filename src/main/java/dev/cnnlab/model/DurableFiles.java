package dev.cnnlab.model;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Flushes files and directories to the storage device, so that a rename that replaces a file is only
 * made once the new content is on disk, and survives a power cut once made.
 */
public final class DurableFiles {
    private DurableFiles() {
    }

    /**
     * @param file a file to flush, content and metadata
     * @throws IOException if the file cannot be opened or flushed
     */
    public static void sync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /**
     * Flushes a directory's entries (a rename into it). Some systems (Windows) cannot open a directory:
     * there the rename is as durable as the file system makes it.
     *
     * @param dir the directory
     */
    public static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported here; the rename itself is still atomic
        }
    }
}
