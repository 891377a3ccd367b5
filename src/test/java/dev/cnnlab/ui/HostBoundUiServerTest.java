package dev.cnnlab.ui;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The workaround in {@link HostBoundUiServer} is active: the UI answers on 127.0.0.1 and not on this machine's
 * network address, while with {@code 0.0.0.0} (what DL4J alone does) it answers on both.
 */
class HostBoundUiServerTest {
    @Test
    void loopbackUiIsUnreachableFromTheNetworkAddressButAllInterfacesIsReachable() throws Exception {
        Optional<InetAddress> lan = networkAddress();
        assumeTrue(lan.isPresent(), "this machine has no non-loopback IPv4 address to test against");
        try (TrainingUi ui = TrainingUi.start(UiOptions.LOOPBACK, 0)) {
            assertThat(ui.url()).startsWith("http://127.0.0.1:" + ui.port() + "/");
            assertThat(connects(InetAddress.getLoopbackAddress(), ui.port())).isTrue();
            assertThat(connects(lan.get(), ui.port())).as("reachable on " + lan.get()).isFalse();
        }
        try (TrainingUi ui = TrainingUi.start("0.0.0.0", 0)) {
            assertThat(connects(InetAddress.getLoopbackAddress(), ui.port())).isTrue();
            assertThat(connects(lan.get(), ui.port())).as("reachable on " + lan.get()).isTrue();
        }
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static Optional<InetAddress> networkAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return Optional.of(a);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
