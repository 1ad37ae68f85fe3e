package io.campaignpulse.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where the HTTP API listens and how the app's other instances reach it: {@code advertisedHost} (blank: the bind
 * host, or this machine's name when binding every interface) with the port the server got, which the streams app
 * advertises as its {@code application.server}. The API token, null or blank for none, guards the API.
 */
public record ApiSettings(String host, int port, String advertisedHost, String apiToken) {

  /** Binds {@code host:port}, advertises the bind host, no token. */
  public static ApiSettings local(String host, int port) {
    return new ApiSettings(host, port, null, null);
  }

  /** The address the other instances use for this one, once the server listens on {@code boundPort}. */
  public HostInfo advertised(int boundPort) {
    if (advertisedHost != null && !advertisedHost.isBlank()) {
      return new HostInfo(advertisedHost, boundPort);
    }
    if (!"0.0.0.0".equals(host) && !"::".equals(host)) {
      return new HostInfo(host, boundPort);
    }
    try {
      return new HostInfo(InetAddress.getLocalHost().getHostName(), boundPort);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("binding every interface, the API needs --advertised-host: this machine's "
          + "name does not resolve (" + e.getMessage() + ")", e);
    }
  }

  /** {@code host:port} as Kafka Streams parses {@code application.server}: an IPv6 address in brackets. */
  public static String endpoint(HostInfo host) {
    String name = host.host().indexOf(':') >= 0 && !host.host().startsWith("[") ? "[" + host.host() + "]"
        : host.host();
    return name + ":" + host.port();
  }

  @Override
  public String toString() {
    return "ApiSettings[" + host + ":" + port + ", advertised " + advertisedHost + ", token "
        + (apiToken == null || apiToken.isBlank() ? "none" : "(set)") + "]";
  }
}
