package org.rjhub.matching;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Union-find over indexes that refuses a union bringing a kept-apart pair together; each root holds the kept-apart
 * partners of all its members. The offline clusterer and the router's case graph decide cases with it alike.
 */
public final class KeepApartUnionFind {
    private final int[] parent;
    private final int[] smallest;
    private final Map<Integer, Set<Integer>> apartFrom = new HashMap<>();

    public KeepApartUnionFind(int size) {
        parent = new int[size];
        smallest = new int[size];
        for (int i = 0; i < size; i++) {
            parent[i] = i;
            smallest[i] = i;
        }
    }

    public void keepApart(int a, int b) {
        apartFrom.computeIfAbsent(a, k -> new HashSet<>()).add(b);
        apartFrom.computeIfAbsent(b, k -> new HashSet<>()).add(a);
    }

    public int find(int i) {
        int root = i;
        while (parent[root] != root) {
            root = parent[root];
        }
        while (parent[i] != root) {
            int next = parent[i];
            parent[i] = root;
            i = next;
        }
        return root;
    }

    public boolean sameCluster(int a, int b) {
        return find(a) == find(b);
    }

    public int smallestMember(int i) {
        return smallest[find(i)];
    }

    /** Joins the clusters of a and b; false if that would join a kept-apart pair. */
    public boolean union(int a, int b) {
        int rootA = find(a);
        int rootB = find(b);
        if (rootA == rootB) {
            return true;
        }
        Set<Integer> apartA = apartFrom.getOrDefault(rootA, Set.of());
        Set<Integer> apartB = apartFrom.getOrDefault(rootB, Set.of());
        for (int partner : apartA.size() <= apartB.size() ? apartA : apartB) {
            int partnerRoot = find(partner);
            if (partnerRoot == rootA || partnerRoot == rootB) {
                return false;
            }
        }
        parent[rootB] = rootA;
        smallest[rootA] = Math.min(smallest[rootA], smallest[rootB]);
        if (!apartB.isEmpty()) {
            Set<Integer> merged = new HashSet<>(apartA);
            merged.addAll(apartB);
            apartFrom.put(rootA, merged);
            apartFrom.remove(rootB);
        }
        return true;
    }
}
