package dev.cnnlab.cli;

import dev.cnnlab.config.Settings;
import picocli.CommandLine.Option;

import java.util.Arrays;

/**
 * {@code --plain-dl4j}: DL4J exactly as it ships, none of cnnlab's speed-ups (the commands that train or run a
 * network share it).
 */
final class AccelerationOption {
    /** The flag; {@link Main} looks for it before ND4J loads, as the layer helpers are decided then. */
    static final String FLAG = Settings.PLAIN_DL4J_FLAG;

    @Option(names = FLAG, description = Settings.PLAIN_DL4J_DESCRIPTION)
    boolean plainDl4j;

    /**
     * @param args the command line
     * @return whether it asks for plain DL4J, as far as can be told before it is parsed
     */
    static boolean requested(String... args) {
        return Arrays.stream(args).takeWhile(arg -> !"--".equals(arg)).anyMatch(FLAG::equals);
    }
}
