package dev.cnnlab.data.photo;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.progress.ProgressBars;
import me.tongfei.progressbar.ProgressBar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Microsoft's PetImages zip (the Kaggle Dogs vs. Cats photos, {@code kagglecatsanddogs_5340.zip}): downloads
 * it with a progress bar while computing its SHA-256, and lays it out as {@code <dir>/cat/} and
 * {@code <dir>/dog/}, dropping the files known to be bad (empty, not JPEG, cut short, undecodable).
 *
 * <p>Microsoft publishes no checksum for this zip, and none for this version was found elsewhere; what is
 * verified is what can be: the zip's own CRC-32 of every entry (checked while extracting), the expected
 * 12,500 photos per class, and every extracted photo's decodability. The SHA-256 is printed and saved as
 * {@code <dir>/SOURCE.sha256} so a user can compare downloads.
 */
public final class PetImagesArchive {
    /** Where Microsoft's download centre serves the zip. */
    public static final String URL = "https://download.microsoft.com/download/3/E/1/"
            + "3E1C3F21-ECDB-4869-8368-6DEBA77B919F/kagglecatsanddogs_5340.zip";
    /** Photos per class in the zip, bad ones included. */
    public static final int PER_CLASS = 12_500;
    private static final Logger LOG = LoggerFactory.getLogger(PetImagesArchive.class);
    private static final Pattern ENTRY = Pattern.compile("^PetImages/(Cat|Dog)/(\\d+)\\.jpg$");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    private PetImagesArchive() {
    }

    /**
     * What was laid out.
     *
     * @param dir     the dataset folder
     * @param counts  photos kept per class
     * @param dropped the photos left out, with reasons
     */
    public record Layout(Path dir, Map<String, Integer> counts, List<PhotoScreen.BadPhoto> dropped) {
    }

    /**
     * Downloads the zip.
     *
     * @param url    where from
     * @param target the zip file to write (replaced atomically when complete)
     * @return the file's SHA-256, hex
     * @throws CnnlabException in one line when the host cannot be reached or the download fails
     */
    public static String download(String url, Path target) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.createDirectories(target.getParent());
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new CnnlabException("fetch cats-dogs: " + url + " answered HTTP " + response.statusCode());
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(response.body(), sha);
                 OutputStream out = Files.newOutputStream(partial);
                 ProgressBar bar = ProgressBars.start("Downloading PetImages", length > 0 ? length / 1_000_000 : -1, "MB")) {
                byte[] buffer = new byte[1 << 16];
                long done = 0;
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    done += n;
                    bar.stepTo(done / 1_000_000);
                }
                if (length > 0 && done != length) {
                    throw new IOException("got " + done + " of " + length + " bytes");
                }
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new CnnlabException("fetch cats-dogs: cannot download " + url + " (" + describe(e) + "); offline?"
                    + " Download it by other means and run 'cnnlab fetch cats-dogs --zip FILE'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteQuietly(partial);
            throw new CnnlabException("fetch cats-dogs: download interrupted", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param file a file
     * @return its SHA-256, hex
     */
    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new CnnlabException(file + ": cannot read (" + e.getMessage() + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Extracts the zip's photos into {@code dir/cat/} and {@code dir/dog/}, then drops the bad ones.
     *
     * @param zip         the PetImages zip
     * @param dir         the dataset folder (replaced atomically: extracted beside it, then moved)
     * @param perClass    photos expected per class ({@link #PER_CLASS}; tests pass their own)
     * @return what was laid out
     * @throws CnnlabException when the zip is damaged or does not hold the expected photos
     */
    public static Layout layOut(Path zip, Path dir, int perClass) {
        Path staging = dir.resolveSibling(dir.getFileName() + ".partial");
        deleteTree(staging);
        Map<String, Integer> inZip = new TreeMap<>();
        try (ZipFile z = new ZipFile(zip.toFile());
             ProgressBar bar = ProgressBars.start("Extracting PetImages", z.size(), "files")) {
            for (ZipEntry e : z.stream().toList()) {
                bar.step();
                Matcher m = ENTRY.matcher(e.getName());
                if (e.isDirectory() || !m.matches()) {
                    continue;
                }
                String label = m.group(1).toLowerCase(Locale.ROOT);
                inZip.merge(label, 1, Integer::sum);
                Path out = staging.resolve(label).resolve(label + "." + m.group(2) + ".jpg");
                Files.createDirectories(out.getParent());
                try (InputStream in = z.getInputStream(e)) {
                    // ZipFile's stream checks the entry's CRC-32 at its end and throws on a mismatch.
                    Files.copy(in, out);
                }
            }
        } catch (IOException e) {
            deleteTree(staging);
            throw new CnnlabException(zip + ": not a readable PetImages zip (" + describe(e) + ")", e);
        }
        for (String label : List.of("cat", "dog")) {
            int n = inZip.getOrDefault(label, 0);
            if (n != perClass) {
                deleteTree(staging);
                throw new CnnlabException(zip + ": expected " + perClass + " PetImages/" + capital(label)
                        + "/*.jpg photos, found " + n + "; is this kagglecatsanddogs_5340.zip?");
            }
        }
        List<PhotoScreen.BadPhoto> dropped = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (String label : List.of("cat", "dog")) {
            List<LabelledFile> files = listJpegs(staging.resolve(label));
            PhotoScreen.Result screened = PhotoScreen.screen(files, false, label);
            for (PhotoScreen.BadPhoto bad : screened.bad()) {
                deleteQuietly(bad.path());
                dropped.add(new PhotoScreen.BadPhoto(dir.resolve(label).resolve(bad.path().getFileName()), bad.reason()));
            }
            counts.put(label, screened.good().size());
        }
        try {
            List<String> lines = new ArrayList<>();
            dropped.forEach(b -> lines.add(b.path().getParent().getFileName() + "/" + b.path().getFileName() + ": " + b.reason()));
            Files.write(staging.resolve("dropped.txt"), lines);
            deleteTree(dir);
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CnnlabException(dir + ": cannot write the dataset (" + e.getMessage() + ")", e);
        }
        LOG.info("laid out {} in {}; dropped {} bad files (listed in dropped.txt)", counts, dir, dropped.size());
        return new Layout(dir, counts, dropped);
    }

    private static List<LabelledFile> listJpegs(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().map(p -> new LabelledFile(p, 0)).toList();
        } catch (IOException e) {
            throw new CnnlabException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: a leftover partial file is replaced on the next attempt
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new CnnlabException("cannot delete " + root + ": " + e.getMessage(), e);
        }
    }

}
