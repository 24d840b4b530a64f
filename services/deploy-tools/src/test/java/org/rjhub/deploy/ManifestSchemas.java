package org.rjhub.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pinned schemas every manifest is checked against (see {@code src/test/resources/schemas/README.md}): Kubernetes'
 * kinds, Strimzi's custom resources and the compose file, each made strict as it is loaded (an object takes no
 * property its schema does not name), so that a misspelt or misplaced field fails as it would on a real cluster.
 */
final class ManifestSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchemaFactory DRAFT7 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    /** Kubernetes kinds: the fabric8 model jar whose schema holds them, and the definition. */
    private static final Map<String, String[]> KUBERNETES = Map.of(
            "apps/v1/Deployment", new String[] {"kubernetes-model-apps", "kubernetes_apps_Deployment"},
            "apps/v1/StatefulSet", new String[] {"kubernetes-model-apps", "kubernetes_apps_StatefulSet"},
            "v1/Service", new String[] {"kubernetes-model-apps", "kubernetes_core_Service"},
            "v1/ConfigMap", new String[] {"kubernetes-model-apps", "kubernetes_core_ConfigMap"},
            "batch/v1/Job", new String[] {"kubernetes-model-batch", "kubernetes_batch_v1_Job"},
            "batch/v1/CronJob", new String[] {"kubernetes-model-batch", "kubernetes_batch_v1_CronJob"},
            "policy/v1/PodDisruptionBudget",
                    new String[] {"kubernetes-model-policy", "kubernetes_policy_v1_PodDisruptionBudget"},
            "networking.k8s.io/v1/NetworkPolicy",
                    new String[] {"kubernetes-model-networking", "kubernetes_networking_v1_NetworkPolicy"});

    private static final Map<String, String> STRIMZI = Map.of(
            "Kafka", "040-Crd-kafka.yaml",
            "KafkaTopic", "043-Crd-kafkatopic.yaml",
            "KafkaUser", "044-Crd-kafkauser.yaml",
            "KafkaNodePool", "045-Crd-kafkanodepool.yaml");

    private final Map<String, JsonSchema> schemas = new HashMap<>();

    /** The problems of one Kubernetes document (a kind without a pinned schema is one). */
    List<String> validateKubernetes(JsonNode doc) {
        String apiVersion = doc.path("apiVersion").asText();
        String kind = doc.path("kind").asText();
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            return List.of("a document without apiVersion or kind: "
                    + doc.path("metadata").path("name").asText());
        }
        String key = apiVersion + "/" + kind;
        JsonSchema schema;
        if (apiVersion.equals(Manifests.STRIMZI_API) && STRIMZI.containsKey(kind)) {
            schema = schemas.computeIfAbsent(key, k -> strimzi(STRIMZI.get(kind)));
        } else if (KUBERNETES.containsKey(key)) {
            schema = schemas.computeIfAbsent(key, k -> kubernetes(KUBERNETES.get(k)));
        } else {
            return List.of(key + ": no pinned schema for this kind");
        }
        return messages(kind + " " + doc.path("metadata").path("name").asText(), schema.validate(doc));
    }

    /** The problems of a compose file. */
    List<String> validateCompose(JsonNode doc) {
        JsonSchema schema = schemas.computeIfAbsent("compose", k -> {
            // its $schema names draft-07 by a URL the validator would fetch; the factory is draft-07 already
            ObjectNode spec = (ObjectNode) read("/schemas/compose-spec/compose-spec.json", JSON);
            spec.remove("$schema");
            spec.remove("$id"); // a bare file name, which the validator refuses as a base URI
            return DRAFT7.getSchema(spec);
        });
        return messages("compose", schema.validate(doc));
    }

    private static List<String> messages(String what, Set<ValidationMessage> found) {
        List<String> out = new ArrayList<>();
        for (ValidationMessage m : found) {
            out.add(what + ": " + m.getMessage());
        }
        return out;
    }

    private static JsonSchema strimzi(String file) {
        JsonNode crd = read("/schemas/strimzi-1.2.0/" + file, YAML);
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (version.path("name").asText().equals("v1")) {
                ObjectNode schema = (ObjectNode)
                        version.path("schema").path("openAPIV3Schema").deepCopy();
                strict(schema);
                // metadata is the API server's, the same for every kind: checked as an object only
                schema.withObjectProperty("properties")
                        .set("metadata", JSON.createObjectNode().put("type", "object"));
                return DRAFT7.getSchema(schema);
            }
        }
        throw new IllegalStateException(file + " has no v1 schema");
    }

    private static JsonSchema kubernetes(String[] where) {
        JsonNode all = read("/schema/validation-schema.json", JSON, where[0]);
        ObjectNode definitions = (ObjectNode) all.path("definitions").deepCopy();
        for (String name :
                definitions.properties().stream().map(Map.Entry::getKey).toList()) {
            if (name.endsWith("IntOrString") || name.endsWith("_Quantity")) {
                // fabric8 types these as Java objects; on the wire they are a number or a string ("http", "500m")
                ObjectNode scalar = JSON.createObjectNode();
                scalar.putArray("type").add("integer").add("string");
                definitions.set(name, scalar);
            } else {
                strict((ObjectNode) definitions.get(name));
            }
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.put("$ref", "#/definitions/" + where[1]);
        root.set("definitions", definitions);
        return DRAFT7.getSchema(root);
    }

    /**
     * Makes a schema strict in place: an object with named properties takes no other (unless it says it keeps
     * unknown fields), and fabric8's per-property {@code required: true} becomes the object's required list.
     */
    private static void strict(ObjectNode schema) {
        JsonNode properties = schema.get("properties");
        if (properties instanceof ObjectNode props
                && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
            if (!schema.has("additionalProperties")
                    || schema.get("additionalProperties").isBoolean()) {
                schema.put("additionalProperties", false);
            }
            ArrayNode required = JsonNodeFactory.instance.arrayNode();
            props.properties().forEach(p -> {
                if (p.getValue() instanceof ObjectNode prop
                        && prop.path("required").isBoolean()) {
                    // fabric8 marks apiVersion and kind required everywhere, also where Kubernetes leaves them out
                    // (a StatefulSet's volume claim templates); a document without them is refused above
                    if (prop.get("required").asBoolean()
                            && !Set.of("apiVersion", "kind").contains(p.getKey())) {
                        required.add(p.getKey());
                    }
                    prop.remove("required");
                }
            });
            if (!required.isEmpty() && !schema.has("required")) {
                schema.set("required", required);
            }
        }
        schema.properties().forEach(e -> {
            if (e.getValue() instanceof ObjectNode child) {
                strict(child);
            } else if (e.getValue() instanceof ArrayNode list) {
                list.forEach(item -> {
                    if (item instanceof ObjectNode o) {
                        strict(o);
                    }
                });
            }
        });
    }

    private static JsonNode read(String resource, ObjectMapper mapper) {
        try (InputStream in = ManifestSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the test classpath");
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A resource of one jar (several fabric8 jars hold a schema at the same path). */
    private static JsonNode read(String resource, ObjectMapper mapper, String jar) {
        try {
            var urls = ManifestSchemas.class.getClassLoader().getResources(resource.substring(1));
            while (urls.hasMoreElements()) {
                var url = urls.nextElement();
                if (url.toString().contains("/" + jar + "-")) {
                    try (InputStream in = url.openStream()) {
                        return mapper.readTree(in);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException(resource + " of " + jar + " is missing from the test classpath");
    }
}
