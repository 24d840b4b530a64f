package org.rjhub.reporting.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.reporting.TestSecrets;

class PseudonymKeysTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteTheKeyFileForItsOwnerOnlyAndReadItBack() throws Exception {
        Path file = dir.resolve("keys.json");

        assertThat(PseudonymKeys.createIfMissing(file, new SecureRandom())).isTrue();
        assertThat(PseudonymKeys.createIfMissing(file, new SecureRandom())).isFalse();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        PseudonymKeys keys = PseudonymKeys.load(file);
        assertThat(keys.current()).isEqualTo(1);
        assertThat(keys.versions()).containsExactly(1);
        assertThat(keys.key(1)).hasSize(PseudonymKeys.NEW_KEY_BYTES);
    }

    @Test
    void shouldRotateToANewRandomCurrentVersionKeepingTheEarlierKeys() throws Exception {
        Path file = dir.resolve("keys.json");
        PseudonymKeys first = PseudonymKeys.generate(new SecureRandom());
        first.write(file);

        PseudonymKeys rotated = PseudonymKeys.load(file).rotated(new SecureRandom());
        rotated.write(file);

        PseudonymKeys read = PseudonymKeys.load(file);
        assertThat(read.current()).isEqualTo(2);
        assertThat(read.versions()).containsExactly(1, 2);
        assertThat(read.key(1)).isEqualTo(first.key(1));
        assertThat(read.key(2)).hasSize(PseudonymKeys.NEW_KEY_BYTES).isNotEqualTo(read.key(1));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.list(dir)).containsExactly(file);
    }

    @Test
    void shouldNeverShowAKey() {
        PseudonymKeys keys = PseudonymKeys.generate(new SecureRandom()).rotated(new SecureRandom());

        assertThat(keys.toString())
                .contains("current 2")
                .doesNotContain(Base64.getEncoder().encodeToString(keys.key(1)))
                .doesNotContain(Base64.getEncoder().encodeToString(keys.key(2)));
    }

    @Test
    void shouldRefuseAFileWithoutVersionOneOrTheCurrentVersionOrWithAShortKey() throws Exception {
        String key = Base64.getEncoder().encodeToString(new byte[48]);
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> load("{\"current\": 2, \"keys\": {\"2\": \"" + key + "\"}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 1");
        assertThatThrownBy(() -> load("{\"current\": 3, \"keys\": {\"1\": \"" + key + "\"}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("current pseudonymisation key version 3");
        assertThatThrownBy(() -> load("{\"current\": 1, \"keys\": {\"1\": \"" + shortKey + "\"}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shorter than 32 bytes")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> load("not json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a pseudonymisation key file");
    }

    @Test
    void shouldKeepTheOneEnvironmentSecretAsVersionOneWithTheSamePseudonyms() {
        String secret = TestSecrets.hmacKey();

        Pseudonymiser before = Pseudonymiser.withSecret(secret);
        Pseudonymiser versioned = Pseudonymiser.withKeys(PseudonymKeys.ofLegacySecret(secret));

        assertThat(versioned.keyVersion()).isEqualTo(1);
        assertThat(versioned.publish(versioned.caseKey("RJ-1"))).isEqualTo(before.caseKey("RJ-1"));
        assertThat(versioned.publish(versioned.referralKey(SourceAgency.POLICE, "PR-1")))
                .isEqualTo(before.referralKey(SourceAgency.POLICE, "PR-1"));
    }

    @Test
    void shouldPublishALaterVersionsPseudonymsUnderItsOwnKey() {
        PseudonymKeys v1 = PseudonymKeys.ofLegacySecret(TestSecrets.hmacKey());
        PseudonymKeys v2 = v1.rotated(new SecureRandom());
        PseudonymKeys otherV2 = v1.rotated(new SecureRandom());
        Pseudonymiser p = Pseudonymiser.withKeys(v2);
        String internal = p.caseKey("RJ-1");

        String published = p.publish(internal);

        assertThat(p.keyVersion()).isEqualTo(2);
        assertThat(internal).isEqualTo(Pseudonymiser.withKeys(v1).caseKey("RJ-1"));
        assertThat(published).startsWith("c-").hasSize(internal.length()).isNotEqualTo(internal);
        assertThat(p.publish(internal, 1)).isEqualTo(internal);
        assertThat(Pseudonymiser.withKeys(v2).publish(internal)).isEqualTo(published);
        assertThat(Pseudonymiser.withKeys(otherV2).publish(internal)).isNotEqualTo(published);
    }

    private PseudonymKeys load(String json) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return PseudonymKeys.load(file);
    }
}
