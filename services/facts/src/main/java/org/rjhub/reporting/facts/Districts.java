package org.rjhub.reporting.facts;

import java.util.List;
import java.util.Set;

/**
 * The areas reporting knows: Essex's twelve districts and two unitary authorities. The canonical referral's
 * district is validated against the same list by the router; anything else is reported as {@link #OTHER}, so
 * no free text can pass through this field.
 */
public final class Districts {

    /** What an unrecognised district is reported as. */
    public static final String OTHER = "Other";

    /** In the order the service's reports list them. */
    public static final List<String> ESSEX = List.of(
            "Basildon",
            "Braintree",
            "Brentwood",
            "Castle Point",
            "Chelmsford",
            "Colchester",
            "Epping Forest",
            "Harlow",
            "Maldon",
            "Rochford",
            "Tendring",
            "Uttlesford",
            "Southend-on-Sea",
            "Thurrock");

    private static final Set<String> KNOWN = Set.copyOf(ESSEX);

    private Districts() {}

    /** The district as reported: itself when known, null when absent, {@link #OTHER} otherwise. */
    public static String reported(String district) {
        if (district == null) {
            return null;
        }
        String trimmed = district.trim();
        return KNOWN.contains(trimmed) ? trimmed : OTHER;
    }
}
