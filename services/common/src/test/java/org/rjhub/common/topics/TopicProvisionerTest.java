package org.rjhub.common.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

/**
 * {@link TopicProvisioner#awaitDescribed}: a broker's metadata follows the controller's log, so a topic just created
 * or grown may be described as unknown, or with its old partitions, for a while; provisioning waits until it is not.
 */
class TopicProvisionerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void shouldWaitUntilTheClusterDescribesATopicJustCreated() throws Exception {
        // Given a broker that does not know the topic for its first two answers
        AtomicInteger asked = new AtomicInteger();
        Admin admin = answering(call -> call < 2 ? unknown() : partitions(6), asked);

        // When provisioning waits for it
        TopicProvisioner.awaitDescribed(admin, Map.of("police.referrals.v1", 1), PATIENCE);

        // Then it asked until the topic was there, and no more
        assertThat(asked).hasValue(3);
    }

    @Test
    void shouldWaitUntilAGrownTopicIsDescribedWithItsNewPartitions() throws Exception {
        // Given a broker that still describes the old two partitions twice after the topic grew to six
        AtomicInteger asked = new AtomicInteger();
        Admin admin = answering(call -> call < 2 ? partitions(2) : partitions(6), asked);

        TopicProvisioner.awaitDescribed(admin, Map.of("police.referrals.v1", 6), PATIENCE);

        assertThat(asked).hasValue(3);
    }

    @Test
    void shouldNameATopicTheClusterNeverDescribes() {
        Admin admin = answering(call -> unknown(), new AtomicInteger());

        assertThatThrownBy(() ->
                        TopicProvisioner.awaitDescribed(admin, Map.of("rj.referrals.v1", 6), Duration.ofMillis(200)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rj.referrals.v1")
                .hasMessageContaining("6 partition(s)");
    }

    @Test
    void shouldFailAtOnceWhenTheClusterRefusesToDescribe() {
        // Given a principal without Describe: waiting would not change the answer
        AtomicInteger asked = new AtomicInteger();
        Admin admin = answering(call -> failed(new TopicAuthorizationException("no Describe")), asked);

        assertThatThrownBy(() -> TopicProvisioner.awaitDescribed(admin, Map.of("rj.referrals.v1", 1), PATIENCE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rj.referrals.v1")
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        assertThat(asked).hasValue(1);
    }

    /** An admin client whose {@code describeTopics} answers each topic with {@code answer} of the call's number. */
    private static Admin answering(IntFunction<KafkaFuture<Integer>> answer, AtomicInteger asked) {
        return (Admin) Proxy.newProxyInstance(
                Admin.class.getClassLoader(), new Class<?>[] {Admin.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("describeTopics")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    Collection<String> names =
                            args[0] instanceof TopicCollection.TopicNameCollection c ? c.topicNames() : names(args[0]);
                    int call = asked.getAndIncrement();
                    Map<String, KafkaFuture<TopicDescription>> futures = new TreeMap<>();
                    for (String name : names) {
                        futures.put(name, answer.apply(call).thenApply(n -> description(name, n)));
                    }
                    return new DescribeTopicsResult(null, futures) {};
                });
    }

    @SuppressWarnings("unchecked")
    private static Collection<String> names(Object arg) {
        return new ArrayList<>((Collection<String>) arg);
    }

    private static TopicDescription description(String name, int partitions) {
        Node broker = new Node(1, "localhost", 9092);
        List<TopicPartitionInfo> infos = IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartitionInfo(p, broker, List.of(broker), List.of(broker)))
                .toList();
        return new TopicDescription(name, false, infos);
    }

    private static KafkaFuture<Integer> partitions(int n) {
        return KafkaFuture.completedFuture(n);
    }

    private static KafkaFuture<Integer> unknown() {
        return failed(new UnknownTopicOrPartitionException("not in this broker's metadata yet"));
    }

    private static KafkaFuture<Integer> failed(Exception e) {
        KafkaFutureImpl<Integer> f = new KafkaFutureImpl<>();
        f.completeExceptionally(e);
        return f;
    }
}
