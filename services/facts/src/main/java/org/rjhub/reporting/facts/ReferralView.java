package org.rjhub.reporting.facts;

import org.rjhub.contracts.hub.ReferralIntake;

/**
 * A referral as the facts show it: its minimised details and where it stands.
 *
 * @param details the minimised referral
 * @param version changes of the referral so far, from 1
 * @param intake  what the hub did with it
 * @param caseKey pseudonym of its case, or null
 */
public record ReferralView(ReferralDetails details, long version, ReferralIntake intake, String caseKey) {}
