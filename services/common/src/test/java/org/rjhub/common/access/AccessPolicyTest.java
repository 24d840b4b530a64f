package org.rjhub.common.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.rjhub.common.topics.TopicCatalogue;

class AccessPolicyTest {

    private static final TopicCatalogue CATALOGUE = TopicCatalogue.load();

    private static final String AGENCIES = """
            principals:
              police:
                kind: agency
                topics:
                  - { name: police.referrals.v1, operations: [Write, Describe] }
                  - { name: police.outcomes.v1, operations: [Read, Describe] }
                groups:
                  - { prefix: police., operations: [Read, Describe] }
                transactionalIds:
                  - { prefix: police., operations: [Write, Describe] }
              probation:
                kind: agency
                topics:
                  - { name: probation.referrals.v1, operations: [Write] }
              victimsupport:
                kind: agency
                topics:
                  - { name: victimsupport.referrals.v1, operations: [Write] }
            """;

    private static AccessPolicy parse(String yaml) throws IOException {
        return AccessPolicy.parse(new ObjectMapper(new YAMLFactory()).readTree(yaml));
    }

    @Test
    void shouldFindTheShippedAccessFileConsistentWithTheCatalogue() {
        AccessPolicy shipped = AccessPolicy.load();

        assertThat(shipped.check(CATALOGUE)).isEmpty();
        assertThat(shipped.principalNames())
                .contains(
                        "police",
                        "probation",
                        "victimsupport",
                        "router",
                        "cases",
                        "facts",
                        "reporting",
                        "lagmonitor",
                        "dlq",
                        "rules",
                        "console")
                .doesNotContain("admin");
    }

    @Test
    void shouldMapEveryNamedResourceIntoANamespaceAndNothingElse() throws IOException {
        AccessPolicy policy = parse(AGENCIES + """
                  lagmonitor:
                    kind: service
                    topics:
                      - { name: "*", operations: [Describe] }
                      - { name: __consumer_offsets, operations: [Read] }
                """);

        AccessPolicy namespaced = policy.namespaced(name -> "t3-x." + name);

        assertThat(namespaced.principals().get("police").rules())
                .extracting(AccessRule::type, AccessRule::name, AccessRule::prefixed)
                .containsExactly(
                        org.assertj.core.api.Assertions.tuple(ResourceType.TOPIC, "t3-x.police.referrals.v1", false),
                        org.assertj.core.api.Assertions.tuple(ResourceType.TOPIC, "t3-x.police.outcomes.v1", false),
                        org.assertj.core.api.Assertions.tuple(ResourceType.GROUP, "t3-x.police.", true),
                        org.assertj.core.api.Assertions.tuple(ResourceType.TRANSACTIONAL_ID, "t3-x.police.", true));
        assertThat(namespaced.principals().get("lagmonitor").rules())
                .extracting(AccessRule::name)
                .containsExactly("*", "__consumer_offsets");
        assertThat(namespaced.principals().get("police").rules().get(0).operations())
                .isEqualTo(policy.principals().get("police").rules().get(0).operations());
    }

    @Test
    void shouldGrantAnAgencyOnlyWhatItsRulesName() throws IOException {
        AccessPolicy policy = parse(AGENCIES);

        assertThat(policy.check(CATALOGUE)).isEmpty();
        assertThat(policy.bindings())
                .contains(
                        allow(
                                "police",
                                ResourceType.TOPIC,
                                "police.referrals.v1",
                                PatternType.LITERAL,
                                AclOperation.WRITE),
                        allow("police", ResourceType.GROUP, "police.", PatternType.PREFIXED, AclOperation.READ),
                        allow(
                                "police",
                                ResourceType.TRANSACTIONAL_ID,
                                "police.",
                                PatternType.PREFIXED,
                                AclOperation.WRITE))
                .doesNotContain(allow(
                        "police", ResourceType.TOPIC, "police.outcomes.v1", PatternType.LITERAL, AclOperation.WRITE))
                .hasSize(8 + 1 + 1);
    }

    @Test
    void shouldRefuseAnAgencyAnythingBeyondItsOwnTopicsGroupsAndTransactionalIds() throws IOException {
        String indent = "      - ";
        AccessPolicy policy = parse(AGENCIES.replace(
                        indent + "{ name: police.outcomes.v1, operations: [Read, Describe] }",
                        indent + "{ name: police.outcomes.v1, operations: [Read, Write, Describe] }\n"
                                + indent + "{ name: probation.outcomes.v1, operations: [Read] }\n"
                                + indent + "{ prefix: police., operations: [Write] }")
                .replace("{ prefix: police., operations: [Read, Describe] }", "{ prefix: pol, operations: [Read] }"));

        assertThat(policy.check(CATALOGUE))
                .hasSize(4)
                .allSatisfy(p -> assertThat(p).startsWith("police: "))
                .anySatisfy(
                        p -> assertThat(p).contains("topic police.outcomes.v1").contains("[Write]"))
                .anySatisfy(p -> assertThat(p).contains("topic probation.outcomes.v1"))
                .anySatisfy(p -> assertThat(p).contains("topic prefix police."))
                .anySatisfy(p -> assertThat(p).contains("group prefix pol"));
    }

    @Test
    void shouldRequireAnAgencyPrincipalForEveryAgencyOfTheCatalogue() throws IOException {
        AccessPolicy policy = parse(AGENCIES.substring(0, AGENCIES.indexOf("  victimsupport:")));

        assertThat(policy.check(CATALOGUE))
                .containsExactly("agency victimsupport owns catalogue topics but has no agency principal");
    }

    @Test
    void shouldRefuseUnknownTopicsAndInternalPrefixesThatCoverCatalogueTopics() throws IOException {
        AccessPolicy policy = parse(AGENCIES + """
              router:
                kind: service
                topics:
                  - { name: rj.referals.v1, operations: [Write] }
                  - { prefix: rj., internal: true, operations: [Read] }
                  - { prefix: nothing., operations: [Read] }
                groups:
                  - { name: rj-router, operations: [Write] }
            """);

        assertThat(policy.check(CATALOGUE))
                .satisfiesExactly(
                        p -> assertThat(p)
                                .isEqualTo("router: topic rj.referals.v1 [Write]: topic not in the catalogue"),
                        p -> assertThat(p)
                                .startsWith(
                                        "router: topic prefix rj. [Read]: an internal-topic prefix must cover no catalogue topic"),
                        p -> assertThat(p)
                                .isEqualTo(
                                        "router: topic prefix rj. [Read]: an internal-topic prefix is an application id and a dash"),
                        p -> assertThat(p)
                                .isEqualTo("router: topic prefix nothing. [Read]: prefix covers no catalogue topic"),
                        p -> assertThat(p)
                                .isEqualTo("router: group rj-router [Write]: [Write] not possible on a group"));
    }

    @Test
    void shouldReadOperationsAsTheFileWritesThemAndRefuseTooBroadOnes() {
        assertThat(AccessPolicy.operation("x", "DescribeConfigs")).isEqualTo(AclOperation.DESCRIBE_CONFIGS);
        assertThat(AccessPolicy.operation("x", "Read")).isEqualTo(AclOperation.READ);
        assertThat(AccessPolicy.display(AclOperation.IDEMPOTENT_WRITE)).isEqualTo("IdempotentWrite");
        assertThatThrownBy(() -> AccessPolicy.operation("police: topics x", "All"))
                .isInstanceOf(AccessFileException.class)
                .hasMessageContaining("too broad");
        assertThatThrownBy(() -> AccessPolicy.operation("police: topics x", "Wrte"))
                .isInstanceOf(AccessFileException.class)
                .hasMessage("police: topics x: unknown operation 'Wrte'");
    }

    @Test
    void shouldRefuseARuleWithBothANameAndAPrefix() {
        assertThatThrownBy(() -> parse("""
                principals:
                  police:
                    kind: agency
                    topics:
                      - { name: police.referrals.v1, prefix: police., operations: [Write] }
                """))
                .isInstanceOf(AccessFileException.class)
                .hasMessageContaining("either `name` or `prefix`");
    }

    @Test
    void shouldPlanOnlyTheDifferenceAndKeepUndeclaredAclsApart() throws IOException {
        AccessPolicy policy = parse(AGENCIES);
        AclBinding foreign =
                allow("intruder", ResourceType.TOPIC, "police.referrals.v1", PatternType.LITERAL, AclOperation.READ);
        AclBinding existing =
                allow("police", ResourceType.TOPIC, "police.referrals.v1", PatternType.LITERAL, AclOperation.WRITE);

        AccessPlan first = AccessPlan.between(policy.bindings(), List.of(existing, foreign));
        AccessPlan second = AccessPlan.between(policy.bindings(), Set.copyOf(policy.bindings()));

        assertThat(first.missing()).hasSize(policy.bindings().size() - 1).doesNotContain(existing);
        assertThat(first.undeclared()).containsExactly(foreign);
        assertThat(first.isEmpty(false)).isFalse();
        assertThat(second.missing()).isEmpty();
        assertThat(second.undeclared()).isEmpty();
        assertThat(second.isEmpty(true)).isTrue();
    }

    private static AclBinding allow(
            String principal, ResourceType type, String name, PatternType pattern, AclOperation op) {
        return new AclBinding(
                new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + principal, "*", op, AclPermissionType.ALLOW));
    }
}
