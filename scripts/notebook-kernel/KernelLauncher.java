import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogManager;

import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.LoopThread;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.Transform;

/**
 * Starts rapaio-jupyter-kernel 3.0.1 the way its {@code MainApp} does, minus two start-up races that leave the kernel
 * deaf. Both end the same way: Jupyter's client gives up with "Kernel didn't respond".
 *
 * <p>First, {@code Channels.connect} binds the sockets (starting the shell channel's thread) before it creates its
 * {@code handlers} map. Jupyter sends {@code kernel_info_request} at once, so when that message reaches the shell
 * thread first, {@code Channels.getHandler} throws a NullPointerException and the thread dies (about 1 start in 7 on
 * an idle machine, nearly every start on a loaded one). Setting the field to an empty map before {@code connect}
 * turns that into an "Unhandled message" log line: the request is dropped and Jupyter's start-up loop, which repeats
 * it every second, gets its answer from the next one.
 *
 * <p>Second, {@code LoopThread.start()} calls {@code Thread.start()} before it sets the flag its loop runs on; a
 * thread that gets a core at once reads the flag still false and ends before handling anything. CI runs have
 * shown this: starts whose log shows the channels bound and not one message handled, not even an
 * unhandled one. {@link #reviveLoopThreads} finds such a thread and starts a new one on the same loop body.
 *
 * <p>{@code scripts/notebooks.sh} compiles this class and puts it in the kernel spec; its retry stays as a fallback.
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
        field(Channels.class, "handlers").set(channels, new ConcurrentHashMap<>());
        channels.connect(MainApp.kernel);
        reviveLoopThreads(channels);
        channels.joinUntilClose();
    }

    /**
     * Replaces each channel loop thread that ended at its start (see the class comment) by a new one on the same
     * loop body, its flag set before it starts.
     */
    private static void reviveLoopThreads(Channels channels) throws ReflectiveOperationException, InterruptedException {
        for (String name : List.of("heartbeat", "shell", "control")) {
            Object channel = field(Channels.class, name).get(channels);
            Field loopField = field(channel.getClass(), "loopThread");
            LoopThread loop = (LoopThread) loopField.get(channel);
            if (endedAtStart(loop)) {
                LoopThread revived = new LoopThread(loop.getName(), field(LoopThread.class, "sleep").getLong(loop),
                        (Runnable) field(LoopThread.class, "loopBody").get(loop));
                field(LoopThread.class, "running").setBoolean(revived, true);
                revived.start();
                loopField.set(channel, revived);
                System.err.println("KernelLauncher: the " + name + " channel's loop thread ended at its start;"
                        + " started it again");
            }
        }
    }

    /**
     * Whether a loop thread ended without looping: it either terminates at once or soon sleeps between two polls
     * (its {@code TIMED_WAITING}), which it does only inside its loop.
     */
    private static boolean endedAtStart(LoopThread loop) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            switch (loop.getState()) {
                case TERMINATED:
                    return true;
                case TIMED_WAITING:
                    return false;
                default:
                    Thread.sleep(1);
            }
        }
        return false;
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
