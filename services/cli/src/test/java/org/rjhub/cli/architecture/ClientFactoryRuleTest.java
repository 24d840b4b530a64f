package org.rjhub.cli.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rjhub.common.clients.KafkaClients;

/** {@link ClientFactoryRule} catches every way of constructing a client outside the factory. */
class ClientFactoryRuleTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            classes = {
                BuildsAProducer.class,
                BuildsAConsumerByReference.class,
                BuildsStreams.class,
                CreatesAnAdmin.class,
                CreatesAnAdminClient.class,
                ExtendsAProducer.class
            })
    void shouldRefuseAClassOutsideTheFactoryThatConstructsAClient(Class<?> violator) {
        // Given a class that constructs a client itself (with its anonymous classes, as production code is imported)
        JavaClasses classes = new ClassFileImporter().importClasses(withAnonymousClasses(violator));

        // When the rule is checked
        EvaluationResult result = ClientFactoryRule.ONLY_THE_FACTORY_CONSTRUCTS_CLIENTS.evaluate(classes);

        // Then it names the class
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(d -> assertThat(d).contains(violator.getName()));
    }

    @Test
    void shouldLetTheFactoryAndItsUsersConstructClients() {
        JavaClasses classes = new ClassFileImporter().importClasses(KafkaClients.class, UsesTheFactory.class);

        assertThat(ClientFactoryRule.ONLY_THE_FACTORY_CONSTRUCTS_CLIENTS
                        .evaluate(classes)
                        .hasViolation())
                .isFalse();
    }

    private static List<Class<?>> withAnonymousClasses(Class<?> type) {
        List<Class<?>> classes = new ArrayList<>(List.of(type));
        for (int n = 1; ; n++) {
            try {
                classes.add(Class.forName(type.getName() + "$" + n));
            } catch (ClassNotFoundException e) {
                return classes;
            }
        }
    }

    static final class BuildsAProducer {
        KafkaProducer<String, String> producer(Properties p) {
            return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        }
    }

    static final class BuildsAConsumerByReference {
        Function<Properties, KafkaConsumer<String, String>> consumers() {
            return KafkaConsumer::new;
        }
    }

    static final class BuildsStreams {
        KafkaStreams streams(Properties p) {
            return new KafkaStreams(new Topology(), p);
        }
    }

    static final class CreatesAnAdmin {
        Admin admin(Properties p) {
            return Admin.create(p);
        }
    }

    static final class CreatesAnAdminClient {
        Admin admin(Map<String, Object> p) {
            return AdminClient.create(p);
        }
    }

    static final class ExtendsAProducer {
        KafkaProducer<String, String> producer(Properties p) {
            return new KafkaProducer<>(p) {};
        }
    }

    static final class UsesTheFactory {
        Admin admin(KafkaClients clients) {
            return clients.admin();
        }
    }
}
