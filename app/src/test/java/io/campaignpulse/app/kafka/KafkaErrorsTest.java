package io.campaignpulse.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.Test;

class KafkaErrorsTest {

  @Test
  void aClientThatCannotBeCreatedSaysWhyItsStoreCannotBeReadInAtMostFourParts() {
    // the chain Admin.create throws for a trust store with a wrong password (Kafka 4)
    KafkaException load = new KafkaException("Failed to load SSL keystore /tls/truststore.p12 of type PKCS12",
        new IOException("keystore password was incorrect", new java.security.UnrecoverableKeyException(
            "failed to decrypt safe contents entry")));
    KafkaException error = new KafkaException("Failed to create new KafkaAdminClient",
        new KafkaException("Failed to create new NetworkClient", new KafkaException(load.toString(), load)));

    assertThat(KafkaErrors.describe(error)).isEqualTo("Failed to create new KafkaAdminClient: "
        + "Failed to create new NetworkClient: Failed to load SSL keystore /tls/truststore.p12 of type PKCS12: "
        + "keystore password was incorrect");
  }

  @Test
  void aFailedHandshakeSaysWhichCheckFailedOnce() {
    SSLHandshakeException cause = new SSLHandshakeException("No subject alternative DNS name matching localhost "
        + "found.");
    cause.initCause(new java.security.cert.CertificateException("No subject alternative DNS name matching "
        + "localhost found."));

    assertThat(KafkaErrors.describe(new SslAuthenticationException("SSL handshake failed", cause)))
        .isEqualTo("SSL handshake failed: No subject alternative DNS name matching localhost found.");
  }

  @Test
  void anAdminFuturesExecutionExceptionSaysOnlyItsCause() {
    SaslAuthenticationException cause = new SaslAuthenticationException("Authentication failed: invalid credentials");

    assertThat(KafkaErrors.describe(new java.util.concurrent.ExecutionException(cause)))
        .isEqualTo("Authentication failed: invalid credentials");
  }

  @Test
  void anErrorWithoutCauseIsItsMessageAndOneWithoutMessageItsName() {
    assertThat(KafkaErrors.describe(new SaslAuthenticationException("Authentication failed: invalid credentials")))
        .isEqualTo("Authentication failed: invalid credentials");
    assertThat(KafkaErrors.describe(new KafkaException())).isEqualTo("org.apache.kafka.common.KafkaException");
  }
}
