package org.rjhub.reporting;

import java.security.SecureRandom;
import java.util.Base64;

/** A fresh pseudonymisation secret per test run: the real one never exists in the repository. */
public final class TestSecrets {

    private TestSecrets() {}

    public static String hmacKey() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
