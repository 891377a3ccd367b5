package dev.cnnlab.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnnlab.CnnlabException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Saves and loads {@link SavedModel}s as ModelSerializer zips that plain DL4J can also read.
 *
 * <p>Saving is atomic: the zip is written beside the target, flushed to disk, and renamed over it (then the
 * directory is flushed too), so a crash, a SIGKILL or a power cut never leaves a half-written model where a
 * good one was. A zip written in place and killed mid-write is corrupt (deeplearning4j issue 6499).
 */
public final class ModelFile {
    /** The zip entry (a ModelSerializer object) holding the {@link ModelInfo} as JSON. */
    static final String INFO_KEY = "cnnlab-model-info";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFile() {
    }

    /**
     * @param model the model
     * @param file  where to write it; replaced atomically if it exists
     */
    public static void save(SavedModel model, Path file) {
        save(model, file, Map.of());
    }

    /**
     * Saves a model with extra named text objects inside the zip (read them back with {@link #readObject}).
     *
     * @param model  the model
     * @param file   where to write it; replaced atomically if it exists
     * @param extras zip objects to add, by key (such as a checkpoint's training position)
     */
    public static void save(SavedModel model, Path file, Map<String, String> extras) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".part");
            // writeModel(..., normalizer) fails on M2.1 with commons-io 2.7 ("flush() failed: stream is
            // closed"); adding the normaliser to the written zip takes another path that works.
            ModelSerializer.writeModel(model.network(), tmp.toFile(), true);
            if (model.normalizer() != null) {
                ModelSerializer.addNormalizerToModel(tmp.toFile(), model.normalizer());
            }
            ModelSerializer.addObjectToFile(tmp.toFile(), INFO_KEY, JSON.writeValueAsString(model.info()));
            for (Map.Entry<String, String> extra : extras.entrySet()) {
                ModelSerializer.addObjectToFile(tmp.toFile(), extra.getKey(), extra.getValue());
            }
            DurableFiles.sync(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            DurableFiles.syncDirectory(dir);
        } catch (IOException e) {
            throw new CnnlabException(file + ": cannot write the model: " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * @param file a zip written by {@link #save}
     * @return the model
     * @throws CnnlabException naming the file when it is missing, not a zip, or not a cnnlab model
     */
    public static SavedModel load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CnnlabException(file + ": no such model file");
        }
        checkIsModelZip(file);
        try {
            MultiLayerNetwork network = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
            DataNormalization normalizer = ModelSerializer.restoreNormalizerFromFile(file.toFile());
            String json = ModelSerializer.getObjectFromFile(file.toFile(), INFO_KEY);
            return new SavedModel(network, normalizer, JSON.readValue(json, ModelInfo.class));
        } catch (JsonProcessingException e) {
            throw new CnnlabException(file + ": unreadable cnnlab model description: " + e.getOriginalMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new CnnlabException(file + ": not a loadable DL4J model: " + e.getMessage(), e);
        }
    }

    /**
     * Reads an extra object written by {@link #save(SavedModel, Path, Map)}.
     *
     * @param file a model zip
     * @param key  the object's key
     * @return its text
     * @throws CnnlabException naming the file when the zip is unreadable or has no such object
     */
    public static String readObject(Path file, String key) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry("objects/" + key) == null) {
                throw new CnnlabException(file + ": no " + key + " inside");
            }
            return ModelSerializer.getObjectFromFile(file.toFile(), key);
        } catch (IOException | RuntimeException e) {
            if (e instanceof CnnlabException c) {
                throw c;
            }
            throw new CnnlabException(file + ": unreadable zip (" + e.getMessage() + ")", e);
        }
    }

    private static void checkIsModelZip(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (String entry : new String[] {ModelSerializer.CONFIGURATION_JSON, ModelSerializer.COEFFICIENTS_BIN,
                    "objects/" + INFO_KEY}) {
                ZipEntry e = zip.getEntry(entry);
                if (e == null) {
                    throw new CnnlabException(file + ": not a cnnlab model zip (no " + entry + " inside)");
                }
            }
            try (InputStream ignored = zip.getInputStream(zip.getEntry(ModelSerializer.CONFIGURATION_JSON))) {
                // readable
            }
        } catch (IOException e) {
            throw new CnnlabException(file + ": not a model zip (" + e.getMessage() + ")", e);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a stray .part file is harmless and is named after the model
            }
        }
    }
}
