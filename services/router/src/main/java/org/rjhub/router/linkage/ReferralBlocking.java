package org.rjhub.router.linkage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rjhub.router.graph.ReferralSummary;

/** The blocking keys of a referral: a crime-reference key, and each party's person keys. */
public final class ReferralBlocking {

    /** Prefix of crime-reference keys. */
    public static final String CRIME = "C:";
    /** Prefix of person keys. */
    public static final String PERSON = "P:";

    private ReferralBlocking() {
    }

    /** Key to the probe for that key, in a stable order. */
    public static Map<String, BlockProbe> probes(ReferralSummary r) {
        Map<String, List<BlockProbe.Member>> byKey = new LinkedHashMap<>();
        if (r.crimeReference() != null) {
            byKey.put(CRIME + r.crimeReference(), new ArrayList<>());
        }
        for (int i = 0; i < r.parties().size(); i++) {
            var p = r.parties().get(i);
            BlockProbe.Member m = new BlockProbe.Member(r.hubReferralId(), i, p.role(), p.forename(), p.surname(),
                    p.dateOfBirth(), p.postcode(), p.addressLine());
            for (String key : BlockingKeys.of(m.person())) {
                byKey.computeIfAbsent(PERSON + key, k -> new ArrayList<>()).add(m);
            }
        }
        Map<String, BlockProbe> probes = new LinkedHashMap<>();
        byKey.forEach((key, members) -> probes.put(key, new BlockProbe(r.hubReferralId(), members)));
        return probes;
    }
}
