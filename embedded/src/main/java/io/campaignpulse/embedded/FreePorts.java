package io.campaignpulse.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks TCP ports on 127.0.0.1 that are free right now, so several brokers and registries (parallel test runs,
 * a demo next to a test) never collide on fixed ports.
 *
 * <p>The ports are found by binding ephemeral server sockets and closing them again; another process could in
 * theory grab one before the caller binds it, which is acceptable for local services.
 */
public final class FreePorts {

  private FreePorts() {
  }

  /** One free port on 127.0.0.1. */
  public static int one() {
    return many(1)[0];
  }

  /** {@code count} distinct free ports on 127.0.0.1 (all held open together while choosing, so they differ). */
  public static int[] many(int count) {
    List<ServerSocket> sockets = new ArrayList<>(count);
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("could not find a free port on 127.0.0.1", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // nothing to clean up
        }
      }
    }
  }
}
