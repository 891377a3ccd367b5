package dev.cnnlab.data.photo;

import dev.cnnlab.CnnlabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code fetch cats-dogs} on a small zip laid out like Microsoft's PetImages zip, bad files included. */
class PetImagesArchiveTest {
    @TempDir
    Path dir;

    @Test
    void laysOutOneFolderPerClassAndDropsTheBadFiles() throws IOException {
        Path zip = petImagesZip(dir.resolve("pets.zip"), 4);
        PetImagesArchive.Layout layout = PetImagesArchive.layOut(zip, dir.resolve("cats-dogs"), 4);
        assertThat(layout.counts()).isEqualTo(Map.of("cat", 3, "dog", 3));
        assertThat(layout.dropped()).extracting(b -> b.path().getFileName().toString())
                .containsExactlyInAnyOrder("cat.1.jpg", "dog.2.jpg");
        assertThat(dir.resolve("cats-dogs/cat/cat.0.jpg")).isNotEmptyFile();
        assertThat(dir.resolve("cats-dogs/cat/cat.1.jpg")).doesNotExist();
        assertThat(dir.resolve("cats-dogs/dog/Thumbs.db")).doesNotExist();
        assertThat(Files.readAllLines(dir.resolve("cats-dogs/dropped.txt")))
                .containsExactlyInAnyOrder("cat/cat.1.jpg: empty file (0 bytes)",
                        "dog/dog.2.jpg: not an image (expected a JPEG, PNG or BMP file)");
        assertThat(dir.resolve("cats-dogs.partial")).doesNotExist();
        // The laid-out folder is a training dataset as it stands.
        assertThat(ImageFolder.scan(dir.resolve("cats-dogs")).classNames()).containsExactly("cat", "dog");
    }

    @Test
    void aZipWithoutTheExpectedPhotosOrDamagedIsRefusedInOneLine() throws IOException {
        Path zip = petImagesZip(dir.resolve("pets.zip"), 4);
        assertThatThrownBy(() -> PetImagesArchive.layOut(zip, dir.resolve("out"), 12_500))
                .isInstanceOf(CnnlabException.class).hasMessageContaining("expected 12500 PetImages/Cat/*.jpg photos, found 4");
        byte[] all = Files.readAllBytes(zip);
        Path cut = Files.write(dir.resolve("cut.zip"), Arrays.copyOf(all, all.length - 200));
        assertThatThrownBy(() -> PetImagesArchive.layOut(cut, dir.resolve("out"), 4))
                .isInstanceOf(CnnlabException.class).hasMessageContaining("not a readable PetImages zip");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void anUnreachableHostIsAOneLineError() {
        Path target = dir.resolve("downloads/pets.zip");
        assertThatThrownBy(() -> PetImagesArchive.download("http://127.0.0.1:9/kagglecatsanddogs_5340.zip", target))
                .isInstanceOf(CnnlabException.class)
                .hasMessageStartingWith("fetch cats-dogs: cannot download http://127.0.0.1:9/")
                .hasMessageContaining("--zip FILE")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(target).doesNotExist();
        assertThat(target.resolveSibling("pets.zip.part")).doesNotExist();
    }

    @Test
    void sha256IsTheFilesDigest() throws IOException {
        Path f = Files.writeString(dir.resolve("abc.txt"), "abc");
        assertThat(PetImagesArchive.sha256(f)).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    /** Cat/1.jpg is empty and Dog/2.jpg is an HTML page, as in the real zip; Thumbs.db files sit beside them. */
    private static Path petImagesZip(Path zip, int perClass) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String label : new String[] {"Cat", "Dog"}) {
                for (int i = 0; i < perClass; i++) {
                    out.putNextEntry(new ZipEntry("PetImages/" + label + "/" + i + ".jpg"));
                    if (label.equals("Cat") && i == 1) {
                        // empty
                    } else if (label.equals("Dog") && i == 2) {
                        out.write("<html>gone</html>".getBytes());
                    } else {
                        write(out, i + (label.equals("Dog") ? 100 : 0));
                    }
                    out.closeEntry();
                }
                out.putNextEntry(new ZipEntry("PetImages/" + label + "/Thumbs.db"));
                out.write(new byte[] {1, 2, 3});
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("readme[1].txt"));
            out.write("PetImages".getBytes());
            out.closeEntry();
        }
        return zip;
    }

    private static void write(OutputStream out, long seed) throws IOException {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(PhotoFiles.picture(60, 40, seed), "jpg", jpeg);
        out.write(jpeg.toByteArray());
    }
}
