package org.rjhub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.registry.SchemaRegistrar;
import org.rjhub.common.topics.TopicCatalogue;
import org.rjhub.common.topics.TopicSpec;
import org.rjhub.contracts.police.PoliceReferral;

@ExtendWith(KafkaStackExtension.class)
class LocalStackIT {

    @Test
    void shouldCreateEveryCatalogueTopicWithItsPartitions(TestStack stack) throws Exception {
        // Given a fresh namespace provisioned from the catalogue
        UnaryOperator<String> naming = stack.newNamespace("catalogue");
        TopicCatalogue catalogue = TopicCatalogue.load();

        // When the cluster is asked
        try (Admin admin = KafkaClients.of(stack.connection()).admin()) {
            Set<String> names = admin.listTopics().names().get();
            // Then every topic is there with the declared partitions
            for (TopicSpec spec : catalogue.all()) {
                assertThat(names).contains(naming.apply(spec.name()));
            }
            TopicDescription queue = admin.describeTopics(Set.of(naming.apply("rj.queue.harlow.v1")))
                    .allTopicNames()
                    .get()
                    .get(naming.apply("rj.queue.harlow.v1"));
            assertThat(queue.partitions())
                    .hasSize(catalogue.get("rj.queue.harlow.v1").partitions());
        }
    }

    @Test
    void shouldRefuseAnIncompatibleSchemaForAnAgencySubject(TestStack stack) {
        // Given the police subject registered, BACKWARD compatible
        UnaryOperator<String> naming = stack.newNamespace("compat");
        String subject = naming.apply("police.referrals.v1") + "-value";
        SchemaRegistrar registrar = new SchemaRegistrar(stack.connection());

        // When a new version adds a required field without a default (old records could not be read)
        Schema breaking = withRequiredField(PoliceReferral.getClassSchema(), "forceCode");

        // Then the registry says it is incompatible and refuses to register it
        assertThat(registrar.isCompatible(subject, breaking)).isFalse();
        assertThatThrownBy(() -> registrar.registerVersion(subject, breaking))
                .isInstanceOf(SchemaRegistrar.IncompatibleSchemaException.class)
                .hasMessageContaining(subject);
        // while the same schema again is accepted and keeps its id
        int id = registrar.registerVersion(subject, PoliceReferral.getClassSchema());
        assertThat(registrar.registerVersion(subject, PoliceReferral.getClassSchema()))
                .isEqualTo(id);
    }

    @Test
    void shouldAcceptACompatibleEvolutionWithADefault(TestStack stack) {
        UnaryOperator<String> naming = stack.newNamespace("evolve");
        String subject = naming.apply("police.referrals.v1") + "-value";
        SchemaRegistrar registrar = new SchemaRegistrar(stack.connection());

        Schema evolved = withOptionalField(PoliceReferral.getClassSchema(), "forceCode");

        assertThat(registrar.isCompatible(subject, evolved)).isTrue();
        assertThat(registrar.registerVersion(subject, evolved)).isPositive();
    }

    static Schema withRequiredField(Schema base, String name) {
        var fields = copyFields(base);
        fields.add(new Schema.Field(name, Schema.create(Schema.Type.STRING), "added without a default", (Object) null));
        return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    }

    static Schema withOptionalField(Schema base, String name) {
        var fields = copyFields(base);
        Schema optional = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING));
        fields.add(new Schema.Field(name, optional, "added with a default", Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    }

    private static java.util.List<Schema.Field> copyFields(Schema base) {
        var fields = new ArrayList<Schema.Field>();
        for (Schema.Field f : base.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        return fields;
    }
}
