package org.tesseracrm.dev;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port checks that fail early with a message a person can act on. */
public final class Ports {

    private Ports() {
    }

    /** Throws if something already listens on the port (on loopback or any address). */
    public static void requireFree(int port, String what, String setting) {
        if (!isFree(port)) {
            throw new IllegalStateException("port " + port + " (" + what + ") is already in use; stop whatever uses it"
                    + " or choose another port with " + setting);
        }
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // a port in TIME_WAIT after our own stop is free to reuse
            socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A currently free port chosen by the OS, for tests. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
