package org.rjhub.common.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataKeysTest {

    private static final byte[] NAME = "Zebedee Quillfeather".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldOpenWhatItSealedOnlyWhileTheKeyIsKnown(@TempDir Path dir) {
        MasterKey master =
                MasterKey.of(MasterKey.createIfMissing(dir.resolve("mk.json")).toString());
        DataKeys writer = new DataKeys(master);
        DataKeys.DataKey key = writer.create(DataKeys.referralSubject("POLICE", "PR-1"));
        byte[] sealed = writer.seal(key.id(), "originalValue", NAME);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Zebedee");
        assertThat(DataKeys.subjectOf(key.id())).isEqualTo("POLICE:PR-1");
        DataKeys reader = new DataKeys(master);
        assertThat(reader.open(key.id(), "originalValue", sealed)).isEmpty();
        reader.add(key.id(), key.wrapped());
        assertThat(reader.open(key.id(), "originalValue", sealed))
                .hasValueSatisfying(v -> assertThat(v).isEqualTo(NAME));
    }

    @Test
    void shouldRefuseACiphertextPassedOffAsAnotherFieldOrAKeyUnderAnotherId(@TempDir Path dir) {
        MasterKey master =
                MasterKey.of(MasterKey.createIfMissing(dir.resolve("mk.json")).toString());
        DataKeys keys = new DataKeys(master);
        DataKeys.DataKey key = keys.create("POLICE:PR-1");
        byte[] sealed = keys.seal(key.id(), "originalValue", NAME);

        assertThatThrownBy(() -> keys.open(key.id(), "originalKey", sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new DataKeys(master).add("POLICE:PR-2/x", key.wrapped()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRefuseADataKeyWrappedByAnotherMasterKey(@TempDir Path dir) {
        DataKeys one = new DataKeys(
                MasterKey.of(MasterKey.createIfMissing(dir.resolve("one.json")).toString()));
        DataKeys other = new DataKeys(MasterKey.of(
                MasterKey.createIfMissing(dir.resolve("other.json")).toString()));
        DataKeys.DataKey key = one.create("POLICE:PR-1");

        assertThatThrownBy(() -> other.add(key.id(), key.wrapped())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldMakeTheMasterKeyFileOwnerOnlyAndKeepAnExistingOne(@TempDir Path dir) throws Exception {
        Path file = MasterKey.createIfMissing(dir.resolve("keys/mk.json"));
        String first = Files.readString(file);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(MasterKey.createIfMissing(file))).isEqualTo(first);
    }

    @Test
    void shouldDeriveTheSameSecretFromTheSameKeyFileAndAnotherPerPurposeOrFile(@TempDir Path dir) {
        Path file = MasterKey.createIfMissing(dir.resolve("mk.json"));
        Path other = MasterKey.createIfMissing(dir.resolve("other.json"));

        byte[] secret = MasterKey.of(file.toString()).derivedSecret("pseudonyms");

        assertThat(secret).hasSize(32);
        assertThat(MasterKey.of(file.toString()).derivedSecret("pseudonyms")).isEqualTo(secret);
        assertThat(MasterKey.of(file.toString()).derivedSecret("something else"))
                .isNotEqualTo(secret);
        assertThat(MasterKey.of(other.toString()).derivedSecret("pseudonyms")).isNotEqualTo(secret);
    }
}
