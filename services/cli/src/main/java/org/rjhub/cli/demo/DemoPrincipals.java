package org.rjhub.cli.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.rjhub.agencies.Agency;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.topics.TopicCatalogue;
import org.rjhub.schemas.Contracts;
import org.rjhub.stack.StackSecurity;

/**
 * Who each of the demo's clients is: on the secured stack, every client connects as its own principal of the access
 * file (each agency, the router, the case service, the dead-letter tool); on a plaintext or existing cluster, all
 * share the one connection.
 *
 * @param admin    the provisioning principal (or the one connection)
 * @param security the stack's principals; null when plaintext
 */
record DemoPrincipals(KafkaConnection admin, StackSecurity security) {

    /** The connection of {@code principal}. */
    KafkaConnection as(String principal) {
        return security == null ? admin : security.connection(admin, principal);
    }

    boolean secured() {
        return security != null;
    }

    /**
     * What the demo reads, each as the principal that may: an agency its own outcomes, the case service the
     * facilitators' queues, the dead-letter tool the dead letters.
     */
    Map<KafkaConnection, List<String>> readers(UnaryOperator<String> naming) {
        Map<KafkaConnection, List<String>> readers = new LinkedHashMap<>();
        for (Agency agency : Agency.values()) {
            readers.put(as(agency.cliName()), new ArrayList<>(List.of(naming.apply(agency.outcomesTopic()))));
        }
        List<String> queues = new ArrayList<>();
        TopicCatalogue.load().queues().forEach(q -> queues.add(naming.apply(TopicCatalogue.queueTopic(q))));
        readers.computeIfAbsent(as("cases"), c -> new ArrayList<>()).addAll(queues);
        readers.computeIfAbsent(as("dlq"), c -> new ArrayList<>()).add(naming.apply(Contracts.DEAD_LETTERS_TOPIC));
        return readers;
    }
}
