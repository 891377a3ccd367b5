package dev.cnnlab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelauncherTest {

    @Test
    void commandKeepsMemoryAndModuleOptionsButNoAgentsAndPassesArgumentsUnchanged() {
        Properties props = new Properties();
        props.setProperty("org.bytedeco.javacpp.logger", "slf4j");
        List<String> command = Relauncher.command("/jdk/bin/java", List.of("a.jar", "classes"),
                List.of("-Xmx2g", "-agentlib:jdwp=transport=dt_socket", "-Dmaven.home=/usr/share/maven",
                        "--add-opens=java.base/java.nio=ALL-UNNAMED"),
                props, "dev.cnnlab.cli.Main", new String[] {"train", "--name", "two words"});

        assertThat(command).containsExactly("/jdk/bin/java", "-Xmx2g", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-Dorg.bytedeco.javacpp.logger=slf4j", "-cp", "a.jar" + java.io.File.pathSeparator + "classes",
                "dev.cnnlab.cli.Main", "train", "--name", "two words");
    }

    @Test
    void forwardsTheUsersPropertiesButNotThoseConfigureSet() {
        NativeSetup.configure();
        System.setProperty("cnnlab.forward.me", "yes");
        try {
            Properties forwarded = Relauncher.forwardedProperties();

            assertThat(forwarded.getProperty("cnnlab.forward.me")).isEqualTo("yes");
            assertThat(forwarded).doesNotContainKeys(NativeSetup.EXTENSION_PROPERTY,
                    NativeSetup.HELPERS_DISABLE_PROPERTY, "java.home", "user.dir");
        } finally {
            System.clearProperty("cnnlab.forward.me");
        }
    }

    @Test
    void classpathComesFromTheMainClassLoaderWhenItIsNotTheSystemOne(@TempDir Path dir) throws Exception {
        Path classes = Path.of(RelaunchFixture.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL(), dir.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> isolated = loader.loadClass(RelaunchFixture.class.getName());

            assertThat(Relauncher.classpath(isolated)).containsExactly(classes.toString(), dir.toString());
        }
        assertThat(Relauncher.classpath(String.class))
                .isEqualTo(List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)));
    }

    @Test
    void childSeesTheEnvironmentAndPropertiesAndItsExitCodeIsForwarded(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("child.txt");
        Path classes = Path.of(RelaunchFixture.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Properties props = new Properties();
        props.setProperty("cnnlab.test", "forwarded");
        List<String> command = Relauncher.command(Relauncher.javaExecutable(), List.of(classes.toString()),
                List.of("-Xmx64m"), props, RelaunchFixture.class.getName(),
                new String[] {out.toString(), "a b", "--flag"});

        int exit = Relauncher.runChild(command, Map.of("OMP_WAIT_POLICY", "PASSIVE"));

        assertThat(exit).isEqualTo(7);
        assertThat(Files.readAllLines(out)).containsExactly("OMP_WAIT_POLICY=PASSIVE", "CNNLAB_NO_RELAUNCH=1",
                "cnnlab.test=forwarded", "args=a b|--flag");
    }

    @Test
    void switchIsOnlyOneOrTrue() {
        assertThat(Relauncher.isSwitchedOff("1")).isTrue();
        assertThat(Relauncher.isSwitchedOff("TRUE")).isTrue();
        assertThat(Relauncher.isSwitchedOff("0")).isFalse();
        assertThat(Relauncher.isSwitchedOff(null)).isFalse();
    }
}
