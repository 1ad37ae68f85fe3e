package io.campaignpulse.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SASL/SCRAM and TLS of a {@link LocalKafkaBroker}'s client listeners: the broker settings of a listener of a given
 * security protocol, and the settings of a client of that listener. Separate from the broker so the rendering can
 * be unit tested.
 *
 * @param saslMechanism {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}; null: no SASL
 * @param saslUser the SCRAM user the broker's own connections and its readiness check log in as
 * @param saslPassword that user's password
 * @param tls the broker's key store and the trust store; null: no TLS
 */
record ListenerSecurity(String saslMechanism, String saslUser, String saslPassword, Tls tls) {

  static final ListenerSecurity NONE = new ListenerSecurity(null, null, null, null);

  static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SASL_PLAINTEXT", "SSL", "SASL_SSL");

  /**
   * PKCS12 stores for TLS listeners: the broker's private key with its certificate chain, and the trust store
   * holding the CA that signed it (for clients, and for the broker's own connections to a TLS listener).
   */
  record Tls(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {
  }

  /** The protocol of a listener that uses all of this: PLAINTEXT, SASL_PLAINTEXT, SSL or SASL_SSL. */
  String defaultProtocol() {
    return saslMechanism == null ? (tls == null ? "PLAINTEXT" : "SSL") : (tls == null ? "SASL_PLAINTEXT" : "SASL_SSL");
  }

  /** The broker settings of the listener named {@code protocol} (listeners are named after their protocol). */
  Map<String, String> listenerProperties(String protocol) {
    String prefix = "listener.name." + check(protocol).toLowerCase(Locale.ROOT) + ".";
    Map<String, String> p = new LinkedHashMap<>();
    if (protocol.startsWith("SASL_")) {
      p.put("sasl.enabled.mechanisms", saslMechanism);
      p.put("sasl.mechanism.inter.broker.protocol", saslMechanism);
      p.put(prefix + saslMechanism.toLowerCase(Locale.ROOT) + ".sasl.jaas.config", jaas());
    }
    if (protocol.endsWith("SSL")) {
      p.put(prefix + "ssl.keystore.type", "PKCS12");
      p.put(prefix + "ssl.keystore.location", tls.keyStore().toAbsolutePath().toString());
      p.put(prefix + "ssl.keystore.password", tls.keyStorePassword());
      p.put(prefix + "ssl.truststore.type", "PKCS12");
      p.put(prefix + "ssl.truststore.location", tls.trustStore().toAbsolutePath().toString());
      p.put(prefix + "ssl.truststore.password", tls.trustStorePassword());
    }
    return p;
  }

  /** The settings of a client of the listener named {@code protocol}, logging in as the broker's own user. */
  Map<String, Object> clientProperties(String protocol) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("security.protocol", check(protocol));
    if (protocol.startsWith("SASL_")) {
      p.put("sasl.mechanism", saslMechanism);
      p.put("sasl.jaas.config", jaas());
    }
    if (protocol.endsWith("SSL")) {
      p.put("ssl.truststore.type", "PKCS12");
      p.put("ssl.truststore.location", tls.trustStore().toAbsolutePath().toString());
      p.put("ssl.truststore.password", tls.trustStorePassword());
    }
    return p;
  }

  private String check(String protocol) {
    if (!PROTOCOLS.contains(protocol)) {
      throw new IllegalArgumentException("unknown security protocol " + protocol + "; one of " + PROTOCOLS);
    }
    if (protocol.startsWith("SASL_") && saslMechanism == null) {
      throw new IllegalStateException("a " + protocol + " listener needs SASL/SCRAM (Builder.saslScram)");
    }
    if (protocol.endsWith("SSL") && tls == null) {
      throw new IllegalStateException("a " + protocol + " listener needs TLS key and trust stores (Builder.tls)");
    }
    return protocol;
  }

  private String jaas() {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + saslUser
        + "\" password=\"" + saslPassword + "\";";
  }
}
