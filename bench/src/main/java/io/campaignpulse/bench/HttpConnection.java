package io.campaignpulse.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection over a plain socket, for the query benchmark's load generator: writes a
 * prepared request and reads the whole response (status, headers, a body by {@code Content-Length} or chunked).
 * Blocking I/O on the calling thread, so a request's latency is exactly write-to-last-byte on that thread, with
 * no selector thread or connection pool in between (as {@code java.net.http.HttpClient} would put there).
 */
final class HttpConnection implements AutoCloseable {

  private static final int MAX_LINE = 8_192;

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  private HttpConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
  }

  static HttpConnection open(String host, int port) throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(30_000);
      socket.connect(new InetSocketAddress(host, port), 10_000);
      return new HttpConnection(socket);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** The bytes of {@code GET path} to {@code host:port}, keep-alive (HTTP/1.1's default). */
  static byte[] get(String host, int port, String path) {
    return ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** Sends the request and reads its response. */
  Response exchange(byte[] request) throws IOException {
    out.write(request);
    out.flush();
    return read(in);
  }

  /** A response: its status, its body, and whether the server closes the connection after it. */
  record Response(int status, byte[] body, boolean close) {

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** Reads one response from {@code in}. */
  static Response read(InputStream in) throws IOException {
    String statusLine = line(in);
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.x status line: '" + statusLine + "'");
    }
    int status = parseInt(parts[1], statusLine);
    long length = -1;
    boolean chunked = false;
    boolean close = parts[0].equals("HTTP/1.0");
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      if (colon < 0) {
        throw new IOException("malformed header line: '" + header + "'");
      }
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> length = parseInt(value, header);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> close = value.equalsIgnoreCase("close") || (close && !value.equalsIgnoreCase("keep-alive"));
        default -> { }
      }
    }
    byte[] body;
    if (chunked) {
      body = chunkedBody(in);
    } else if (length >= 0) {
      body = in.readNBytes((int) length);
      if (body.length != length) {
        throw new EOFException("body ended after " + body.length + " of " + length + " bytes");
      }
    } else if (status == 204 || status == 304 || status / 100 == 1) {
      body = new byte[0];
    } else {
      body = in.readAllBytes(); // delimited by the end of the connection
      close = true;
    }
    return new Response(status, body, close);
  }

  private static byte[] chunkedBody(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = line(in);
      int semicolon = sizeLine.indexOf(';');
      String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
      int size;
      try {
        size = Integer.parseInt(hex, 16);
      } catch (NumberFormatException e) {
        throw new IOException("malformed chunk size: '" + sizeLine + "'");
      }
      if (size == 0) {
        while (!line(in).isEmpty()) {
          // trailers, ignored
        }
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length != size) {
        throw new EOFException("chunk ended after " + chunk.length + " of " + size + " bytes");
      }
      body.write(chunk);
      if (!line(in).isEmpty()) {
        throw new IOException("no CRLF after a chunk");
      }
    }
  }

  /** One line without its CRLF (or LF), in ASCII. */
  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder(64);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException(line.length() == 0 ? "connection closed by the server" : "connection closed mid-line");
      }
      if (b == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return line.toString();
      }
      if (line.length() >= MAX_LINE) {
        throw new IOException("a response line longer than " + MAX_LINE + " bytes");
      }
      line.append((char) b);
    }
  }

  private static int parseInt(String value, String line) throws IOException {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IOException("not a number in '" + line + "'");
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
