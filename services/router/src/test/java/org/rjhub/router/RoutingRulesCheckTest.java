package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rjhub.common.topics.TopicCatalogue;
import org.rjhub.router.routing.RoutingRules;

/** A published version of the routing rules is checked before it may replace the one in force. */
class RoutingRulesCheckTest {

    private static final List<String> QUEUES = TopicCatalogue.load().queues();
    private static final RoutingRules SHIPPED = RoutingRules.defaults();

    @Test
    void shouldAcceptTheShippedRulesAndANewerVersion() {
        RoutingRules next = RoutingRules.parse(RoutingRules.defaultText()
                .replace("version: 1", "version: 2")
                .replace("countyWide: true", "countyWide: false"));

        assertThat(SHIPPED.problems(QUEUES, SHIPPED, false)).isEmpty();
        assertThat(next.problems(QUEUES, SHIPPED, true)).isEmpty();
    }

    @Test
    void shouldRefuseAQueueThatIsNotInTheCatalogue() {
        RoutingRules rules = RoutingRules.parse(RoutingRules.defaultText()
                .replace("version: 1", "version: 2")
                .replace("queue: harlow,", "queue: harlow-east,"));

        assertThat(rules.problems(QUEUES, SHIPPED, true))
                .singleElement()
                .asString()
                .contains("areas[Harlow].queue")
                .contains("harlow-east")
                .contains("not in the topic catalogue");
    }

    @Test
    void shouldRefuseSendingASensitiveCategoryToAreaQueuesWithoutSayingSo() {
        RoutingRules rules = RoutingRules.parse(RoutingRules.defaultText()
                .replace("version: 1", "version: 2")
                .replace(
                        "specialistFlags: [DOMESTIC_ABUSE, SEXUAL_OFFENCE, HATE_CRIME, STALKING, TRAFFICKING]",
                        "specialistFlags: [DOMESTIC_ABUSE, SEXUAL_OFFENCE, STALKING, TRAFFICKING]"));

        assertThat(rules.problems(QUEUES, SHIPPED, true))
                .singleElement()
                .asString()
                .contains("HATE_CRIME");
    }

    @Test
    void shouldAllowASensitiveCategoryOnAreaQueuesWhenTheRulesSaySoExplicitly() {
        RoutingRules rules = RoutingRules.parse(RoutingRules.defaultText()
                .replace("version: 1", "version: 2")
                .replace(
                        "specialistFlags: [DOMESTIC_ABUSE, SEXUAL_OFFENCE, HATE_CRIME, STALKING, TRAFFICKING]",
                        "specialistFlags: [DOMESTIC_ABUSE, SEXUAL_OFFENCE, STALKING, TRAFFICKING]\n"
                                + "sensitiveToAreaQueues: [HATE_CRIME]"));

        assertThat(rules.problems(QUEUES, SHIPPED, true)).isEmpty();
    }

    @Test
    void shouldRefuseGoingBackToAnOlderVersionOrReusingAVersionInForce() {
        RoutingRules v3 = RoutingRules.parse(RoutingRules.defaultText().replace("version: 1", "version: 3"));
        RoutingRules v2 = RoutingRules.parse(RoutingRules.defaultText().replace("version: 1", "version: 2"));
        RoutingRules v3Changed = RoutingRules.parse(RoutingRules.defaultText()
                .replace("version: 1", "version: 3")
                .replace("countyWide: true", "countyWide: false"));

        assertThat(v2.problems(QUEUES, v3, true)).singleElement().asString().contains("older than version 3");
        assertThat(v3Changed.problems(QUEUES, v3, true))
                .singleElement()
                .asString()
                .contains("bump the version");
        assertThat(v3.problems(QUEUES, v3, true)).as("the same version again").isEmpty();
    }
}
