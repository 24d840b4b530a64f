package org.rjhub.router.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.rjhub.matching.KeepApartUnionFind;
import org.rjhub.router.graph.GraphState.Node;

/**
 * How a connected component of the case graph divides into cases: a pure function of its facts, so
 * that neither the order in which referrals, shard results and decisions arrived nor what arrives
 * later can put a kept-apart pair in one case.
 *
 * <p>Union-find over the component's referrals: kept-apart pairs registered first, then confirmed
 * links joined (in pair order), then automatic matches by falling weight (ties in pair order); a
 * join that would bring a kept-apart pair together is refused. The same rule as the matching
 * library's {@code PersonClusterer}, applied to referrals.
 */
final class ComponentCases {

    private ComponentCases() {}

    /**
     * @param component the component's placed referrals, by id
     * @return its cases, each a sorted set of referral ids, ordered by their smallest id
     */
    static List<Set<String>> partition(Map<String, Node> component) {
        List<String> ids = new ArrayList<>(new TreeSet<>(component.keySet()));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
        KeepApartUnionFind cases = new KeepApartUnionFind(ids.size());
        Set<Link> confirmed = new TreeSet<>();
        Map<Link, Double> matches = new TreeMap<>();
        for (Node n : component.values()) {
            int a = index.get(n.id);
            for (String other : n.keptApart) {
                Integer b = index.get(other);
                if (b != null) {
                    cases.keepApart(a, b);
                }
            }
            for (String other : n.confirmed) {
                Integer b = index.get(other);
                if (b != null && b != a) {
                    confirmed.add(Link.of(a, b));
                }
            }
            n.match.forEach((other, weight) -> {
                Integer b = index.get(other);
                if (b != null && b != a) {
                    matches.merge(Link.of(a, b), weight, Math::max);
                }
            });
        }
        confirmed.forEach(link -> cases.union(link.a, link.b));
        List<Map.Entry<Link, Double>> strongestFirst = new ArrayList<>(matches.entrySet());
        strongestFirst.sort(Map.Entry.<Link, Double>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        strongestFirst.forEach(e -> cases.union(e.getKey().a, e.getKey().b));

        Map<Integer, Set<String>> byRoot = new TreeMap<>();
        for (int i = 0; i < ids.size(); i++) {
            // ids are sorted, so parts come out ordered by their smallest id
            byRoot.computeIfAbsent(cases.smallestMember(i), k -> new TreeSet<>())
                    .add(ids.get(i));
        }
        return List.copyOf(byRoot.values());
    }

    /** A pair of indexes, smaller first; ordered like the ids it stands for. */
    private record Link(int a, int b) implements Comparable<Link> {
        static Link of(int x, int y) {
            return x < y ? new Link(x, y) : new Link(y, x);
        }

        @Override
        public int compareTo(Link o) {
            return a != o.a ? Integer.compare(a, o.a) : Integer.compare(b, o.b);
        }
    }
}
