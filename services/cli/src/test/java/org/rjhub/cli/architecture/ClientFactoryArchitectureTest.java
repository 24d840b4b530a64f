package org.rjhub.cli.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import java.util.List;

/**
 * Every module's production code (the CLI depends on them all): no class but {@code KafkaClients} constructs a Kafka
 * client. {@link ClientFactoryRuleTest} shows the rule catches each way of constructing one.
 */
@AnalyzeClasses(
        packages = "org.rjhub",
        importOptions = {ImportOption.DoNotIncludeTests.class, ClientFactoryRule.NoTestJars.class})
class ClientFactoryArchitectureTest {

    /** One class of each module: the rule below is checked against all of them. */
    private static final List<String> ONE_OF_EACH_MODULE = List.of(
            "org.rjhub.schemas.Contracts",
            "org.rjhub.common.clients.KafkaClients",
            "org.rjhub.stack.LocalStack",
            "org.rjhub.testsupport.TestStack",
            "org.rjhub.agencies.Agency",
            "org.rjhub.matching.CaseIds",
            "org.rjhub.simulator.AgencySimulator",
            "org.rjhub.router.RouterService",
            "org.rjhub.cases.CasesService",
            "org.rjhub.lagmonitor.offsets.AdminOffsetSource",
            "org.rjhub.dlq.replay.Replayer",
            "org.rjhub.linker.LinkCommand",
            "org.rjhub.bench.Benchmark",
            "org.rjhub.reporting.facts.FactsService",
            "org.rjhub.reporting.store.ReportingConsumer",
            "org.rjhub.cli.AgencyPublisher");

    @ArchTest
    static void onlyTheFactoryConstructsKafkaClients(JavaClasses productionCode) {
        ClientFactoryRule.ONLY_THE_FACTORY_CONSTRUCTS_CLIENTS.check(productionCode);
    }

    @ArchTest
    static void theProductionCodeOfEveryModuleIsChecked(JavaClasses productionCode) {
        assertThat(ONE_OF_EACH_MODULE)
                .allSatisfy(name ->
                        assertThat(productionCode.contain(name)).as(name).isTrue());
    }

    @ArchTest
    static void testCodeIsLeftOut(JavaClasses productionCode) {
        assertThat(productionCode.contain(ClientFactoryRuleTest.class)).isFalse();
        assertThat(productionCode.stream().map(JavaClass::getName))
                .noneMatch(n -> n.endsWith("IT") || n.endsWith("Test") || n.endsWith("Driver"));
    }
}
