package org.rjhub.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.reporting.facts.FactsConfig;
import org.rjhub.reporting.facts.PseudonymKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hub keys rotate}: the facts service's pseudonymisation key file; {@code hub keys create-master}: a master key
 * file, in clear or encrypted under a KMS key.
 */
@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        description = "The facts service's pseudonymisation keys (its key file, RJ_FACTS_PSEUDONYM_KEYS) and the master"
                + " key file of the data keys (RJ_MASTER_KEY).",
        subcommands = {KeysCommand.Rotate.class, KeysCommand.CreateMaster.class})
final class KeysCommand {

    private KeysCommand() {}

    /** Adds a new key version to the file and makes it current. */
    @Command(
            name = "rotate",
            mixinStandardHelpOptions = true,
            description = {
                "Add a new pseudonymisation key (random, 48 bytes, never printed) to the key file as version N+1 and make"
                        + " it current; the file is rewritten owner-only (rw-------). The facts service publishes under"
                        + " it once restarted; earlier facts keep their version, and the first fact of each case under"
                        + " the new version links its new pseudonyms to the old, so reports keep it one case.",
                "When the file does not exist: made with version 1 = $RJ_REPORTING_HMAC_KEY (the one secret of before key"
                        + " versions, so nothing published changes) and version 2 new; without that variable, with a new"
                        + " version 1 only."
            })
    static final class Rotate implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--file", required = true, paramLabel = "F", description = "The key file.")
        Path file;

        private final Function<String, String> env;

        Rotate() {
            this(System::getenv);
        }

        Rotate(Function<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() throws IOException {
            PseudonymKeys rotated;
            if (Files.exists(file)) {
                try {
                    rotated = PseudonymKeys.load(file).rotated(new SecureRandom());
                } catch (IllegalArgumentException e) {
                    throw new UserInputException(e.getMessage(), e);
                }
            } else {
                String legacy = env.apply(FactsConfig.ENV_HMAC_KEY);
                if (legacy == null || legacy.isBlank()) {
                    rotated = PseudonymKeys.generate(new SecureRandom());
                } else {
                    try {
                        rotated = PseudonymKeys.ofLegacySecret(legacy).rotated(new SecureRandom());
                    } catch (IllegalArgumentException e) {
                        throw new UserInputException(e.getMessage(), e);
                    }
                }
            }
            rotated.write(file);
            spec.commandLine()
                    .getOut()
                    .printf(
                            "%s: key version %d is current (versions %s); restart the facts service to publish under"
                                    + " it (%s=%s).%n",
                            file,
                            rotated.current(),
                            rotated.versions(),
                            "RJ_FACTS_PSEUDONYM_KEYS",
                            file.toAbsolutePath());
            return 0;
        }
    }

    /** Makes a new master key file, encrypted under a KMS key when one is given. */
    @Command(
            name = "create-master",
            mixinStandardHelpOptions = true,
            description = {
                "Make a new master key (a Tink AES-256-GCM keyset, never printed) in a new file, owner-only (rw-------);"
                        + " an existing file is refused. With --kms the file holds the keyset encrypted under that KMS"
                        + " key (Tink's encrypted keyset), so it holds no key material in clear: run the services with"
                        + " RJ_MASTER_KEY=<the file> and RJ_MASTER_KEY_KMS=<the same URI>.",
                "The KMS is reached through Tink's KMS extension for the URI's scheme (tink-awskms, tink-gcpkms) on the"
                        + " class path, with its default credentials."
            })
    static final class CreateMaster implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "F", description = "The new master key file.")
        Path out;

        @Option(
                names = "--kms",
                paramLabel = "URI",
                description = "The KMS key that encrypts the file, a Tink URI (aws-kms://..., gcp-kms://...); none:"
                        + " the file is in clear (for local use).")
        String kms;

        @Override
        public Integer call() {
            boolean encrypted = kms != null && !kms.isBlank();
            if (Files.exists(out)) {
                throw new UserInputException(out + " exists: a master key file is never overwritten");
            }
            if (encrypted) {
                MasterKey.createEncrypted(out, kms.trim());
            } else {
                MasterKey.createIfMissing(out);
            }
            spec.commandLine()
                    .getOut()
                    .printf(
                            "%s: a new master key%s; set %s=%s%s.%n",
                            out,
                            encrypted ? ", encrypted under the KMS key" : " in clear",
                            MasterKey.ENV,
                            out.toAbsolutePath(),
                            encrypted ? " and " + MasterKey.KMS_ENV + "=<the same KMS URI>" : "");
            return 0;
        }
    }

    /** For tests: the variables {@code rotate} reads. */
    static Rotate rotateWith(Map<String, String> env) {
        return new Rotate(env::get);
    }
}
