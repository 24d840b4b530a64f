package org.rjhub.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.resource.ResourceType;
import org.rjhub.common.access.AccessPolicy;
import org.rjhub.common.access.AccessRule;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.common.streams.InternalTopics;
import org.rjhub.common.topics.TopicCatalogue;
import org.rjhub.common.topics.TopicSpec;

/**
 * The checks of meaning on the deployment files, beyond their schemas: each returns what is wrong, empty when nothing
 * is. The topics are the catalogue's; every variable a manifest gives a hub service is one of its settings; the
 * topics of the exactly-once services have three copies and two in sync, and so do the brokers' own.
 */
final class ManifestChecks {

    private final TopicCatalogue catalogue;
    private final AccessPolicy access;

    ManifestChecks(TopicCatalogue catalogue, AccessPolicy access) {
        this.catalogue = catalogue;
        this.access = access;
    }

    /**
     * The KafkaTopics are the catalogue's topics and the Streams services' internal topics (as their topologies
     * need them), each with its partitions and settings; internal ones with {@code min.insync.replicas} too.
     */
    List<String> topicsAreTheCatalogue(List<JsonNode> k8s) {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> declared = kafkaTopics(k8s);
        for (TopicSpec t : catalogue.all()) {
            expect(
                    problems,
                    declared,
                    t.name(),
                    t.partitions(),
                    t.topicConfig(catalogue.minInsyncReplicas()),
                    "the catalogue");
        }
        for (InternalTopics.InternalTopic t : Manifests.internalTopics()) {
            Map<String, String> config = new TreeMap<>(t.config());
            config.put("min.insync.replicas", String.valueOf(catalogue.minInsyncReplicas()));
            expect(problems, declared, t.name(), t.partitions(), config, "its topology");
        }
        declared.keySet()
                .forEach(name ->
                        problems.add("KafkaTopic " + name + " is not in the catalogue nor a service's internal topic"));
        return problems;
    }

    private static void expect(
            List<String> problems,
            Map<String, JsonNode> declared,
            String name,
            int partitions,
            Map<String, String> wanted,
            String source) {
        JsonNode spec = declared.remove(name);
        if (spec == null) {
            problems.add("topic " + name + " of " + source + " has no KafkaTopic");
            return;
        }
        if (spec.path("partitions").asInt() != partitions) {
            problems.add("KafkaTopic " + name + ": " + spec.path("partitions").asInt() + " partitions, " + source
                    + " says " + partitions);
        }
        Map<String, String> config = new LinkedHashMap<>();
        spec.path("config")
                .properties()
                .forEach(e -> config.put(e.getKey(), e.getValue().asText()));
        if (!config.equals(wanted)) {
            problems.add("KafkaTopic " + name + ": config " + config + " is not " + source + "'s " + wanted);
        }
    }

    /**
     * Every hub service connects as its own principal of the access file: a Streams service with the SCRAM JAAS line
     * of its {@code KafkaUser}'s secret, the others with {@code KAFKA_CLIENT_CONFIG} naming the client properties
     * of the ConfigMap, which read that line from its {@code KafkaUser}'s secret mounted beside them.
     */
    List<String> servicesConnectAsTheirPrincipals(List<JsonNode> k8s) {
        List<String> problems = new ArrayList<>();
        for (HubService s : HubService.values()) {
            JsonNode doc = k8s.stream()
                    .filter(d -> Set.of("StatefulSet", "Deployment")
                                    .contains(d.path("kind").asText())
                            && d.path("metadata").path("name").asText().equals(s.command()))
                    .findFirst()
                    .orElse(null);
            if (doc == null) {
                problems.add(s.command() + ": no workload");
                continue;
            }
            if (!access.principals().containsKey(s.principal())) {
                problems.add(s.command() + ": principal " + s.principal() + " is not in the access file");
            }
            JsonNode pod = doc.at("/spec/template/spec");
            JsonNode container = pod.path("containers").path(0);
            Map<String, JsonNode> env = new LinkedHashMap<>();
            container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
            String where = doc.path("kind").asText() + " " + s.command();
            if (s.streams()) {
                JsonNode jaas = env.get(s.streamsVariable("sasl.jaas.config"));
                if (jaas == null
                        || !jaas.at("/valueFrom/secretKeyRef/name").asText().equals(s.principal())) {
                    problems.add(where + ": no SASL JAAS line from the secret of its KafkaUser " + s.principal());
                }
                continue;
            }
            JsonNode file = env.get(KafkaConnection.ENV_CLIENT_CONFIG);
            String wanted = Manifests.CLIENT_CONFIG_DIR + "/" + Manifests.CLIENT_CONFIG_FILE;
            if (file == null || !file.path("value").asText().equals(wanted)) {
                problems.add(where + ": " + KafkaConnection.ENV_CLIENT_CONFIG + " does not name " + wanted);
            }
            Map<String, String> mounts = new LinkedHashMap<>();
            container
                    .path("volumeMounts")
                    .forEach(m -> mounts.put(
                            m.path("mountPath").asText(), m.path("name").asText()));
            Map<String, JsonNode> volumes = new LinkedHashMap<>();
            pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
            JsonNode user = volumes.get(mounts.get(Manifests.USER_SECRET_DIR));
            if (user == null || !user.at("/secret/secretName").asText().equals(s.principal())) {
                problems.add(where + ": the secret of its KafkaUser " + s.principal() + " is not mounted at "
                        + Manifests.USER_SECRET_DIR);
            }
            JsonNode config = volumes.get(mounts.get(Manifests.CLIENT_CONFIG_DIR));
            if (config == null || !config.at("/configMap/name").asText().equals(Manifests.CLIENT_CONFIG_MAP)) {
                problems.add(where + ": the ConfigMap " + Manifests.CLIENT_CONFIG_MAP + " is not mounted at "
                        + Manifests.CLIENT_CONFIG_DIR);
            }
        }
        return problems;
    }

    /**
     * Every variable given to a container or compose service running the hub's image is a setting of the service it
     * runs (its typed config, or a Kafka Streams pass-through), and every setting it requires (no default) is given;
     * a {@code hub} job gets the connection pair, and only that.
     */
    List<String> variablesAreSettings(List<JsonNode> k8s, JsonNode compose) {
        List<String> problems = new ArrayList<>();
        for (JsonNode doc : k8s) {
            for (JsonNode c : podSpec(doc).path("containers")) {
                if (!c.path("image").asText().equals(Manifests.IMAGE)) {
                    continue;
                }
                List<String> names = new ArrayList<>();
                c.path("env").forEach(e -> names.add(e.path("name").asText()));
                problems.addAll(check(
                        doc.path("kind").asText() + " "
                                + doc.path("metadata").path("name").asText(),
                        c.path("args"),
                        names));
            }
        }
        compose.path("services").properties().forEach(e -> {
            JsonNode svc = e.getValue();
            if (svc.path("image").asText().equals(Manifests.IMAGE)) {
                List<String> names = new ArrayList<>();
                svc.path("environment").properties().forEach(v -> names.add(v.getKey()));
                problems.addAll(check("compose service " + e.getKey(), svc.path("command"), names));
            }
        });
        return problems;
    }

    private static List<String> check(String where, JsonNode command, List<String> variables) {
        String first = command.path(0).asText();
        Set<String> connection = Set.of(KafkaConnection.ENV_BOOTSTRAP, KafkaConnection.ENV_REGISTRY);
        Set<String> hubReads = new TreeSet<>(connection);
        hubReads.add(KafkaConnection.ENV_CLIENT_CONFIG); // every hub command connects as the principal it names
        if (command.path(1).asText().equals("dlq")) {
            hubReads.add(MasterKey.ENV); // hub dlq opens sealed dead letters with it
        }
        Optional<HubService> service = java.util.Arrays.stream(HubService.values())
                .filter(s -> s.command().equals(first))
                .findFirst();
        if (service.isEmpty() && !first.equals("hub")) {
            return List.of(where + ": runs '" + first + "', which is no service of the image");
        }
        List<String> problems = new ArrayList<>();
        for (String v : variables) {
            boolean known = service.map(s -> s.reads(v)).orElse(hubReads.contains(v));
            if (!known) {
                problems.add(where + ": " + v + " is no setting of "
                        + service.map(HubService::command).orElse("hub"));
            }
        }
        Set<String> required = service.map(HubService::requiredVariables).orElse(connection);
        for (String v : required) {
            if (!variables.contains(v)) {
                problems.add(where + ": " + v + " is required and not set");
            }
        }
        return problems;
    }

    /**
     * The topics each exactly-once service reads or writes (its rules in the access file) have replication factor 3
     * and {@code min.insync.replicas} 2, and so have the brokers' transaction and offset logs.
     */
    List<String> exactlyOnceIsDurable(List<JsonNode> k8s, JsonNode compose) {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> topics = kafkaTopics(k8s);
        Set<String> exactlyOnce = new TreeSet<>();
        for (HubService s : HubService.values()) {
            if (!s.streams()) {
                continue;
            }
            for (AccessRule r : access.principals().get(s.principal()).rules(ResourceType.TOPIC)) {
                catalogue.all().stream().map(TopicSpec::name).filter(r::covers).forEach(exactlyOnce::add);
            }
        }
        for (String name : exactlyOnce) {
            JsonNode spec = topics.get(name);
            if (spec == null) {
                continue; // reported by topicsAreTheCatalogue
            }
            if (spec.path("replicas").asInt() != 3) {
                problems.add("KafkaTopic " + name + " (exactly-once): replicas "
                        + spec.path("replicas").asInt() + ", not 3");
            }
            if (!spec.path("config").path("min.insync.replicas").asText().equals("2")) {
                problems.add("KafkaTopic " + name + " (exactly-once): min.insync.replicas "
                        + spec.path("config").path("min.insync.replicas").asText() + ", not 2");
            }
        }
        Map<String, String> brokers = Map.of(
                "transaction.state.log.replication.factor", "3",
                "transaction.state.log.min.isr", "2",
                "offsets.topic.replication.factor", "3",
                "default.replication.factor", "3",
                "min.insync.replicas", "2");
        for (JsonNode doc : k8s) {
            if (doc.path("kind").asText().equals("Kafka")) {
                JsonNode config = doc.path("spec").path("kafka").path("config");
                brokers.forEach((k, v) -> {
                    if (!config.path(k).asText().equals(v)) {
                        problems.add(
                                "Kafka " + doc.path("metadata").path("name").asText() + ": " + k + " is "
                                        + config.path(k).asText("unset") + ", not " + v);
                    }
                });
            }
        }
        compose.path("services").properties().forEach(e -> {
            if (e.getValue().path("image").asText().startsWith("apache/kafka:")) {
                JsonNode env = e.getValue().path("environment");
                brokers.forEach((k, v) -> {
                    String variable = Manifests.brokerVariable(k);
                    if (!env.path(variable).asText().equals(v)) {
                        problems.add("compose broker " + e.getKey() + ": " + variable + " is "
                                + env.path(variable).asText("unset") + ", not " + v);
                    }
                });
            }
        });
        return problems;
    }

    /**
     * The key files are given exactly where they are needed, as files from secrets, never in a variable's value: the
     * master key to the router, the case service (they seal what they dead-letter, the router the canonical referrals
     * too), the facts service (it opens those) and the dead-letter tool (it opens dead letters); the pseudonymisation
     * key file to the facts service. Given means mounted from its secret and named by the
     * variable the program reads ({@code RJ_MASTER_KEY}, {@code RJ_FACTS_PSEUDONYM_KEYS}).
     */
    List<String> keyFilesOnlyWhereNeeded(List<JsonNode> k8s, JsonNode compose) {
        Map<String, Set<String>> needs = Map.of(
                "router", Set.of(MASTER_KEY),
                "cases", Set.of(MASTER_KEY),
                "dlq", Set.of(MASTER_KEY),
                "facts", Set.of(MASTER_KEY, PSEUDONYM_KEYS));
        Map<String, String> variableOf = Map.of(MASTER_KEY, MasterKey.ENV, PSEUDONYM_KEYS, "RJ_FACTS_PSEUDONYM_KEYS");
        List<String> problems = new ArrayList<>();
        for (JsonNode doc : k8s) {
            JsonNode pod = podSpec(doc);
            if (pod.isMissingNode()) {
                continue;
            }
            String where = doc.path("kind").asText() + " "
                    + doc.path("metadata").path("name").asText();
            Map<String, String> secretVolumes = new LinkedHashMap<>();
            pod.path("volumes").forEach(v -> {
                if (v.has("secret")) {
                    secretVolumes.put(
                            v.path("name").asText(), v.at("/secret/secretName").asText());
                }
            });
            for (JsonNode c : pod.path("containers")) {
                Map<String, String> mountedAt = new LinkedHashMap<>(); // secret -> mount path
                c.path("volumeMounts").forEach(m -> {
                    String secret = secretVolumes.get(m.path("name").asText());
                    if (secret != null) {
                        mountedAt.put(secret, m.path("mountPath").asText());
                    }
                });
                Map<String, JsonNode> env = new LinkedHashMap<>();
                c.path("env").forEach(e -> env.put(e.path("name").asText(), e));
                Set<String> wanted =
                        needs.getOrDefault(doc.path("metadata").path("name").asText(), Set.of());
                for (String secret : List.of(MASTER_KEY, PSEUDONYM_KEYS)) {
                    JsonNode variable = env.get(variableOf.get(secret));
                    boolean mounted = mountedAt.containsKey(secret);
                    if (wanted.contains(secret)) {
                        if (!mounted
                                || variable == null
                                || !variable.path("value").asText().startsWith(mountedAt.get(secret) + "/")) {
                            problems.add(where + ": needs the secret " + secret + " mounted and named by "
                                    + variableOf.get(secret));
                        }
                    } else if (mounted || variable != null) {
                        problems.add(where + ": is given the secret " + secret + ", which it does not need");
                    }
                }
            }
        }
        compose.path("services").properties().forEach(e -> {
            JsonNode svc = e.getValue();
            Set<String> secrets = new TreeSet<>();
            svc.path("secrets")
                    .forEach(x -> secrets.add(
                            x.isTextual() ? x.asText() : x.path("source").asText()));
            Set<String> wanted = needs.getOrDefault(e.getKey(), Set.of());
            for (String secret : List.of(MASTER_KEY, PSEUDONYM_KEYS)) {
                JsonNode variable = svc.path("environment").path(variableOf.get(secret));
                if (wanted.contains(secret)) {
                    if (!secrets.contains(secret)
                            || !variable.asText().equals(Manifests.COMPOSE_SECRETS_DIR + "/" + secret)) {
                        problems.add("compose service " + e.getKey() + ": needs the secret " + secret + " and "
                                + variableOf.get(secret) + " naming it");
                    }
                } else if (secrets.contains(secret) || !variable.isMissingNode()) {
                    problems.add("compose service " + e.getKey() + ": is given the secret " + secret
                            + ", which it does not need");
                }
            }
        });
        JsonNode files = compose.path("secrets");
        for (String secret : List.of(MASTER_KEY, PSEUDONYM_KEYS)) {
            if (!files.path(secret).path("file").isTextual()) {
                problems.add("compose: the secret " + secret + " is not a file");
            }
        }
        return problems;
    }

    private static final String MASTER_KEY = "master-key";
    private static final String PSEUDONYM_KEYS = "facts-pseudonym-keys";

    /** The pod of a workload, a Job, or a CronJob's Jobs; missing for any other kind. */
    private static JsonNode podSpec(JsonNode doc) {
        return doc.path("kind").asText().equals("CronJob")
                ? doc.at("/spec/jobTemplate/spec/template/spec")
                : doc.at("/spec/template/spec");
    }

    private static Map<String, JsonNode> kafkaTopics(List<JsonNode> k8s) {
        Map<String, JsonNode> topics = new LinkedHashMap<>();
        for (JsonNode doc : k8s) {
            if (doc.path("kind").asText().equals("KafkaTopic")) {
                topics.put(
                        doc.path("spec")
                                .path("topicName")
                                .asText(doc.path("metadata").path("name").asText()),
                        doc.path("spec"));
            }
        }
        return topics;
    }
}
