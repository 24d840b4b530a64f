package org.rjhub.simulator;

import java.time.Instant;
import java.util.Objects;

/**
 * How the simulated world looks: when "now" is, and how often each real-life situation happens. Every
 * fraction is a probability in [0, 1].
 *
 * @param referenceTime                          "now" in the simulated world: every record is submitted before it,
 *                                               and incidents happen 200 to 420 days before it
 * @param neighbourDisputeFraction               of incidents: neighbour disputes
 * @param asbFraction                            of incidents: anti-social behaviour
 * @param awaitingCourtFraction                  of crimes with an identified offender: awaiting court at referral
 * @param invalidFraction                        of incidents: the police referral breaks a validation rule
 * @param youthFraction                          of incidents: a party is under 18
 * @param outOfAreaFraction                      of incidents: the victims live outside Essex
 * @param victimSupportFraction                  of valid police referrals: Victim Support refers the same victim
 * @param victimSupportTypoFraction              of Victim Support referrals: a keying error in the victim's name
 * @param victimSupportMissingPostcodeFraction   of Victim Support referrals: no postcode
 * @param probationFraction                      of valid crimes going to or through court with an identified
 *                                               offender: probation refers the offender
 * @param probationWithoutCrimeReferenceFraction of probation referrals: no crime reference, so only the person
 *                                               can link it
 * @param probationNameVariationFraction         of probation referrals: nickname, typo or swapped names
 * @param redeliveryFraction                     of valid records: the agency sends the identical record again
 * @param amendmentFraction                      of valid police and probation referrals: a later resend with a
 *                                               changed field
 */
public record SimulatorConfig(
        Instant referenceTime,
        double neighbourDisputeFraction,
        double asbFraction,
        double awaitingCourtFraction,
        double invalidFraction,
        double youthFraction,
        double outOfAreaFraction,
        double victimSupportFraction,
        double victimSupportTypoFraction,
        double victimSupportMissingPostcodeFraction,
        double probationFraction,
        double probationWithoutCrimeReferenceFraction,
        double probationNameVariationFraction,
        double redeliveryFraction,
        double amendmentFraction) {

    /** The default "now": fixed, so that a seed always gives the same batch. */
    public static final Instant DEFAULT_REFERENCE_TIME = Instant.parse("2026-11-02T09:00:00Z");

    public SimulatorConfig {
        Objects.requireNonNull(referenceTime, "referenceTime");
        check("neighbourDisputeFraction", neighbourDisputeFraction);
        check("asbFraction", asbFraction);
        check("awaitingCourtFraction", awaitingCourtFraction);
        check("invalidFraction", invalidFraction);
        check("youthFraction", youthFraction);
        check("outOfAreaFraction", outOfAreaFraction);
        check("victimSupportFraction", victimSupportFraction);
        check("victimSupportTypoFraction", victimSupportTypoFraction);
        check("victimSupportMissingPostcodeFraction", victimSupportMissingPostcodeFraction);
        check("probationFraction", probationFraction);
        check("probationWithoutCrimeReferenceFraction", probationWithoutCrimeReferenceFraction);
        check("probationNameVariationFraction", probationNameVariationFraction);
        check("redeliveryFraction", redeliveryFraction);
        check("amendmentFraction", amendmentFraction);
        check("neighbourDisputeFraction + asbFraction", neighbourDisputeFraction + asbFraction);
        check(
                "invalidFraction + youthFraction + outOfAreaFraction",
                invalidFraction + youthFraction + outOfAreaFraction);
    }

    /** The defaults: roughly what a county service sees. */
    public static SimulatorConfig defaults() {
        return new SimulatorConfig(
                DEFAULT_REFERENCE_TIME,
                0.06,
                0.12,
                0.30,
                0.06,
                0.04,
                0.04,
                0.35,
                0.30,
                0.20,
                0.40,
                0.50,
                0.50,
                0.05,
                0.08);
    }

    /** Only valid, clean records: no invalid, youth, out-of-area, redelivered or amended ones. */
    public SimulatorConfig cleanOnly() {
        return new SimulatorConfig(
                referenceTime,
                neighbourDisputeFraction,
                asbFraction,
                awaitingCourtFraction,
                0,
                0,
                0,
                victimSupportFraction,
                victimSupportTypoFraction,
                victimSupportMissingPostcodeFraction,
                probationFraction,
                probationWithoutCrimeReferenceFraction,
                probationNameVariationFraction,
                0,
                0);
    }

    /** A copy with another "now". */
    public SimulatorConfig withReferenceTime(Instant time) {
        return new SimulatorConfig(
                time,
                neighbourDisputeFraction,
                asbFraction,
                awaitingCourtFraction,
                invalidFraction,
                youthFraction,
                outOfAreaFraction,
                victimSupportFraction,
                victimSupportTypoFraction,
                victimSupportMissingPostcodeFraction,
                probationFraction,
                probationWithoutCrimeReferenceFraction,
                probationNameVariationFraction,
                redeliveryFraction,
                amendmentFraction);
    }

    private static void check(String name, double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + fraction);
        }
    }
}
