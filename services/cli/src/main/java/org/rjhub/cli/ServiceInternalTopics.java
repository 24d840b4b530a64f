package org.rjhub.cli;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.rjhub.cases.CasesConfig;
import org.rjhub.cases.CasesService;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.streams.InternalTopics;
import org.rjhub.reporting.facts.FactsConfig;
import org.rjhub.reporting.facts.FactsService;
import org.rjhub.router.RouterConfig;
import org.rjhub.router.RouterService;

/**
 * The internal topics of the hub's Kafka Streams services under their production application ids ({@code rj-router},
 * {@code rj-cases}, {@code rj-reporting-facts}): provisioning creates them with the catalogue's topics, so no
 * service's principal needs Create.
 */
final class ServiceInternalTopics {

    private ServiceInternalTopics() {}

    static List<InternalTopics.InternalTopic> all(KafkaConnection connection) {
        List<InternalTopics.InternalTopic> topics = new ArrayList<>();
        topics.addAll(RouterService.internalTopics(RouterConfig.of(connection, Map.of())));
        topics.addAll(CasesService.internalTopics(CasesConfig.of(connection, Map.of())));
        // the topology does not depend on the pseudonymisation key; a throwaway one satisfies the config
        byte[] key = new byte[48];
        new SecureRandom().nextBytes(key);
        topics.addAll(FactsService.internalTopics(FactsConfig.of(
                connection, Map.of(FactsConfig.HMAC_KEY, Base64.getEncoder().encodeToString(key)))));
        return topics;
    }
}
