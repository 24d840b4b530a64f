package org.rjhub.simulator;

import java.util.List;
import java.util.random.RandomGenerator;
import org.rjhub.contracts.police.OffenceCategory;
import org.rjhub.contracts.victimsupport.CrimeType;

/**
 * Offences the simulator draws from: a code in the Home Office class/subclass format, the police category,
 * probation's main-category wording, the Victim Support crime type and the markers that make it sensitive.
 * The codes are illustrative, in the right format, not an authoritative list.
 */
final class Offences {

    /** What makes an offence sensitive regardless of the force's markers. */
    enum Marker {
        NONE,
        ALWAYS_DOMESTIC_ABUSE,
        ALWAYS_HATE_CRIME,
        STALKING
    }

    record Offence(
            String code,
            OffenceCategory category,
            String probationCategory,
            String description,
            CrimeType crimeType,
            Marker marker,
            double weight) {

        /** Violence between people who may be partners or family, where a domestic abuse marker is common. */
        boolean violent() {
            return category == OffenceCategory.VIOLENCE_WITH_INJURY
                    || category == OffenceCategory.VIOLENCE_WITHOUT_INJURY;
        }
    }

    private static final String VIOLENCE = "Violence against the person";

    static final List<Offence> CRIMES = List.of(
            new Offence(
                    "105/01",
                    OffenceCategory.VIOLENCE_WITHOUT_INJURY,
                    VIOLENCE,
                    "Common assault and battery",
                    CrimeType.ASSAULT,
                    Marker.NONE,
                    10),
            new Offence(
                    "008/01",
                    OffenceCategory.VIOLENCE_WITH_INJURY,
                    VIOLENCE,
                    "Assault occasioning actual bodily harm",
                    CrimeType.ASSAULT,
                    Marker.NONE,
                    8),
            new Offence(
                    "005/01",
                    OffenceCategory.VIOLENCE_WITH_INJURY,
                    VIOLENCE,
                    "Wounding with intent to do grievous bodily harm",
                    CrimeType.ASSAULT,
                    Marker.NONE,
                    2),
            new Offence(
                    "008/60",
                    OffenceCategory.STALKING_AND_HARASSMENT,
                    VIOLENCE,
                    "Controlling or coercive behaviour in an intimate or family relationship",
                    CrimeType.DOMESTIC_ABUSE,
                    Marker.ALWAYS_DOMESTIC_ABUSE,
                    2),
            new Offence(
                    "008/71",
                    OffenceCategory.STALKING_AND_HARASSMENT,
                    VIOLENCE,
                    "Pursue a course of conduct amounting to stalking",
                    CrimeType.STALKING_AND_HARASSMENT,
                    Marker.STALKING,
                    2),
            new Offence(
                    "008/55",
                    OffenceCategory.STALKING_AND_HARASSMENT,
                    VIOLENCE,
                    "Pursue a course of conduct amounting to harassment",
                    CrimeType.STALKING_AND_HARASSMENT,
                    Marker.NONE,
                    3),
            new Offence(
                    "019/11",
                    OffenceCategory.SEXUAL_OFFENCES,
                    "Sexual offences",
                    "Rape of a person aged 16 or over",
                    CrimeType.SEXUAL_VIOLENCE,
                    Marker.NONE,
                    1),
            new Offence(
                    "020/01",
                    OffenceCategory.SEXUAL_OFFENCES,
                    "Sexual offences",
                    "Sexual assault on a person aged 13 or over",
                    CrimeType.SEXUAL_VIOLENCE,
                    Marker.NONE,
                    1.5),
            new Offence(
                    "125/58",
                    OffenceCategory.PUBLIC_ORDER_OFFENCES,
                    "Public order offences",
                    "Racially or religiously aggravated fear or provocation of violence",
                    CrimeType.HATE_CRIME,
                    Marker.ALWAYS_HATE_CRIME,
                    2),
            new Offence(
                    "066/06",
                    OffenceCategory.PUBLIC_ORDER_OFFENCES,
                    "Public order offences",
                    "Using threatening, abusive or insulting words or behaviour",
                    CrimeType.OTHER,
                    Marker.NONE,
                    3),
            new Offence(
                    "028/01",
                    OffenceCategory.BURGLARY,
                    "Burglary",
                    "Burglary in a dwelling",
                    CrimeType.BURGLARY,
                    Marker.NONE,
                    5),
            new Offence(
                    "030/01",
                    OffenceCategory.BURGLARY,
                    "Burglary",
                    "Burglary - business and community",
                    CrimeType.BURGLARY,
                    Marker.NONE,
                    2),
            new Offence(
                    "034/01",
                    OffenceCategory.ROBBERY,
                    "Robbery",
                    "Robbery of personal property",
                    CrimeType.ROBBERY,
                    Marker.NONE,
                    2),
            new Offence(
                    "039/01",
                    OffenceCategory.THEFT,
                    "Theft and handling stolen goods",
                    "Theft from the person",
                    CrimeType.THEFT,
                    Marker.NONE,
                    3),
            new Offence(
                    "046/01",
                    OffenceCategory.THEFT,
                    "Theft and handling stolen goods",
                    "Theft from a shop",
                    CrimeType.THEFT,
                    Marker.NONE,
                    1),
            new Offence(
                    "045/01",
                    OffenceCategory.VEHICLE_OFFENCES,
                    "Theft and handling stolen goods",
                    "Theft from a motor vehicle",
                    CrimeType.THEFT,
                    Marker.NONE,
                    2),
            new Offence(
                    "048/01",
                    OffenceCategory.VEHICLE_OFFENCES,
                    "Theft and handling stolen goods",
                    "Taking a motor vehicle without consent",
                    CrimeType.THEFT,
                    Marker.NONE,
                    2),
            new Offence(
                    "058/01",
                    OffenceCategory.CRIMINAL_DAMAGE_AND_ARSON,
                    "Criminal damage",
                    "Criminal damage to a dwelling",
                    CrimeType.CRIMINAL_DAMAGE,
                    Marker.NONE,
                    6),
            new Offence(
                    "058/03",
                    OffenceCategory.CRIMINAL_DAMAGE_AND_ARSON,
                    "Criminal damage",
                    "Criminal damage to a vehicle",
                    CrimeType.CRIMINAL_DAMAGE,
                    Marker.NONE,
                    3),
            new Offence(
                    "056/02",
                    OffenceCategory.CRIMINAL_DAMAGE_AND_ARSON,
                    "Criminal damage",
                    "Arson not endangering life",
                    CrimeType.CRIMINAL_DAMAGE,
                    Marker.NONE,
                    1),
            new Offence(
                    "053/01",
                    OffenceCategory.FRAUD,
                    "Fraud and forgery",
                    "Fraud by false representation",
                    CrimeType.FRAUD,
                    Marker.NONE,
                    1),
            new Offence(
                    "106/01",
                    OffenceCategory.MODERN_SLAVERY,
                    "Other offences",
                    "Hold a person in slavery or servitude",
                    CrimeType.MODERN_SLAVERY,
                    Marker.NONE,
                    0.3));

    /** Offences recorded alongside anti-social behaviour. */
    static final List<Offence> ASB_CRIMES = CRIMES.stream()
            .filter(o -> o.code().equals("066/06")
                    || o.code().equals("058/01")
                    || o.code().equals("058/03"))
            .toList();

    /** The offence sometimes recorded in a neighbour dispute. */
    static final Offence NEIGHBOUR_HARASSMENT =
            CRIMES.stream().filter(o -> o.code().equals("008/55")).findFirst().orElseThrow();

    private Offences() {}

    static Offence drawCrime(RandomGenerator random) {
        double total = CRIMES.stream().mapToDouble(Offence::weight).sum();
        double x = random.nextDouble() * total;
        for (var offence : CRIMES) {
            x -= offence.weight();
            if (x < 0) {
                return offence;
            }
        }
        return CRIMES.get(CRIMES.size() - 1);
    }
}
