package io.campaignpulse.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Throwaway TLS material for a broker on 127.0.0.1, made with the running JDK's {@code keytool}: a CA, the broker's
 * PKCS12 key store (an EC P-256 key with a certificate the CA signed for {@code IP:127.0.0.1}, and the CA after it in
 * the chain) and a PKCS12 trust store holding only the CA, for clients. Everything is valid for two days, and every
 * password is new each time (passed to keytool in its environment, never on its command line).
 *
 * @param keyStore the broker's key store
 * @param keyStorePassword its password
 * @param trustStore the clients' trust store
 * @param trustStorePassword its password
 */
record TestTls(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {

  private static final Path KEYTOOL = Path.of(System.getProperty("java.home"), "bin", "keytool");

  /** Makes the CA, the key store and the trust store in {@code dir}; a few keytool runs, two at a time. */
  static TestTls create(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Map<String, String> passwords = Map.of("CA_PASS", secret(), "KEY_PASS", secret(), "TRUST_PASS", secret());
    Path ca = dir.resolve("ca.p12");
    Path caPem = dir.resolve("ca.pem");
    Path keyStore = dir.resolve("broker.p12");
    Path csr = dir.resolve("broker.csr");
    Path brokerPem = dir.resolve("broker.pem");
    Path chain = dir.resolve("broker-chain.pem");
    Path trustStore = dir.resolve("truststore.p12");
    List<String> ec = List.of("-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-storetype", "PKCS12");

    keytool(dir, passwords,
        args("-genkeypair", "-alias", "ca", "-dname", "CN=campaign-pulse test CA", "-ext", "bc:c", ec,
            "-keystore", ca, "-storepass:env", "CA_PASS"),
        args("-genkeypair", "-alias", "broker", "-dname", "CN=127.0.0.1", ec,
            "-keystore", keyStore, "-storepass:env", "KEY_PASS"));
    keytool(dir, passwords,
        args("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-storepass:env", "CA_PASS", "-file", caPem),
        args("-certreq", "-alias", "broker", "-keystore", keyStore, "-storepass:env", "KEY_PASS", "-file", csr));
    keytool(dir, passwords,
        args("-gencert", "-rfc", "-alias", "ca", "-keystore", ca, "-storepass:env", "CA_PASS", "-infile", csr,
            "-outfile", brokerPem, "-validity", "2", "-ext", "SAN=IP:127.0.0.1", "-ext", "KU=digitalSignature",
            "-ext", "EKU=serverAuth"),
        args("-importcert", "-noprompt", "-alias", "ca", "-file", caPem, "-storetype", "PKCS12",
            "-keystore", trustStore, "-storepass:env", "TRUST_PASS"));
    // the reply with the whole chain, so the broker presents the CA too
    Files.writeString(chain, Files.readString(brokerPem) + Files.readString(caPem));
    keytool(dir, passwords,
        args("-importcert", "-noprompt", "-alias", "broker", "-file", chain, "-keystore", keyStore,
            "-storepass:env", "KEY_PASS"));
    return new TestTls(keyStore, passwords.get("KEY_PASS"), trustStore, passwords.get("TRUST_PASS"));
  }

  private static List<String> args(Object... parts) {
    List<String> args = new ArrayList<>();
    for (Object part : parts) {
      if (part instanceof List<?> list) {
        list.forEach(a -> args.add(a.toString()));
      } else {
        args.add(part.toString());
      }
    }
    return args;
  }

  private static String secret() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  /** Runs these keytool commands at the same time, and fails with keytool's output unless they all succeed. */
  @SafeVarargs
  private static void keytool(Path dir, Map<String, String> env, List<String>... commands)
      throws IOException, InterruptedException {
    Path log = dir.resolve("keytool.log");
    List<Process> running = new ArrayList<>();
    for (List<String> command : commands) {
      List<String> line = new ArrayList<>(List.of(KEYTOOL.toString(),
          // a short-lived tool: C1 only and the serial collector start fastest
          "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
      line.addAll(command);
      ProcessBuilder builder = new ProcessBuilder(line).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(env);
      running.add(builder.start());
    }
    for (int i = 0; i < running.size(); i++) {
      Process p = running.get(i);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("keytool " + commands[i] + " took more than 60 s");
      }
      if (p.exitValue() != 0) {
        throw new IOException("keytool " + commands[i] + " failed (exit " + p.exitValue() + "):\n"
            + Files.readString(log));
      }
    }
  }
}
