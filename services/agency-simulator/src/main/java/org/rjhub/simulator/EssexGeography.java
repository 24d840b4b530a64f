package org.rjhub.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The simulator's geography: the fourteen Essex districts and unitary authorities with real postcode
 * outward codes (districts) and their post towns, plus real outward codes just outside the county. Inward
 * codes (the "1AB" part) are random, so no generated postcode is meant to be a real address.
 */
public final class EssexGeography {

    /** UK postcode syntax: outward code, one space, inward code (digit and two letters, no C I K M O V). */
    private static final Pattern POSTCODE = Pattern.compile("^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][ABD-HJLNP-UW-Z]{2}$");

    /** Letters allowed in the last two characters of a postcode. */
    static final String INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

    /** A postcode district (outward code) and its post town. */
    public record Outward(String code, String town) {}

    /** A district with its outward codes and its main police station. */
    public record District(String name, List<Outward> outwardCodes, String policeStation) {}

    private static final Map<String, District> DISTRICTS = new LinkedHashMap<>();

    static {
        add(
                "Basildon",
                "Basildon",
                o("SS13", "Basildon"),
                o("SS14", "Basildon"),
                o("SS15", "Basildon"),
                o("SS16", "Basildon"),
                o("SS11", "Wickford"),
                o("SS12", "Wickford"),
                o("CM11", "Billericay"),
                o("CM12", "Billericay"));
        add(
                "Braintree",
                "Braintree",
                o("CM7", "Braintree"),
                o("CM77", "Braintree"),
                o("CM8", "Witham"),
                o("CO9", "Halstead"));
        add("Brentwood", "Brentwood", o("CM13", "Brentwood"), o("CM14", "Brentwood"), o("CM15", "Brentwood"));
        add("Castle Point", "Canvey Island", o("SS7", "Benfleet"), o("SS8", "Canvey Island"));
        add("Chelmsford", "Chelmsford", o("CM1", "Chelmsford"), o("CM2", "Chelmsford"), o("CM3", "Chelmsford"));
        add(
                "Colchester",
                "Colchester",
                o("CO1", "Colchester"),
                o("CO2", "Colchester"),
                o("CO3", "Colchester"),
                o("CO4", "Colchester"),
                o("CO5", "Colchester"),
                o("CO6", "Colchester"));
        add(
                "Epping Forest",
                "Loughton",
                o("CM16", "Epping"),
                o("IG10", "Loughton"),
                o("EN9", "Waltham Abbey"),
                o("IG7", "Chigwell"),
                o("CM5", "Ongar"));
        add("Harlow", "Harlow", o("CM17", "Harlow"), o("CM18", "Harlow"), o("CM19", "Harlow"), o("CM20", "Harlow"));
        add("Maldon", "Maldon", o("CM9", "Maldon"), o("CM0", "Burnham-on-Crouch"));
        add("Rochford", "Rayleigh", o("SS4", "Rochford"), o("SS5", "Hockley"), o("SS6", "Rayleigh"));
        add(
                "Tendring",
                "Clacton",
                o("CO15", "Clacton-on-Sea"),
                o("CO16", "Clacton-on-Sea"),
                o("CO12", "Harwich"),
                o("CO13", "Frinton-on-Sea"),
                o("CO14", "Walton on the Naze"),
                o("CO11", "Manningtree"));
        add(
                "Uttlesford",
                "Saffron Walden",
                o("CB10", "Saffron Walden"),
                o("CB11", "Saffron Walden"),
                o("CM6", "Dunmow"),
                o("CM24", "Stansted"));
        add(
                "Southend-on-Sea",
                "Southend",
                o("SS0", "Westcliff-on-Sea"),
                o("SS1", "Southend-on-Sea"),
                o("SS2", "Southend-on-Sea"),
                o("SS3", "Shoeburyness"),
                o("SS9", "Leigh-on-Sea"));
        add(
                "Thurrock",
                "Grays",
                o("RM16", "Grays"),
                o("RM17", "Grays"),
                o("RM18", "Tilbury"),
                o("RM19", "Purfleet"),
                o("RM20", "Grays"),
                o("SS17", "Stanford-le-Hope"));
    }

    /**
     * Real outward codes next to Essex but outside it. Some share an area with Essex (RM, IG, CB), so a check on
     * the postcode area alone gets them wrong.
     */
    public static final List<Outward> OUT_OF_AREA = List.of(
            o("RM7", "Romford"),
            o("RM1", "Romford"),
            o("IG1", "Ilford"),
            o("E17", "London"),
            o("CB1", "Cambridge"),
            o("IP4", "Ipswich"),
            o("SG12", "Ware"),
            o("ME4", "Chatham"),
            o("CM23", "Bishop's Stortford"));

    /** Places that are not Essex districts, as a mistaken district field would name them. */
    public static final List<String> NOT_ESSEX_DISTRICTS = List.of(
            "Ipswich", "Cambridge", "Havering", "Redbridge", "East Hertfordshire", "Medway", "Babergh", "Essex");

    private EssexGeography() {}

    /** The fourteen districts and unitary authorities, in a fixed order. */
    public static List<District> districts() {
        return List.copyOf(DISTRICTS.values());
    }

    /** The district with this exact name (as police name it), if it is in Essex. */
    public static Optional<District> district(String name) {
        return Optional.ofNullable(DISTRICTS.get(name));
    }

    /** True when the text is one of the district names. */
    public static boolean isEssexDistrict(String name) {
        return DISTRICTS.containsKey(name);
    }

    /** True when the postcode is syntactically a UK postcode in the canonical form "AA9A 9AA". */
    public static boolean isValidPostcode(String postcode) {
        return postcode != null && POSTCODE.matcher(postcode).matches();
    }

    /** The Essex district whose outward codes include this postcode's, if any. */
    public static Optional<String> districtOfPostcode(String postcode) {
        if (!isValidPostcode(postcode)) {
            return Optional.empty();
        }
        var outward = postcode.substring(0, postcode.indexOf(' ')).toUpperCase(Locale.ROOT);
        return DISTRICTS.values().stream()
                .filter(d -> d.outwardCodes().stream().anyMatch(o -> o.code().equals(outward)))
                .map(District::name)
                .findFirst();
    }

    /** True when the postcode is valid and in one of the Essex districts. */
    public static boolean isEssexPostcode(String postcode) {
        return districtOfPostcode(postcode).isPresent();
    }

    private static void add(String name, String station, Outward... outward) {
        DISTRICTS.put(name, new District(name, List.of(outward), station));
    }

    private static Outward o(String code, String town) {
        return new Outward(code, town);
    }
}
