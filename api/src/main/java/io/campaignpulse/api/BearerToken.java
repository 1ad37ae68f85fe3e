package io.campaignpulse.api;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The API token check: {@code Authorization: Bearer <token>}, compared in constant time. The token never appears
 * in a response, a log line or {@link #toString()}.
 */
final class BearerToken {

  private static final String PREFIX = "Bearer ";

  private final byte[] token;

  private BearerToken(byte[] token) {
    this.token = token;
  }

  /** The characters of a bearer token (RFC 6750 {@code b64token}); header values are not reliably more than ASCII. */
  private static final java.util.regex.Pattern TOKEN_CHARS = java.util.regex.Pattern.compile("[A-Za-z0-9._~+/-]+=*");

  /**
   * The check for {@code token}, or null when no token is set (null or blank).
   *
   * @throws IllegalArgumentException when the token has characters a bearer token cannot carry (the message
   *     does not repeat the token)
   */
  static BearerToken of(String token) {
    if (token == null || token.isBlank()) {
      return null;
    }
    if (!TOKEN_CHARS.matcher(token).matches()) {
      throw new IllegalArgumentException("the API token may only hold letters, digits and -._~+/ (and = at the "
          + "end), as a bearer token does");
    }
    return new BearerToken(token.getBytes(StandardCharsets.US_ASCII));
  }

  /** Passes a request that carries the token; throws {@link UnauthorizedException} otherwise. */
  void check(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      throw new UnauthorizedException("this API needs an 'Authorization: Bearer <token>' header");
    }
    byte[] given = header.substring(PREFIX.length()).trim().getBytes(StandardCharsets.ISO_8859_1);
    if (!MessageDigest.isEqual(given, token)) {
      throw new UnauthorizedException("the bearer token is not valid");
    }
  }

  @Override
  public String toString() {
    return "BearerToken[(set)]";
  }

  /** A request without the right token: 401. */
  static final class UnauthorizedException extends RuntimeException {
    UnauthorizedException(String message) {
      super(message, null, false, false);
    }
  }
}
