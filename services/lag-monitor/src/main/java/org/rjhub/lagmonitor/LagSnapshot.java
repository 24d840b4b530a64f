package org.rjhub.lagmonitor;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rjhub.lagmonitor.business.BusinessLag;

/**
 * The result of one poll: every watched consumer group, sorted by id, and the business lag readings (none until a
 * {@link org.rjhub.lagmonitor.business.BusinessLagSource} is plugged in).
 *
 * @param takenAt     when the log-end offsets were read
 * @param groups      the groups
 * @param businessLag readings of the business lag sources
 */
public record LagSnapshot(Instant takenAt, List<GroupLag> groups, List<BusinessLag> businessLag) {

    public LagSnapshot {
        Objects.requireNonNull(takenAt, "takenAt");
        groups = groups.stream().sorted(Comparator.comparing(GroupLag::group)).toList();
        businessLag = List.copyOf(businessLag);
    }

    public Optional<GroupLag> group(String id) {
        return groups.stream().filter(g -> g.group().equals(id)).findFirst();
    }
}
