package org.rjhub.common.access;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;

/**
 * The difference between the ACLs an access file declares and those a cluster holds.
 *
 * @param missing    declared, not on the cluster: {@link #apply} creates them
 * @param undeclared on the cluster, not declared: {@link #apply} deletes them only when asked to prune
 */
public record AccessPlan(List<AclBinding> missing, List<AclBinding> undeclared) {

    private static final Comparator<AclBinding> ORDER = Comparator.comparing(
                    (AclBinding b) -> b.entry().principal())
            .thenComparing(b -> b.pattern().resourceType())
            .thenComparing(b -> b.pattern().name())
            .thenComparing(b -> b.pattern().patternType())
            .thenComparing(b -> b.entry().operation())
            .thenComparing(b -> b.entry().permissionType())
            .thenComparing(b -> b.entry().host());

    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);

    public AccessPlan {
        missing = missing.stream().sorted(ORDER).toList();
        undeclared = undeclared.stream().sorted(ORDER).toList();
    }

    /** The plan that takes a cluster holding {@code current} to {@code declared}. */
    public static AccessPlan between(Collection<AclBinding> declared, Collection<AclBinding> current) {
        Set<AclBinding> have = new LinkedHashSet<>(current);
        Set<AclBinding> want = new LinkedHashSet<>(declared);
        List<AclBinding> missing = want.stream().filter(b -> !have.contains(b)).toList();
        List<AclBinding> undeclared =
                have.stream().filter(b -> !want.contains(b)).toList();
        return new AccessPlan(missing, undeclared);
    }

    /** The plan for {@code policy} against the cluster {@code admin} talks to (it needs Describe on the cluster). */
    public static AccessPlan forCluster(AccessPolicy policy, Admin admin) throws InterruptedException {
        return between(policy.bindings(), currentAcls(admin));
    }

    /** Every ACL on the cluster. */
    public static Collection<AclBinding> currentAcls(Admin admin) throws InterruptedException {
        try {
            return admin.describeAcls(AclBindingFilter.ANY).values().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot list the cluster's ACLs: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** True when the cluster already matches (ignoring undeclared ACLs unless {@code prune}). */
    public boolean isEmpty(boolean prune) {
        return missing.isEmpty() && (!prune || undeclared.isEmpty());
    }

    /**
     * Creates the missing ACLs and, when {@code prune}, deletes the undeclared ones. Idempotent:
     * applying a plan twice, or a plan computed again afterwards, changes nothing more.
     *
     * @return how many ACLs were created and deleted
     */
    public Applied apply(Admin admin, boolean prune) throws InterruptedException {
        try {
            if (!missing.isEmpty()) {
                admin.createAcls(missing).all().get();
                awaitVisible(admin, missing);
            }
            int deleted = 0;
            if (prune && !undeclared.isEmpty()) {
                List<AclBindingFilter> filters = new ArrayList<>();
                undeclared.forEach(b -> filters.add(b.toFilter()));
                deleted = admin.deleteAcls(filters).all().get().size();
            }
            return new Applied(missing.size(), deleted);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot change the cluster's ACLs: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Waits until the broker answering {@code DescribeAcls} lists {@code created}: the controller commits an ACL
     * before a broker's authorizer has read it from the metadata log, so a client let in right after {@code
     * CreateAcls} answered could still be refused (seen as "Not authorized" from a service started at once).
     */
    private static void awaitVisible(Admin admin, List<AclBinding> created) throws InterruptedException {
        long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
        while (!currentAcls(admin).containsAll(created)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster accepted " + created.size()
                        + " ACLs but its broker did not list them within " + VISIBLE_WITHIN);
            }
            Thread.sleep(20);
        }
    }

    /**
     * What {@link #apply} did.
     *
     * @param created ACLs created
     * @param deleted ACLs deleted
     */
    public record Applied(int created, int deleted) {}
}
