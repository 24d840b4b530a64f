package org.rjhub.matching;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Blocking keys: only records sharing at least one key are compared. Each key is a deterministic
 * string (a tag, then values), so the router can repartition on it in Kafka Streams and find the
 * candidates in one partition. Each rule is selective on its own, so that the candidates per
 * record stay bounded as the population grows, and the rules overlap, so that a pair missed by
 * one (a typo in the field it uses) is found by another. A rule whose field is missing yields no
 * key.
 */
public final class BlockingKeys {

    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Set<String> SUB_PREMISES = Set.of("flat", "flt", "apartment", "apt", "unit", "room", "suite");

    private BlockingKeys() {}

    /** The keys of a record, in rule order; unmodifiable. */
    public static Set<String> of(PersonRecord record) {
        Set<String> keys = new LinkedHashSet<>();
        String given = compact(record.givenName());
        String surname = compact(record.surname());
        String dob = record.dateOfBirth() == null ? null : record.dateOfBirth().format(BASIC_DATE);
        String year = dob == null ? null : dob.substring(0, 4);
        String postcode = record.postcode() == null ? null : record.postcode().replace(" ", "");
        String district = district(record.postcode());

        // exact date of birth: survives any spelling of the names and a change of address
        add(keys, "dob", dob);
        // surname prefix + year of birth: survives a typo in day or month, a move, a new forename
        add(keys, "sy", prefix(surname, 3), year);
        // forename prefix + year of birth: the same when the surname changed (marriage, typo)
        add(keys, "gy", prefix(given, 3), year);
        // forename prefix + postcode district: survives a missing or mistyped date of birth
        add(keys, "gd", prefix(given, 3), district);
        // full postcode + surname initial: same household area, date and forename both unreliable
        add(keys, "ps", postcode, prefix(surname, 1));
        // surname + forename initial: a wrong date of birth and a move together
        add(keys, "sg", surname, prefix(given, 1));
        // both name prefixes in alphabetical order: forename and surname swapped, date also wrong
        add(keys, "nn", sortedPair(prefix(given, 3), prefix(surname, 3)));
        // house number + full postcode: one household, whatever the names and dates say
        add(keys, "hp", houseNumber(record.addressLine()), postcode);
        // house number + street prefix + postcode area: one household when the postcode is mistyped
        add(keys, "hs", houseNumber(record.addressLine()), streetPrefix(record.addressLine()), area(record.postcode()));
        return Collections.unmodifiableSet(keys);
    }

    private static void add(Set<String> keys, String rule, String... values) {
        for (String value : values) {
            if (value == null) {
                return;
            }
        }
        keys.add(rule + ":" + String.join(":", values));
    }

    /** The postcode district of a UK postcode, or the whole of any other postcode. */
    private static String district(String postcode) {
        if (postcode == null) {
            return null;
        }
        return UkPostcode.parse(postcode).map(UkPostcode::district).orElse(postcode);
    }

    /** The UK postcode area ("CM"), or the first character of any other postcode. */
    private static String area(String postcode) {
        if (postcode == null) {
            return null;
        }
        return UkPostcode.parse(postcode).map(UkPostcode::area).orElse(postcode.substring(0, 1));
    }

    private static String sortedPair(String a, String b) {
        if (a == null || b == null) {
            return null;
        }
        return a.compareTo(b) <= 0 ? a + ":" + b : b + ":" + a;
    }

    /**
     * The words of an address that place the building: without a flat or unit and its number
     * ("flat 2 4 high street" gives "4 high street"), so that the house number and street are the
     * building's, not the flat's (every block has a flat 2).
     */
    private static List<String> buildingWords(String addressLine) {
        List<String> words = new ArrayList<>();
        if (addressLine == null) {
            return words;
        }
        String[] all = addressLine.split(" ");
        for (int i = 0; i < all.length; i++) {
            if (SUB_PREMISES.contains(all[i])) {
                i++; // and its number
            } else if (!all[i].isEmpty()) {
                words.add(all[i]);
            }
        }
        return words;
    }

    /** The first word of the address made of digits only. */
    private static String houseNumber(String addressLine) {
        for (String word : buildingWords(addressLine)) {
            if (isNumber(word)) {
                return word;
            }
        }
        return null;
    }

    /** The first four letters of the first word of the address that is not a number. */
    private static String streetPrefix(String addressLine) {
        for (String word : buildingWords(addressLine)) {
            if (!isNumber(word)) {
                return prefix(word, 4);
            }
        }
        return null;
    }

    private static boolean isNumber(String word) {
        return word.chars().allMatch(Character::isDigit);
    }

    private static String compact(String name) {
        return name == null ? null : name.replace(" ", "");
    }

    private static String prefix(String value, int length) {
        if (value == null || value.length() < length) {
            return value;
        }
        return value.substring(0, length);
    }
}
