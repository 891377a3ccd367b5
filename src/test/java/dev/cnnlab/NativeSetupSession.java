package dev.cnnlab;

import dev.cnnlab.runtime.NativeSetup;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Prepares ND4J's native runtime before any test class loads, as {@code Main} does for the command line, so
 * tests run on the same natives and oneDNN helpers as users do.
 */
public class NativeSetupSession implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NativeSetup.configure();
    }
}
