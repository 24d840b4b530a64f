package org.rjhub.cli.architecture;

import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.targetOwner;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.rjhub.common.clients.KafkaClients;

/** The rule that only {@link KafkaClients} constructs a Kafka client, and what it is checked against. */
final class ClientFactoryRule {

    /** Constructs a client: calls or references a client's constructor, or {@code Admin.create}. */
    private static final DescribedPredicate<JavaAccess<?>> CONSTRUCTS_A_CLIENT = constructorOf(KafkaProducer.class)
            .or(constructorOf(KafkaConsumer.class))
            .or(constructorOf(KafkaShareConsumer.class))
            .or(constructorOf(KafkaStreams.class))
            .or(targetOwner(assignableTo(Admin.class).or(assignableTo(AdminClient.class)))
                    .and(target(name("create"))))
            .as("construct a Kafka client (KafkaProducer, KafkaConsumer, KafkaShareConsumer, KafkaStreams, "
                    + "Admin.create or AdminClient.create)");

    static final ArchRule ONLY_THE_FACTORY_CONSTRUCTS_CLIENTS = noClasses()
            .that()
            .doNotBelongToAnyOf(KafkaClients.class)
            .should()
            .accessTargetWhere(CONSTRUCTS_A_CLIENT)
            .because("every client takes its settings (security included) from one KafkaConnection through "
                    + "KafkaClients");

    private ClientFactoryRule() {}

    private static DescribedPredicate<JavaAccess<?>> constructorOf(Class<?> client) {
        return targetOwner(assignableTo(client)).and(target(name(JavaConstructor.CONSTRUCTOR_NAME)));
    }

    /** Leaves out the test classes other modules publish as test-jars (the CLI's own are left out by location). */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }
}
