package org.rjhub.stack;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.rjhub.common.config.KafkaConnection;

/**
 * How the secured local stack authenticates: its TLS material and one SCRAM-SHA-512 user per
 * principal, each with a random password of its own. Everything secret is in owner-only files under
 * the stack's {@code security/} folder and nowhere else: never logged, never on a command line.
 *
 * <p>Each principal gets a password file (the password alone) and a client config, a Kafka client
 * properties file that the stock Kafka tools ({@code --command-config}) and any client take as is.
 */
public final class StackSecurity {

    /** The client listener's security protocol. */
    public static final String PROTOCOL = "SASL_SSL";
    /** The client listener's SASL mechanism. */
    public static final String SASL_MECHANISM = "SCRAM-SHA-512";
    /** The provisioning principal, the only super user. */
    public static final String ADMIN = "admin";

    private static final String SCRAM_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule";

    /**
     * One principal's way in.
     *
     * @param username     its SCRAM user name (also its principal name, {@code User:<username>})
     * @param passwordFile a file holding the password alone, owner-only
     * @param clientConfig a Kafka client properties file for this principal, owner-only
     */
    public record Principal(String username, Path passwordFile, Path clientConfig) {}

    private final Path dir;
    private final StackCertificates certificates;
    private final Map<String, Principal> principals;
    private final Map<String, String> passwords;

    private StackSecurity(
            Path dir,
            StackCertificates certificates,
            Map<String, Principal> principals,
            Map<String, String> passwords) {
        this.dir = dir;
        this.certificates = certificates;
        this.principals = Collections.unmodifiableMap(new LinkedHashMap<>(principals));
        this.passwords = Map.copyOf(passwords);
    }

    /**
     * Generates the stack's CA, broker certificate and a fresh random password per principal into
     * {@code dataDir/security} (owner-only). The admin principal is always among them.
     */
    public static StackSecurity generate(Path dataDir, Collection<String> principalNames) {
        Path dir = OwnerOnlyFiles.directory(dataDir.resolve("security"));
        StackCertificates certificates = StackCertificates.generate(dir);
        Set<String> names = new LinkedHashSet<>();
        names.add(ADMIN);
        names.addAll(principalNames);
        SecureRandom random = new SecureRandom();
        Map<String, Principal> principals = new LinkedHashMap<>();
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String name : names) {
            if (!name.matches("[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException("principal names are lower-case words, got '" + name + "'");
            }
            byte[] secret = new byte[24];
            random.nextBytes(secret);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            Path passwordFile = dir.resolve(name + ".password");
            OwnerOnlyFiles.write(passwordFile, password);
            passwords.put(name, password);
            principals.put(name, new Principal(name, passwordFile, dir.resolve(name + ".properties")));
        }
        return new StackSecurity(dir, certificates, principals, passwords);
    }

    /**
     * The security {@link #generate} wrote into {@code dataDir/security} for a stack that another process runs: its
     * CA, and each principal's password file and client config, read back (a test JVM joining a stack it did not
     * start).
     */
    public static StackSecurity load(Path dataDir, Collection<String> principalNames) {
        Path dir = dataDir.resolve("security");
        Set<String> names = new LinkedHashSet<>();
        names.add(ADMIN);
        names.addAll(principalNames);
        Map<String, Principal> principals = new LinkedHashMap<>();
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String name : names) {
            Path passwordFile = dir.resolve(name + ".password");
            try {
                passwords.put(name, Files.readString(passwordFile).strip());
            } catch (IOException e) {
                throw new UncheckedIOException("no password file of principal " + name + " in " + dir, e);
            }
            principals.put(name, new Principal(name, passwordFile, dir.resolve(name + ".properties")));
        }
        return new StackSecurity(
                dir, new StackCertificates(dir.resolve("ca.pem"), dir.resolve("broker.pem")), principals, passwords);
    }

    /** Writes every principal's client config, now that the broker's address is known. */
    public void writeClientConfigs(String bootstrapServers) {
        principals.forEach((name, principal) -> {
            Properties p = new Properties();
            p.put("bootstrap.servers", bootstrapServers);
            p.putAll(clientSettings(name));
            StringWriter out = new StringWriter();
            try {
                p.store(
                        out,
                        "RJ Hub local stack: Kafka client settings of principal " + name + " (secret: owner-only)");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            OwnerOnlyFiles.write(principal.clientConfig(), out.toString());
        });
    }

    /** The principals by name, the admin first, then in the access file's order. */
    public Map<String, Principal> principals() {
        return principals;
    }

    /** The stack CA's certificate (PEM): what a client trusts. */
    public Path caFile() {
        return certificates.caFile();
    }

    /** The folder holding every secret of this stack. */
    public Path dir() {
        return dir;
    }

    Path brokerKeystore() {
        return certificates.brokerFile();
    }

    /** The password of a principal; for the broker's own configuration and storage formatting only. */
    String password(String principal) {
        String password = passwords.get(principal);
        if (password == null) {
            throw new IllegalArgumentException("no principal " + principal + " on this stack");
        }
        return password;
    }

    /** The client settings (TLS trust, SASL SCRAM login) of {@code principal}. */
    public Map<String, String> clientSettings(String principal) {
        return clientSettings(principal, password(principal), caFile());
    }

    /**
     * Client settings for any user name and password and any trusted CA file: for tests that show a
     * wrong password or a foreign CA refused.
     */
    public static Map<String, String> clientSettings(String username, String password, Path caFile) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("security.protocol", PROTOCOL);
        s.put("sasl.mechanism", SASL_MECHANISM);
        s.put("sasl.jaas.config", jaasConfig(username, password));
        s.put("ssl.truststore.type", "PEM");
        s.put("ssl.truststore.location", caFile.toAbsolutePath().toString());
        return s;
    }

    /** The SCRAM login of a client ({@code sasl.jaas.config}). */
    static String jaasConfig(String username, String password) {
        return SCRAM_LOGIN + " required username=\"" + username + "\" password=\"" + password + "\";";
    }

    /** {@code base}'s cluster and registry, connecting as {@code principal}. */
    public KafkaConnection connection(KafkaConnection base, String principal) {
        return base.withClientSettings(clientSettings(principal));
    }

    /** JAAS settings for the broker's own logins (inter-broker SCRAM, controller PLAIN), as the admin. */
    Map<String, String> brokerSettings() {
        String admin = password(ADMIN);
        Map<String, String> s = new LinkedHashMap<>();
        s.put(
                "listener.name.client.scram-sha-512.sasl.jaas.config",
                SCRAM_LOGIN + " required username=\"" + ADMIN + "\" password=\"" + admin + "\";");
        s.put(
                "listener.name.controller.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN
                        + "\" password=\"" + admin + "\" user_" + ADMIN + "=\"" + admin + "\";");
        s.put("ssl.keystore.type", "PEM");
        s.put("ssl.keystore.location", brokerKeystore().toAbsolutePath().toString());
        s.put("ssl.truststore.type", "PEM");
        s.put("ssl.truststore.location", caFile().toAbsolutePath().toString());
        return s;
    }

    /** Never the passwords. */
    @Override
    public String toString() {
        return "StackSecurity[" + dir + ", principals=" + principals.keySet() + "]";
    }
}
