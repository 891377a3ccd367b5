package dev.cnnlab.ui;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.deeplearning4j.ui.VertxUIServer;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Workaround: DL4J's {@link VertxUIServer} that listens on one chosen address instead of every interface.
 *
 * <p>Why: {@code VertxUIServer.start} in deeplearning4j-ui 1.0.0-M2.1 calls {@code HttpServer.listen(port, handler)},
 * which Vert.x 3.9 binds to {@code 0.0.0.0}, and it offers no setting for the host (see VertxUIServer.java in
 * deeplearning4j/deeplearning4j, module deeplearning4j-ui-parent/deeplearning4j-vertx). Copying its 120-line
 * {@code start} would fork the routes, so instead this subclass hands the verticle a {@link Vertx} whose HTTP
 * servers turn {@code listen(port, handler)} into {@code listen(port, host, handler)}. Everything else goes to the
 * real Vert.x unchanged. {@code HostBoundUiServerTest} proves the server is reachable on 127.0.0.1 and not on
 * the machine's other addresses. Remove this class once DL4J lets the host be configured.
 */
final class HostBoundUiServer extends VertxUIServer {
    private static final Class<?>[] PORT_AND_HANDLER = {int.class, Handler.class};
    private final String host;

    /**
     * @param host the address to listen on, such as {@code 127.0.0.1}
     */
    HostBoundUiServer(String host) {
        this.host = host;
    }

    @Override
    public void init(Vertx vertx, Context context) {
        super.init(hostBound(vertx), context);
    }

    private Vertx hostBound(Vertx vertx) {
        return proxy(vertx, (p, method, args) -> {
            Object result = invoke(vertx, method, args);
            return result instanceof HttpServer server && method.getName().equals("createHttpServer")
                    ? hostBound(server) : result;
        });
    }

    private HttpServer hostBound(HttpServer server) {
        return proxy(server, (p, method, args) -> {
            Object result;
            if (method.getName().equals("listen") && Arrays.equals(method.getParameterTypes(), PORT_AND_HANDLER)) {
                Method withHost = HttpServer.class.getMethod("listen", int.class, String.class, Handler.class);
                result = invoke(server, withHost, new Object[] {args[0], host, args[1]});
            } else {
                result = invoke(server, method, args);
            }
            // Fluent calls return the real server: keep the caller on the proxy so listen(...) comes back here.
            return result == server ? p : result;
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(T target, InvocationHandler handler) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            interfaces.addAll(Set.of(c.getInterfaces()));
        }
        return (T) Proxy.newProxyInstance(HostBoundUiServer.class.getClassLoader(),
                interfaces.toArray(Class<?>[]::new), handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
