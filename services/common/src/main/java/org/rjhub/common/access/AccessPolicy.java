package org.rjhub.common.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.rjhub.common.topics.TopicCatalogue;
import org.rjhub.common.topics.TopicSpec;
import org.rjhub.schemas.Contracts;

/**
 * The access file ({@code deploy/access.yaml}): per principal, the topics, consumer groups,
 * transactional ids and cluster operations it may use. Read once and immutable; {@link #check}
 * holds it against the topic catalogue and the agencies' rule (their own topics, nothing else);
 * {@link #bindings()} is what a cluster's ACLs must be.
 */
public final class AccessPolicy {

    private static final String RESOURCE = "/org/rjhub/common/access/access.yaml";
    /** The provisioning principal: the only super user, never in the file. */
    public static final String ADMIN = "admin";

    private static final Map<ResourceType, Set<AclOperation>> VALID = Map.of(
            ResourceType.TOPIC,
                    EnumSet.of(
                            AclOperation.READ,
                            AclOperation.WRITE,
                            AclOperation.CREATE,
                            AclOperation.DELETE,
                            AclOperation.ALTER,
                            AclOperation.DESCRIBE,
                            AclOperation.DESCRIBE_CONFIGS,
                            AclOperation.ALTER_CONFIGS),
            ResourceType.GROUP, EnumSet.of(AclOperation.READ, AclOperation.DESCRIBE, AclOperation.DELETE),
            ResourceType.TRANSACTIONAL_ID, EnumSet.of(AclOperation.WRITE, AclOperation.DESCRIBE),
            ResourceType.CLUSTER,
                    EnumSet.of(
                            AclOperation.DESCRIBE,
                            AclOperation.DESCRIBE_CONFIGS,
                            AclOperation.IDEMPOTENT_WRITE,
                            AclOperation.CREATE,
                            AclOperation.ALTER,
                            AclOperation.ALTER_CONFIGS,
                            AclOperation.CLUSTER_ACTION));

    private final Map<String, PrincipalAccess> principals;

    private AccessPolicy(Map<String, PrincipalAccess> principals) {
        this.principals = java.util.Collections.unmodifiableMap(principals);
    }

    /** The access file shipped with the hub. */
    public static AccessPolicy load() {
        try (InputStream in = AccessPolicy.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("access file " + RESOURCE + " is missing from the classpath");
            }
            return parse(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read access file " + RESOURCE, e);
        }
    }

    /** An access file on disk, e.g. {@code deploy/access.yaml}. */
    public static AccessPolicy read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new AccessFileException(file + " is not readable YAML: " + e.getMessage());
        }
    }

    static AccessPolicy parse(JsonNode root) {
        JsonNode all = root.path("principals");
        if (!all.isObject() || all.isEmpty()) {
            throw new AccessFileException("the access file declares no principals");
        }
        Map<String, PrincipalAccess> principals = new LinkedHashMap<>();
        all.properties().forEach(e -> principals.put(e.getKey(), principal(e.getKey(), e.getValue())));
        return new AccessPolicy(principals);
    }

    private static PrincipalAccess principal(String name, JsonNode node) {
        String kind = node.path("kind").asText("");
        PrincipalAccess.Kind k;
        try {
            k = PrincipalAccess.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AccessFileException(name + ": kind must be agency, service or tool, got '" + kind + "'");
        }
        List<AccessRule> rules = new ArrayList<>();
        rules(name, node, "topics", ResourceType.TOPIC, rules);
        rules(name, node, "groups", ResourceType.GROUP, rules);
        rules(name, node, "transactionalIds", ResourceType.TRANSACTIONAL_ID, rules);
        JsonNode cluster = node.path("cluster");
        if (!cluster.isMissingNode()) {
            rules.add(new AccessRule(
                    ResourceType.CLUSTER, "kafka-cluster", false, false, operations(name + ": cluster", cluster)));
        }
        Set<String> known = Set.of("kind", "topics", "groups", "transactionalIds", "cluster");
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                throw new AccessFileException(name + ": unknown field '" + f + "'");
            }
        });
        return new PrincipalAccess(name, k, rules);
    }

    private static void rules(String principal, JsonNode node, String field, ResourceType type, List<AccessRule> out) {
        for (JsonNode r : node.path(field)) {
            boolean hasName = r.hasNonNull("name");
            boolean hasPrefix = r.hasNonNull("prefix");
            if (hasName == hasPrefix) {
                throw new AccessFileException(
                        principal + ": each of its " + field + " names either `name` or `prefix`");
            }
            String name = hasName ? r.get("name").asText() : r.get("prefix").asText();
            boolean internal = r.path("internal").asBoolean(false);
            out.add(new AccessRule(
                    type,
                    name,
                    hasPrefix,
                    internal,
                    operations(principal + ": " + field + " " + name, r.path("operations"))));
        }
    }

    private static Set<AclOperation> operations(String where, JsonNode list) {
        if (!list.isArray() || list.isEmpty()) {
            throw new AccessFileException(where + ": operations must be a non-empty list");
        }
        Set<AclOperation> ops = EnumSet.noneOf(AclOperation.class);
        for (JsonNode o : list) {
            ops.add(operation(where, o.asText()));
        }
        return ops;
    }

    /** {@code DescribeConfigs} to {@link AclOperation#DESCRIBE_CONFIGS}; ANY, ALL and UNKNOWN are refused. */
    static AclOperation operation(String where, String text) {
        String constant = text.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        try {
            AclOperation op = AclOperation.valueOf(constant);
            if (op == AclOperation.ANY || op == AclOperation.ALL || op == AclOperation.UNKNOWN) {
                throw new AccessFileException(where + ": '" + text + "' is too broad; name the operations");
            }
            return op;
        } catch (IllegalArgumentException e) {
            throw new AccessFileException(where + ": unknown operation '" + text + "'");
        }
    }

    /** An operation as the file writes it, e.g. {@code DescribeConfigs}. */
    public static String display(AclOperation op) {
        StringBuilder b = new StringBuilder();
        for (String part : op.name().split("_")) {
            b.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return b.toString();
    }

    /** Principals by name, in file order. */
    public Map<String, PrincipalAccess> principals() {
        return principals;
    }

    /** Every principal name, in file order. */
    public List<String> principalNames() {
        return List.copyOf(principals.keySet());
    }

    /**
     * This file for an isolated namespace (a test's): each principal's rules on topics, groups and transactional ids
     * with their names or prefixes mapped through {@code naming} ({@code police.referrals.v1} becomes
     * {@code t3-x.police.referrals.v1}, the prefix {@code rj-router-} becomes {@code t3-x.rj-router-}), so that a
     * program running under the namespace has the same rights there as in production, and no more. Rules on every
     * resource ({@code *}), on Kafka's own topics ({@code __...}) and on the cluster stay as they are.
     */
    public AccessPolicy namespaced(java.util.function.UnaryOperator<String> naming) {
        Map<String, PrincipalAccess> mapped = new LinkedHashMap<>();
        principals.forEach((name, p) -> mapped.put(
                name,
                new PrincipalAccess(
                        name,
                        p.kind(),
                        p.rules().stream()
                                .map(r -> r.type() == ResourceType.CLUSTER
                                                || "*".equals(r.name())
                                                || r.name().startsWith("__")
                                        ? r
                                        : new AccessRule(
                                                r.type(),
                                                naming.apply(r.name()),
                                                r.prefixed(),
                                                r.internal(),
                                                r.operations()))
                                .toList())));
        return new AccessPolicy(mapped);
    }

    /** The ACLs (ALLOW, any host) the cluster must hold, and only those. */
    public Set<AclBinding> bindings() {
        Set<AclBinding> all = new LinkedHashSet<>();
        principals.values().forEach(p -> p.rules().forEach(r -> all.addAll(r.bindings(p.name()))));
        return all;
    }

    /**
     * What is wrong with this file against {@code catalogue}: unknown topics, prefixes that cover
     * nothing or too much, operations that make no sense on a resource, and any agency allowed more
     * than its own. Empty when the file is fit to apply.
     */
    public List<String> check(TopicCatalogue catalogue) {
        List<String> problems = new ArrayList<>();
        Set<String> agencies = new TreeSet<>();
        catalogue.all().stream()
                .map(TopicSpec::owner)
                .filter(o -> !"hub".equals(o))
                .forEach(agencies::add);
        for (String agency : agencies) {
            PrincipalAccess p = principals.get(agency);
            if (p == null || p.kind() != PrincipalAccess.Kind.AGENCY) {
                problems.add("agency " + agency + " owns catalogue topics but has no agency principal");
            }
        }
        for (PrincipalAccess p : principals.values()) {
            if (ADMIN.equals(p.name())) {
                problems.add("admin is the super user and needs no rules; remove it from the file");
            }
            if (!p.name().matches("[a-z][a-z0-9-]*")) {
                problems.add(p.name() + ": principal names are lower-case words");
            }
            if (p.kind() == PrincipalAccess.Kind.AGENCY && !agencies.contains(p.name())) {
                problems.add(p.name() + ": an agency principal must own catalogue topics (owner: " + p.name() + ")");
            }
            for (AccessRule r : p.rules()) {
                checkRule(p, r, catalogue, problems);
            }
        }
        return problems;
    }

    private static void checkRule(PrincipalAccess p, AccessRule r, TopicCatalogue catalogue, List<String> problems) {
        String where = p.name() + ": " + describe(r);
        Set<AclOperation> invalid = EnumSet.noneOf(AclOperation.class);
        r.operations().stream().filter(op -> !VALID.get(r.type()).contains(op)).forEach(invalid::add);
        if (!invalid.isEmpty()) {
            problems.add(
                    where + ": " + invalid.stream().map(AccessPolicy::display).toList() + " not possible on a "
                            + r.type().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        if (r.prefixed() && "*".equals(r.name())) {
            problems.add(where + ": a prefix cannot be *");
        }
        if (r.internal() && !(r.type() == ResourceType.TOPIC && r.prefixed())) {
            problems.add(where + ": only a topic prefix can be internal");
        }
        if (r.type() == ResourceType.TOPIC) {
            List<String> covered = catalogue.all().stream()
                    .map(TopicSpec::name)
                    .filter(r::covers)
                    .toList();
            if (r.internal()) {
                if (!covered.isEmpty()) {
                    problems.add(where + ": an internal-topic prefix must cover no catalogue topic, covers " + covered);
                }
                if (!r.name().endsWith("-")) {
                    problems.add(where + ": an internal-topic prefix is an application id and a dash");
                }
            } else if (!r.prefixed() && !"*".equals(r.name()) && !r.name().startsWith("__") && covered.isEmpty()) {
                problems.add(where + ": topic not in the catalogue");
            } else if (r.prefixed() && covered.isEmpty()) {
                problems.add(where + ": prefix covers no catalogue topic");
            }
        }
        if (p.kind() == PrincipalAccess.Kind.AGENCY) {
            checkAgencyRule(p.name(), r, where, problems);
        }
    }

    /** An agency: write its referrals, read its outcomes, groups and transactional ids under its name. */
    private static void checkAgencyRule(String agency, AccessRule r, String where, List<String> problems) {
        Set<AclOperation> allowed = switch (r.type()) {
            case TOPIC ->
                r.prefixed()
                        ? Set.of()
                        : Contracts.agencyReferralsTopic(agency)
                                        .filter(r.name()::equals)
                                        .isPresent()
                                ? Set.of(AclOperation.WRITE, AclOperation.DESCRIBE)
                                : Contracts.agencyOutcomesTopic(agency)
                                                .filter(r.name()::equals)
                                                .isPresent()
                                        ? Set.of(AclOperation.READ, AclOperation.DESCRIBE)
                                        : Set.of();
            case GROUP ->
                r.name().startsWith(agency + ".") && !"*".equals(r.name())
                        ? Set.of(AclOperation.READ, AclOperation.DESCRIBE)
                        : Set.of();
            case TRANSACTIONAL_ID ->
                r.name().startsWith(agency + ".") && !"*".equals(r.name())
                        ? Set.of(AclOperation.WRITE, AclOperation.DESCRIBE)
                        : Set.of();
            default -> Set.of();
        };
        Set<AclOperation> beyond = EnumSet.noneOf(AclOperation.class);
        r.operations().stream().filter(op -> !allowed.contains(op)).forEach(beyond::add);
        if (!beyond.isEmpty()) {
            problems.add(where + ": an agency may not have "
                    + beyond.stream().map(AccessPolicy::display).toList()
                    + " here (only Write on its referrals, Read on its outcomes, Describe on both, groups and"
                    + " transactional ids under '" + agency + ".')");
        }
    }

    /** A rule as one line, e.g. {@code topic prefix rj.queue. [Read, Describe]}. */
    public static String describe(AccessRule r) {
        return r.type().name().toLowerCase(Locale.ROOT).replace('_', ' ') + (r.prefixed() ? " prefix " : " ") + r.name()
                + " "
                + new TreeSet<>(r.operations())
                        .stream().map(AccessPolicy::display).toList();
    }
}
