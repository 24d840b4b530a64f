package org.rjhub.common.access;

import java.util.List;
import org.apache.kafka.common.resource.ResourceType;

/**
 * What one principal may do.
 *
 * @param name  the principal's user name ({@code User:<name>})
 * @param kind  agency, service or tool
 * @param rules its rules, in file order
 */
public record PrincipalAccess(String name, Kind kind, List<AccessRule> rules) {

    /** What kind of client a principal is. */
    public enum Kind {
        AGENCY,
        SERVICE,
        TOOL
    }

    public PrincipalAccess {
        rules = List.copyOf(rules);
    }

    /** Its rules on one resource type. */
    public List<AccessRule> rules(ResourceType type) {
        return rules.stream().filter(r -> r.type() == type).toList();
    }
}
