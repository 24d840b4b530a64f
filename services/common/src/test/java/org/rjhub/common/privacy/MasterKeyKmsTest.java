package org.rjhub.common.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AesGcmKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rjhub.common.config.Environment;
import org.rjhub.common.streams.StreamsServiceConfig;

/** A master key file encrypted under a KMS key (Tink's encrypted keyset), with a KMS of the test's own. */
class MasterKeyKmsTest {

    private static final byte[] NAME = "Zebedee Quillfeather".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void shouldOpenAnEncryptedKeyFileUnderItsKmsKeyAndUnwrapTheDataKeysWrappedUnderIt() {
        String kms = LocalTestKms.keyUri("hub-master");
        Path file = MasterKey.createEncrypted(dir.resolve("mk.enc.json"), kms);

        DataKeys writer = new DataKeys(MasterKey.of(file.toString(), kms));
        DataKeys.DataKey key = writer.create("POLICE:PR-1");
        byte[] sealed = writer.seal(key.id(), "originalValue", NAME);
        DataKeys reader = new DataKeys(MasterKey.of("file:" + file, kms));
        reader.add(key.id(), key.wrapped());

        assertThat(reader.open(key.id(), "originalValue", sealed))
                .hasValueSatisfying(v -> assertThat(v).isEqualTo(NAME));
    }

    @Test
    void shouldNotOpenUnderAnotherKmsKeyNorInClear() {
        Path file = MasterKey.createEncrypted(dir.resolve("mk.enc.json"), LocalTestKms.keyUri("one"));

        assertThatThrownBy(() -> MasterKey.of(file.toString(), LocalTestKms.keyUri("another")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not open under the KMS key");
        assertThatThrownBy(() -> MasterKey.of(file.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(MasterKey.KMS_SETTING);
    }

    @Test
    void shouldHoldNoKeyMaterialInClearAndDeriveTheSecretOfTheSameKeysetInClear() throws Exception {
        String kms = LocalTestKms.keyUri("hub-master");
        Path clear = MasterKey.createIfMissing(dir.resolve("mk.json"));
        KeysetHandle keyset =
                TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(clear), InsecureSecretKeyAccess.get());
        Path encrypted = dir.resolve("mk.enc.json");
        Files.writeString(
                encrypted,
                TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(
                        keyset, MasterKey.kmsAead(kms), "rj-hub master keyset".getBytes(StandardCharsets.UTF_8)));
        byte[] keyBytes =
                ((AesGcmKey) keyset.getAt(0).getKey()).getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());

        String text = Files.readString(encrypted);
        assertThat(text)
                .doesNotContain(Base64.getEncoder().encodeToString(keyBytes))
                .doesNotContain(HexFormat.of().formatHex(keyBytes));
        // the clear file's base64 fields decode to bytes holding the key; the encrypted file's to bytes without it
        assertThat(holdsKey(Files.readString(clear), keyBytes)).isTrue();
        assertThat(holdsKey(text, keyBytes)).isFalse();
        assertThat(MasterKey.of(encrypted.toString(), kms).derivedSecret("pseudonyms"))
                .isEqualTo(MasterKey.of(clear.toString()).derivedSecret("pseudonyms"));
        // and the file the hub makes: owner-only, no clear keyset in it, never overwritten
        Path made = MasterKey.createEncrypted(dir.resolve("keys/made.json"), kms);
        assertThat(Files.getPosixFilePermissions(made)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(made)).contains("encryptedKeyset").doesNotContain("keyData");
        assertThatThrownBy(() -> MasterKey.createEncrypted(made, kms)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseAKmsUriAsTheKeyFileAndAKmsWithoutAClient() {
        assertThatThrownBy(() -> MasterKey.of("aws-kms://arn:aws:kms:eu-west-2:111122223333:key/synthetic"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(MasterKey.KMS_SETTING)
                .hasMessageNotContaining("111122223333");
        assertThatThrownBy(() -> MasterKey.createEncrypted(dir.resolve("mk.json"), "nowhere-kms://key/1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nowhere-kms://");
        assertThat(dir.resolve("mk.json")).doesNotExist();
    }

    @Test
    void shouldTakeTheKmsKeyFromAServiceConfigAndItsEnvironment() {
        String kms = LocalTestKms.keyUri("hub-master");
        Path file = MasterKey.createEncrypted(dir.resolve("mk.enc.json"), kms);
        org.apache.kafka.common.config.ConfigDef def =
                StreamsServiceConfig.define(new org.apache.kafka.common.config.ConfigDef(), "app", "state", 0, 100);
        Map<String, Object> settings =
                Environment.settings(Map.of(MasterKey.ENV, file.toString(), MasterKey.KMS_ENV, kms), "RJ_TEST_", def);
        settings.put("bootstrap.servers", "localhost:9092");
        settings.put("rj.registry.url", "http://localhost:8080");

        StreamsServiceConfig config = new StreamsServiceConfig(def, settings) {};

        assertThat(settings).containsEntry(MasterKey.KMS_SETTING, kms);
        assertThat(config.masterKey())
                .hasValueSatisfying(master -> assertThat(master.derivedSecret("pseudonyms"))
                        .isEqualTo(MasterKey.of(file.toString(), kms).derivedSecret("pseudonyms")));
        assertThat(Environment.describe("RJ_TEST_", def)).contains(MasterKey.KMS_ENV);
    }

    /** Whether a base64 string of {@code json} (any JSON string value) decodes to bytes holding {@code key}. */
    private static boolean holdsKey(String json, byte[] key) {
        java.util.regex.Matcher values =
                java.util.regex.Pattern.compile("\"([A-Za-z0-9+/=]{16,})\"").matcher(json);
        while (values.find()) {
            byte[] decoded = Base64.getDecoder().decode(values.group(1));
            for (int i = 0; i + key.length <= decoded.length; i++) {
                if (java.util.Arrays.equals(decoded, i, i + key.length, key, 0, key.length)) {
                    return true;
                }
            }
        }
        return false;
    }
}
