package org.rjhub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rjhub.common.privacy.DataKeys;
import org.rjhub.common.privacy.LocalTestKms;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.reporting.TestSecrets;
import org.rjhub.reporting.facts.PseudonymKeys;
import org.rjhub.reporting.facts.Pseudonymiser;
import picocli.CommandLine;

class KeysCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldMakeTheKeyFileFromTheOneSecretThenRotateItOwnerOnlyPrintingNoKey() throws Exception {
        Path file = dir.resolve("keys.json");
        String secret = TestSecrets.hmacKey();

        StringWriter first = new StringWriter();
        int made = rotate(Map.of("RJ_REPORTING_HMAC_KEY", secret), first, file);
        PseudonymKeys afterFirst = PseudonymKeys.load(file);
        StringWriter second = new StringWriter();
        int rotated = rotate(Map.of(), second, file);
        PseudonymKeys afterSecond = PseudonymKeys.load(file);

        assertThat(made).isZero();
        assertThat(rotated).isZero();
        assertThat(afterFirst.current()).isEqualTo(2);
        assertThat(afterSecond.current()).isEqualTo(3);
        assertThat(afterSecond.versions()).containsExactly(1, 2, 3);
        // version 1 is the one secret: the pseudonyms of before key versions do not change
        assertThat(Pseudonymiser.withKeys(afterSecond).caseKey("RJ-1"))
                .isEqualTo(Pseudonymiser.withSecret(secret).caseKey("RJ-1"));
        // version 2 is kept as it was made
        Pseudonymiser v2 = Pseudonymiser.withKeys(afterFirst);
        Pseudonymiser v3 = Pseudonymiser.withKeys(afterSecond);
        String internal = v2.caseKey("RJ-1");
        assertThat(v3.publish(internal, 2)).isEqualTo(v2.publish(internal));
        assertThat(v3.publish(internal)).isNotEqualTo(v2.publish(internal));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(second.toString()).contains("key version 3 is current");
        String json = Files.readString(file);
        for (String line : json.lines()
                .filter(l -> l.contains("\"2\"") || l.contains("\"3\""))
                .toList()) {
            String key = line.substring(line.indexOf(':') + 1).replaceAll("[\" ,]", "");
            assertThat(first.toString() + second.toString()).doesNotContain(key);
        }
    }

    @Test
    void shouldMakeANewKeyFileWithVersionOneWhenThereIsNoSecretToKeep() throws Exception {
        Path file = dir.resolve("new").resolve("keys.json");

        int exit = rotate(Map.of(), new StringWriter(), file);

        assertThat(exit).isZero();
        assertThat(PseudonymKeys.load(file).versions()).containsExactly(1);
    }

    @Test
    void shouldRefuseAFileThatIsNoKeyFileAndLeaveItAlone() throws Exception {
        Path file = dir.resolve("keys.json");
        Files.writeString(file, "{\"something\": \"else\"}");
        CommandLine cli = new CommandLine(KeysCommand.rotateWith(Map.of()));
        cli.setExecutionExceptionHandler((e, c, p) -> e instanceof UserInputException ? 2 : 1);

        int exit = cli.execute("--file", file.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(Files.readString(file)).isEqualTo("{\"something\": \"else\"}");
    }

    @Test
    void shouldCreateAMasterKeyFileEncryptedUnderTheKmsKeyOnlyOnce() throws Exception {
        String kms = LocalTestKms.keyUri("hub-master");
        Path file = dir.resolve("master-key.json");
        StringWriter out = new StringWriter();

        int exit = createMaster(out, "--out", file.toString(), "--kms", kms);
        int again = createMaster(new StringWriter(), "--out", file.toString(), "--kms", kms);

        assertThat(exit).isZero();
        assertThat(again).isEqualTo(2);
        assertThat(out.toString()).contains("RJ_MASTER_KEY_KMS").doesNotContain(kms);
        assertThat(Files.readString(file)).contains("encryptedKeyset").doesNotContain("keyData");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        DataKeys writer = new DataKeys(MasterKey.of(file.toString(), kms));
        DataKeys.DataKey key = writer.create("POLICE:PR-1");
        byte[] sealed =
                writer.seal(key.id(), "originalValue", "Zebedee".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        DataKeys reader = new DataKeys(MasterKey.of(file.toString(), kms));
        reader.add(key.id(), key.wrapped());
        assertThat(reader.open(key.id(), "originalValue", sealed))
                .hasValueSatisfying(v -> assertThat(new String(v, java.nio.charset.StandardCharsets.UTF_8))
                        .isEqualTo("Zebedee"));
        assertThatThrownBy(() -> MasterKey.of(file.toString())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldCreateAMasterKeyFileInClearWithoutAKms() throws Exception {
        Path file = dir.resolve("master-key.json");

        int exit = createMaster(new StringWriter(), "--out", file.toString());

        assertThat(exit).isZero();
        assertThat(Files.readString(file)).contains("keyData");
        assertThat(MasterKey.of(file.toString()).derivedSecret("pseudonyms")).hasSize(32);
    }

    private static int createMaster(StringWriter out, String... args) {
        CommandLine cli = new CommandLine(new KeysCommand.CreateMaster());
        cli.setOut(new PrintWriter(out));
        cli.setExecutionExceptionHandler((e, c, p) -> e instanceof UserInputException ? 2 : 1);
        return cli.execute(args);
    }

    private static int rotate(Map<String, String> env, StringWriter out, Path file) {
        CommandLine cli = new CommandLine(KeysCommand.rotateWith(env));
        cli.setOut(new PrintWriter(out));
        return cli.execute("--file", file.toString());
    }
}
