package org.rjhub.common.access;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * One rule of the access file: operations a principal may perform on resources named literally or
 * by prefix.
 *
 * @param type       topic, group, transactional id or cluster
 * @param name       the literal name or the prefix ({@code *} literally: every resource of the type)
 * @param prefixed   true when {@code name} is a prefix
 * @param internal   a topic prefix for a Streams application's own internal topics
 * @param operations what the rule allows
 */
public record AccessRule(
        ResourceType type, String name, boolean prefixed, boolean internal, Set<AclOperation> operations) {

    public AccessRule {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a rule needs a name or a prefix");
        }
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("a rule on " + name + " allows no operation");
        }
        operations = Set.copyOf(operations);
    }

    /** The resource this rule is about, as Kafka names it. */
    public ResourcePattern pattern() {
        return new ResourcePattern(type, name, prefixed ? PatternType.PREFIXED : PatternType.LITERAL);
    }

    /** True when this rule covers the resource {@code resource} of its type. */
    public boolean covers(String resource) {
        if (prefixed) {
            return resource.startsWith(name);
        }
        return "*".equals(name) || name.equals(resource);
    }

    /** The ACLs that grant this rule to {@code principal}, from any host. */
    public List<AclBinding> bindings(String principal) {
        return new TreeSet<>(operations)
                .stream()
                        .map(op -> new AclBinding(
                                pattern(),
                                new AccessControlEntry("User:" + principal, "*", op, AclPermissionType.ALLOW)))
                        .toList();
    }
}
