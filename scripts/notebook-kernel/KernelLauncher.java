import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.LogManager;

import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.Transform;

/**
 * Starts rapaio-jupyter-kernel 3.0.1 the way its {@code MainApp} does, minus a start-up race that kills the kernel.
 *
 * <p>Why: in 3.0.1, {@code Channels.connect} binds the sockets (starting the shell channel's thread) before it
 * creates its {@code handlers} map. Jupyter sends {@code kernel_info_request} at once, so when that message reaches
 * the shell thread first, {@code Channels.getHandler} throws a NullPointerException, the thread dies, and the client
 * gives up with "Kernel didn't respond" (about 1 start in 7 on an idle machine, nearly every start on a loaded one).
 * Setting the field to an empty map before {@code connect} turns that into an "Unhandled message" log line: the
 * request is dropped and Jupyter's start-up loop, which repeats it every second, gets its answer from the next one.
 * {@code scripts/notebooks.sh} compiles this class and puts it in the kernel spec; its retry stays as a fallback.
 */
public final class KernelLauncher {
    private KernelLauncher() {
    }

    /**
     * @param args the connection file Jupyter writes
     * @throws Exception when the kernel cannot start
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: KernelLauncher CONNECTION_FILE");
            System.exit(2);
        }
        LogManager.getLogManager().readConfiguration(MainApp.class.getClassLoader().getResourceAsStream("logging.properties"));
        ConnectionProperties connection = Transform.fromJson(Files.readString(Path.of(args[0])), ConnectionProperties.class);
        Channels channels = new Channels(connection);
        Field handlers = Channels.class.getDeclaredField("handlers");
        handlers.setAccessible(true);
        handlers.set(channels, new ConcurrentHashMap<>());
        channels.connect(MainApp.kernel);
        channels.joinUntilClose();
    }
}
