package org.rjhub.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * Rotates a principal's SCRAM-SHA-512 password: a fresh random one set on the cluster with the Admin API
 * ({@code alterUserScramCredentials}; the user is created if absent), then written to the principal's owner-only
 * password file and into its client config file ({@code sasl.jaas.config}). The password is never logged nor
 * returned. Clients already connected stay connected; a client connecting afterwards needs the new file.
 */
public final class ScramRotation {

    /** The broker's minimum for SCRAM-SHA-512 is 4096 iterations. */
    static final int ITERATIONS = 8192;

    private ScramRotation() {}

    /**
     * @param admin        a client of the admin principal (Alter on the cluster)
     * @param username     the principal's user name
     * @param passwordFile its password file, rewritten (owner-only)
     * @param clientConfig its client config file, rewritten with the new login (owner-only); created if absent
     */
    public static void rotate(Admin admin, String username, Path passwordFile, Path clientConfig)
            throws InterruptedException {
        if (StackSecurity.ADMIN.equals(username)) {
            throw new IllegalArgumentException(
                    "the admin's password is the broker's own login too; rotate it by restarting the stack");
        }
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                            username, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), password)))
                    .all()
                    .get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot change the password of " + username + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        }
        OwnerOnlyFiles.write(passwordFile, password);
        Properties p = new Properties();
        if (Files.isRegularFile(clientConfig)) {
            try (Reader in = Files.newBufferedReader(clientConfig)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + clientConfig, e);
            }
        }
        p.put("sasl.jaas.config", StackSecurity.jaasConfig(username, password));
        StringWriter out = new StringWriter();
        try {
            p.store(out, "RJ Hub: Kafka client settings of principal " + username + " (secret: owner-only)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OwnerOnlyFiles.write(clientConfig, out.toString());
    }
}
