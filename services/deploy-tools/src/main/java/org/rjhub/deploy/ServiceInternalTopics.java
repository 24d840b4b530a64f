package org.rjhub.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rjhub.cases.CasesConfig;
import org.rjhub.cases.CasesService;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.common.streams.InternalTopics;
import org.rjhub.common.streams.StreamsServiceConfig;
import org.rjhub.reporting.facts.FactsConfig;
import org.rjhub.reporting.facts.FactsService;
import org.rjhub.router.RouterConfig;
import org.rjhub.router.RouterService;

/**
 * The internal topics of the hub's Kafka Streams services under their production application ids ({@code rj-router},
 * {@code rj-cases}, {@code rj-reporting-facts}): provisioning creates them with the catalogue's topics ({@code hub up},
 * {@code hub topics apply --internal}, the generated {@code KafkaTopic}s), so no service's principal needs Create.
 */
public final class ServiceInternalTopics {

    private ServiceInternalTopics() {}

    public static List<InternalTopics.InternalTopic> all(KafkaConnection connection) {
        return all(connection, "");
    }

    /**
     * The same in a namespace: every topic name and application id prefixed by {@code prefix} (as
     * {@code --topic-prefix} names topics).
     */
    public static List<InternalTopics.InternalTopic> all(KafkaConnection connection, String prefix) {
        Path dir = throwawayDir();
        try {
            // the topologies as deployed: the case and facts services have the master key (they open the sealed
            // referrals, which adds the opener's store of parked referrals); any key gives the same topology
            String masterKey =
                    MasterKey.createIfMissing(dir.resolve("master-key.json")).toString();
            List<InternalTopics.InternalTopic> topics = new ArrayList<>();
            topics.addAll(RouterService.internalTopics(
                    RouterConfig.of(connection, namespaced(prefix, RouterConfig.of(connection, Map.of()), Map.of()))));
            Map<String, Object> cases = Map.of(StreamsServiceConfig.MASTER_KEY, masterKey);
            topics.addAll(CasesService.internalTopics(
                    CasesConfig.of(connection, namespaced(prefix, CasesConfig.of(connection, cases), cases))));
            // nor does it depend on the pseudonymisation key; a throwaway one satisfies the config
            byte[] key = new byte[48];
            new SecureRandom().nextBytes(key);
            Map<String, Object> facts = Map.of(
                    FactsConfig.HMAC_KEY,
                    Base64.getEncoder().encodeToString(key),
                    StreamsServiceConfig.MASTER_KEY,
                    masterKey);
            topics.addAll(FactsService.internalTopics(
                    FactsConfig.of(connection, namespaced(prefix, FactsConfig.of(connection, facts), facts))));
            return topics;
        } finally {
            deleteThrowaway(dir);
        }
    }

    private static Path throwawayDir() {
        try {
            return Files.createTempDirectory("rj-topology-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary folder for a throwaway master key", e);
        }
    }

    private static void deleteThrowaway(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve("master-key.json"));
            Files.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the throwaway master key in " + dir, e);
        }
    }

    private static Map<String, Object> namespaced(
            String prefix, StreamsServiceConfig defaults, Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        if (!prefix.isEmpty()) {
            all.put(
                    StreamsServiceConfig.APPLICATION_ID,
                    prefix + defaults.getString(StreamsServiceConfig.APPLICATION_ID));
            all.put(StreamsServiceConfig.TOPIC_PREFIX, prefix);
        }
        return all;
    }
}
