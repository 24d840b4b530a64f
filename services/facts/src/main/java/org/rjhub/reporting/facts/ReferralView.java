package org.rjhub.reporting.facts;

import org.rjhub.contracts.hub.ReferralIntake;

/**
 * A referral as the facts show it: its minimised details and where it stands.
 *
 * @param details the minimised referral
 * @param version changes of the referral so far, from 1
 * @param intake  what the hub did with it
 * @param caseKey pseudonym of its case, or null
 * @param publishedKeyVersion the key version the referral's facts were published under before this view, 0 when none
 *     were: when it is not the current version, the fact carrying this view links the referral's pseudonyms
 */
public record ReferralView(
        ReferralDetails details, long version, ReferralIntake intake, String caseKey, int publishedKeyVersion) {}
