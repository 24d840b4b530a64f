package org.rjhub.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.rjhub.common.access.AccessPolicy;
import org.rjhub.common.topics.TopicCatalogue;

/**
 * Every deployment file validated without a cluster: each document against its pinned schema (Kubernetes 1.30, Strimzi
 * 1.2.0, the compose spec), and the checks of meaning; each check shown failing on a deliberately broken copy.
 */
class ManifestValidationTest {

    private static final ManifestSchemas SCHEMAS = new ManifestSchemas();
    private static final TopicCatalogue CATALOGUE = TopicCatalogue.load();
    private static final AccessPolicy ACCESS = AccessPolicy.load();

    private final ManifestChecks checks = new ManifestChecks(CATALOGUE, ACCESS);
    private final List<JsonNode> k8s = DeployFiles.kubernetes();
    private final JsonNode compose = DeployFiles.compose();

    @Test
    void shouldHoldEveryKindTheDeploymentNeeds() {
        Map<String, Integer> kinds = new TreeMap<>();
        k8s.forEach(d -> kinds.merge(d.path("kind").asText(), 1, Integer::sum));

        assertThat(kinds)
                .containsEntry("Kafka", 1)
                .containsEntry("KafkaNodePool", 2)
                .containsEntry(
                        "KafkaTopic",
                        CATALOGUE.all().size() + Manifests.internalTopics().size())
                .containsEntry("Job", 1) // the schemas
                .containsEntry("CronJob", 1) // the dead-letter tool, suspended: a template for one-shot Jobs
                .containsEntry("ConfigMap", 1) // the client properties of the principals
                .containsEntry("KafkaUser", ACCESS.principals().size())
                .containsEntry("StatefulSet", 3) // router, cases, facts: their state folders persist
                .containsEntry("Deployment", 3) // reporting, lag monitor, registry
                .containsEntry("PodDisruptionBudget", 6);
        assertThat(compose.path("services").properties().stream().map(Map.Entry::getKey))
                .contains("kafka-1", "kafka-2", "kafka-3", "registry", "registry-db", "topics", "access")
                .contains(java.util.Arrays.stream(HubService.values())
                        .map(HubService::command)
                        .toArray(String[]::new));
    }

    @Test
    void shouldValidateEveryKubernetesDocumentAgainstItsPinnedSchema() {
        List<String> problems = new ArrayList<>();
        k8s.forEach(d -> problems.addAll(SCHEMAS.validateKubernetes(d)));

        assertThat(problems).isEmpty();
    }

    @Test
    void shouldValidateTheComposeFileAgainstTheComposeSpec() {
        assertThat(SCHEMAS.validateCompose(compose)).isEmpty();
    }

    @Test
    void shouldFindTheCatalogueTheSettingsAndDurableExactlyOnce() {
        assertThat(checks.topicsAreTheCatalogue(k8s)).isEmpty();
        assertThat(checks.variablesAreSettings(k8s, compose)).isEmpty();
        assertThat(checks.exactlyOnceIsDurable(k8s, compose)).isEmpty();
        assertThat(checks.servicesConnectAsTheirPrincipals(k8s)).isEmpty();
        assertThat(checks.keyFilesOnlyWhereNeeded(k8s, compose)).isEmpty();
    }

    @Test
    void shouldFindAKeyFileMissingWhereNeededOrGivenWhereNot() {
        List<JsonNode> broken = copy();
        JsonNode router = find(
                broken,
                d -> d.path("kind").asText().equals("StatefulSet")
                        && d.path("metadata").path("name").asText().equals("router"));
        ArrayNode routerMounts = (ArrayNode) router.at("/spec/template/spec/containers/0/volumeMounts");
        for (int i = routerMounts.size() - 1; i >= 0; i--) {
            if (routerMounts.get(i).path("name").asText().equals("master-key")) {
                routerMounts.remove(i);
            }
        }
        JsonNode lag = find(
                broken,
                d -> d.path("kind").asText().equals("Deployment")
                        && d.path("metadata").path("name").asText().equals("lag-monitor"));
        ((ArrayNode) lag.at("/spec/template/spec/volumes"))
                .addObject()
                .put("name", "master-key")
                .putObject("secret")
                .put("secretName", "master-key");
        ((ArrayNode) lag.at("/spec/template/spec/containers/0/volumeMounts"))
                .addObject()
                .put("name", "master-key")
                .put("mountPath", "/etc/rj-hub/master-key");
        ObjectNode brokenCompose = compose.deepCopy();
        ((ObjectNode) brokenCompose.at("/services/reporting"))
                .putArray("secrets")
                .add("facts-pseudonym-keys");
        ((ObjectNode) brokenCompose.at("/services/facts")).remove("secrets");

        assertThat(checks.keyFilesOnlyWhereNeeded(broken, brokenCompose))
                .containsExactlyInAnyOrder(
                        "StatefulSet router: needs the secret master-key mounted and named by RJ_MASTER_KEY",
                        "Deployment lag-monitor: is given the secret master-key, which it does not need",
                        "compose service facts: needs the secret master-key and RJ_MASTER_KEY naming it",
                        "compose service facts: needs the secret facts-pseudonym-keys and RJ_FACTS_PSEUDONYM_KEYS naming it",
                        "compose service reporting: is given the secret facts-pseudonym-keys, which it does not need");
    }

    @Test
    void shouldRunTheCaseServiceAsSeveralInstancesEachTellingItsAddress() {
        JsonNode cases = find(d -> d.path("kind").asText().equals("StatefulSet")
                && d.path("metadata").path("name").asText().equals("cases"));
        List<String> env = new ArrayList<>();
        cases.at("/spec/template/spec/containers/0/env").forEach(e -> env.add(e.toString()));

        assertThat(cases.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(env)
                .contains(
                        "{\"name\":\"RJ_CASES_ADVERTISED_HOST\",\"valueFrom\":{\"fieldRef\":{\"fieldPath\":\"status.podIP\"}}}")
                .contains("{\"name\":\"RJ_CASES_NUM_STANDBY_REPLICAS\",\"value\":\"1\"}");
        assertThat(find(d -> d.path("kind").asText().equals("Service")
                                && d.path("metadata").path("name").asText().equals("cases-pods"))
                        .at("/spec/clusterIP")
                        .asText())
                .isEqualTo("None");
    }

    @Test
    void shouldFindAServiceNotConnectingAsItsPrincipal() {
        List<JsonNode> broken = copy();
        JsonNode lag = find(
                broken,
                d -> d.path("kind").asText().equals("Deployment")
                        && d.path("metadata").path("name").asText().equals("lag-monitor"));
        ((ObjectNode) lag.at("/spec/template/spec/volumes/2/secret")).put("secretName", "reporting");
        ArrayNode reportingEnv = (ArrayNode) find(
                        broken,
                        d -> d.path("kind").asText().equals("Deployment")
                                && d.path("metadata").path("name").asText().equals("reporting"))
                .at("/spec/template/spec/containers/0/env");
        for (int i = reportingEnv.size() - 1; i >= 0; i--) {
            if (reportingEnv.get(i).path("name").asText().equals("KAFKA_CLIENT_CONFIG")) {
                reportingEnv.remove(i);
            }
        }

        assertThat(checks.servicesConnectAsTheirPrincipals(broken))
                .containsExactlyInAnyOrder(
                        "Deployment reporting: KAFKA_CLIENT_CONFIG does not name /etc/rj-hub/kafka-client/client.properties",
                        "Deployment lag-monitor: the secret of its KafkaUser lagmonitor is not mounted at /etc/rj-hub/kafka-user");
    }

    @Test
    void shouldRefuseAMisspeltKubernetesField() {
        ObjectNode router = (ObjectNode) find(d -> d.path("kind").asText().equals("StatefulSet")
                        && d.path("metadata").path("name").asText().equals("router"))
                .deepCopy();
        ObjectNode container = (ObjectNode) router.at("/spec/template/spec/containers/0");
        container.set("livenesProbe", container.remove("livenessProbe"));

        assertThat(SCHEMAS.validateKubernetes(router)).anyMatch(p -> p.contains("livenesProbe"));
    }

    @Test
    void shouldRefuseStrimziFieldsAndOperationsItDoesNotKnow() {
        ObjectNode topic = (ObjectNode)
                find(d -> d.path("kind").asText().equals("KafkaTopic")).deepCopy();
        ((ObjectNode) topic.path("spec")).put("replicationFactor", 3);
        ObjectNode user = (ObjectNode)
                find(d -> d.path("kind").asText().equals("KafkaUser")).deepCopy();
        ((ArrayNode) user.at("/spec/authorization/acls/0/operations")).add("Writ");

        assertThat(SCHEMAS.validateKubernetes(topic)).anyMatch(p -> p.contains("replicationFactor"));
        assertThat(SCHEMAS.validateKubernetes(user)).anyMatch(p -> p.contains("operations"));
    }

    @Test
    void shouldRefuseAComposeKeyTheSpecDoesNotKnow() {
        ObjectNode broken = compose.deepCopy();
        ((ObjectNode) broken.at("/services/router")).put("restart_policy", "always");

        assertThat(SCHEMAS.validateCompose(broken)).anyMatch(p -> p.contains("restart_policy"));
    }

    @Test
    void shouldFindATopicMissingFromTheManifestsOrNotInTheCatalogue() {
        List<JsonNode> broken = copy();
        broken.removeIf(d -> d.path("spec").path("topicName").asText().equals("rj.escalations.v1"));
        ((ObjectNode) find(
                                broken,
                                d -> d.path("spec").path("topicName").asText().equals("rj.referrals.v1"))
                        .path("spec"))
                .put("topicName", "rj.referals.v1");

        assertThat(checks.topicsAreTheCatalogue(broken))
                .contains(
                        "topic rj.escalations.v1 of the catalogue has no KafkaTopic",
                        "topic rj.referrals.v1 of the catalogue has no KafkaTopic",
                        "KafkaTopic rj.referals.v1 is not in the catalogue nor a service's internal topic");
    }

    @Test
    void shouldFindAVariableTheServiceDoesNotDefineOrARequiredOneMissing() {
        List<JsonNode> broken = copy();
        ArrayNode env = (ArrayNode) find(
                        broken,
                        d -> d.path("kind").asText().equals("StatefulSet")
                                && d.path("metadata").path("name").asText().equals("router"))
                .at("/spec/template/spec/containers/0/env");
        env.addObject().put("name", "RJ_ROUTER_RJ_LINKAGE_SHARD").put("value", "12");
        ObjectNode brokenCompose = compose.deepCopy();
        ((ObjectNode) brokenCompose.at("/services/reporting/environment")).put("RJ_REPORTING_STREAMS_LINGER_MS", "5");
        ((ObjectNode) brokenCompose.at("/services/facts/environment")).remove("RJ_FACTS_PSEUDONYM_KEYS");
        ((ObjectNode) brokenCompose.at("/services/dlq/environment")).put("RJ_FACTS_PSEUDONYM_KEYS", "/run/secrets/x");

        assertThat(checks.variablesAreSettings(broken, brokenCompose))
                .containsExactlyInAnyOrder(
                        "StatefulSet router: RJ_ROUTER_RJ_LINKAGE_SHARD is no setting of router",
                        "compose service facts: RJ_FACTS_PSEUDONYM_KEYS is required and not set",
                        "compose service dlq: RJ_FACTS_PSEUDONYM_KEYS is no setting of hub",
                        "compose service reporting: RJ_REPORTING_STREAMS_LINGER_MS is no setting of reporting");
    }

    @Test
    void shouldFindAnExactlyOnceTopicOrBrokerLogWithTooFewCopies() {
        List<JsonNode> broken = copy();
        ((ObjectNode) find(
                                broken,
                                d -> d.path("spec").path("topicName").asText().equals("rj.referrals.v1"))
                        .path("spec"))
                .put("replicas", 1);
        ((ObjectNode) find(
                                broken,
                                d -> d.path("spec").path("topicName").asText().equals("police.outcomes.v1"))
                        .at("/spec/config"))
                .put("min.insync.replicas", "1");
        ((ObjectNode) find(broken, d -> d.path("kind").asText().equals("Kafka")).at("/spec/kafka/config"))
                .put("transaction.state.log.min.isr", 1);

        assertThat(checks.exactlyOnceIsDurable(broken, compose))
                .containsExactlyInAnyOrder(
                        "KafkaTopic rj.referrals.v1 (exactly-once): replicas 1, not 3",
                        "KafkaTopic police.outcomes.v1 (exactly-once): min.insync.replicas 1, not 2",
                        "Kafka rj-hub: transaction.state.log.min.isr is 1, not 2");
    }

    private List<JsonNode> copy() {
        List<JsonNode> docs = new ArrayList<>();
        k8s.forEach(d -> docs.add(d.deepCopy()));
        return docs;
    }

    private JsonNode find(Predicate<JsonNode> which) {
        return find(k8s, which);
    }

    private static JsonNode find(List<JsonNode> docs, Predicate<JsonNode> which) {
        return docs.stream().filter(which).findFirst().orElseThrow();
    }
}
