-- The reporting database: tables the reporting consumer keeps from rj.reporting.case-facts.v1, and the views the
-- report and analysts read. ANSI SQL that H2 (the embedded default) and PostgreSQL both run. Idempotent: run at
-- every start. Dates and months are in Europe/London; "referred" is the day the hub received the referral.

-- Every fact once, in the order it was consumed.
CREATE TABLE IF NOT EXISTS rpt_facts (
  fact_id          VARCHAR(80)  NOT NULL PRIMARY KEY,
  fact_key         VARCHAR(40)  NOT NULL,
  seq              BIGINT       NOT NULL,
  change_type      VARCHAR(40)  NOT NULL,
  occurred_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  agency           VARCHAR(20),
  referral_key     VARCHAR(40),
  case_key         VARCHAR(40),
  party_role       VARCHAR(20),
  detail           VARCHAR(60),
  reason           VARCHAR(60),
  source_topic     VARCHAR(249) NOT NULL,
  source_partition INTEGER      NOT NULL,
  source_offset    BIGINT       NOT NULL
);

-- The key version each fact's pseudonyms were made with (added with key versions: 1 for facts before them).
ALTER TABLE rpt_facts ADD COLUMN IF NOT EXISTS key_version INTEGER NOT NULL DEFAULT 1;

-- A pseudonym published under a later key version, and the pseudonym its case, referral or person was first known by
-- here (its canonical pseudonym), from the facts' pseudonymLinks. Every table below keys a case, referral or person by
-- its canonical pseudonym (rpt_facts too, beside the fact's own key_version), so a case that spans a key rotation stays
-- one case: one row of rpt_cases, one count in every view.
CREATE TABLE IF NOT EXISTS rpt_pseudonym_links (
  pseudonym    VARCHAR(40) NOT NULL PRIMARY KEY,
  canonical    VARCHAR(40) NOT NULL,
  key_version  INTEGER     NOT NULL
);

-- One row per agency referral: its latest snapshot.
CREATE TABLE IF NOT EXISTS rpt_referrals (
  referral_key     VARCHAR(40)  NOT NULL PRIMARY KEY,
  referral_version BIGINT       NOT NULL,
  agency           VARCHAR(20)  NOT NULL,
  intake           VARCHAR(20)  NOT NULL,
  case_key         VARCHAR(40),
  received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  received_on      DATE         NOT NULL,
  received_month   VARCHAR(7)   NOT NULL,
  district         VARCHAR(40),
  case_type        VARCHAR(30),
  offence_category VARCHAR(40),
  justice_stage    VARCHAR(30)
);

-- The parties of each referral: role and age band only (and a pseudonym when a PNC id or CRN was given).
CREATE TABLE IF NOT EXISTS rpt_referral_parties (
  referral_key     VARCHAR(40)  NOT NULL,
  item_no          INTEGER      NOT NULL,
  party_role       VARCHAR(20)  NOT NULL,
  age_band         VARCHAR(20)  NOT NULL,
  person_key       VARCHAR(40),
  PRIMARY KEY (referral_key, item_no)
);

-- One row per case: its latest snapshot.
CREATE TABLE IF NOT EXISTS rpt_cases (
  case_key               VARCHAR(40) NOT NULL PRIMARY KEY,
  seq                    BIGINT      NOT NULL,
  status                 VARCHAR(10) NOT NULL,
  referred_at            TIMESTAMP WITH TIME ZONE,
  referred_on            DATE,
  referred_month         VARCHAR(7),
  district               VARCHAR(40),
  case_type              VARCHAR(30),
  offence_category       VARCHAR(40),
  referrals              INTEGER     NOT NULL,
  agencies               VARCHAR(60),
  assigned_at            TIMESTAMP WITH TIME ZONE,
  first_contact_at       TIMESTAMP WITH TIME ZONE,
  days_to_first_contact  DOUBLE PRECISION,
  consented_at           TIMESTAMP WITH TIME ZONE,
  meeting_at             TIMESTAMP WITH TIME ZONE,
  indirect_at            TIMESTAMP WITH TIME ZONE,
  agreement_at           TIMESTAMP WITH TIME ZONE,
  actions_agreed         INTEGER     NOT NULL,
  actions_completed      INTEGER     NOT NULL,
  agreement_completed_at TIMESTAMP WITH TIME ZONE,
  unsuitable_stage       VARCHAR(20),
  unsuitable_reason      VARCHAR(60),
  closed_at              TIMESTAMP WITH TIME ZONE,
  closure_reason         VARCHAR(60)
);

-- Declines and withdrawals of each case.
CREATE TABLE IF NOT EXISTS rpt_case_declines (
  case_key     VARCHAR(40) NOT NULL,
  item_no      INTEGER     NOT NULL,
  party_role   VARCHAR(20) NOT NULL,
  reason       VARCHAR(30) NOT NULL,
  occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (case_key, item_no)
);

-- The consumer's position, written in the same transaction as the rows above: the truth it resumes from.
-- next_offset -1: assigned, nothing consumed yet (start at the beginning of the partition).
CREATE TABLE IF NOT EXISTS rpt_consumer_offsets (
  consumer_group VARCHAR(200) NOT NULL,
  topic          VARCHAR(249) NOT NULL,
  partition_no   INTEGER      NOT NULL,
  next_offset    BIGINT       NOT NULL,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (consumer_group, topic, partition_no)
);

-- Referrals by day, agency, area, offence category, case type and intake (REJECTED: refused as invalid).
CREATE OR REPLACE VIEW v_referrals AS
SELECT received_on, received_month, agency,
       COALESCE(district, 'Unknown') AS district,
       COALESCE(offence_category, 'NO_OFFENCE') AS offence_category,
       COALESCE(case_type, 'UNKNOWN') AS case_type,
       intake, COUNT(*) AS referrals
FROM rpt_referrals
GROUP BY received_on, received_month, agency, COALESCE(district, 'Unknown'), COALESCE(offence_category, 'NO_OFFENCE'),
         COALESCE(case_type, 'UNKNOWN'), intake;

-- The cases that count: not merged into another case, and placed (they have a referral).
CREATE OR REPLACE VIEW v_cases AS
SELECT * FROM rpt_cases WHERE status <> 'MERGED' AND referred_on IS NOT NULL;

-- The funnel by the day the case was referred: how far each day's cases have come so far.
CREATE OR REPLACE VIEW v_funnel AS
SELECT referred_on, referred_month, district,
       COUNT(*) AS referred,
       COUNT(first_contact_at) AS contacted,
       COUNT(consented_at) AS consented,
       SUM(CASE WHEN meeting_at IS NOT NULL OR indirect_at IS NOT NULL THEN 1 ELSE 0 END) AS communicated,
       COUNT(meeting_at) AS meeting,
       COUNT(indirect_at) AS indirect,
       COUNT(agreement_at) AS agreed,
       COUNT(agreement_completed_at) AS completed
FROM v_cases
GROUP BY referred_on, referred_month, district;

-- Days from referral to first contact, one row per contacted case.
CREATE OR REPLACE VIEW v_first_contact AS
SELECT case_key, referred_on, referred_month, district, days_to_first_contact
FROM v_cases
WHERE days_to_first_contact IS NOT NULL;

-- Median and 90th percentile of days to first contact, by month of referral.
CREATE OR REPLACE VIEW v_first_contact_monthly AS
SELECT referred_month, COUNT(*) AS cases,
       PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY days_to_first_contact) AS median_days,
       PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY days_to_first_contact) AS p90_days
FROM v_first_contact
GROUP BY referred_month;

-- Referrals placed in a case, and how many of them joined a case that already existed.
CREATE OR REPLACE VIEW v_duplicate_links AS
SELECT received_on, received_month, agency,
       COUNT(*) AS placed,
       SUM(CASE WHEN intake = 'LINKED_TO_CASE' THEN 1 ELSE 0 END) AS linked
FROM rpt_referrals
WHERE intake IN ('OPENED_CASE', 'LINKED_TO_CASE')
GROUP BY received_on, received_month, agency;

-- Declines and withdrawals by party and reason, by the day the case was referred.
CREATE OR REPLACE VIEW v_declines AS
SELECT c.referred_on, c.referred_month, d.party_role, d.reason, COUNT(*) AS declines
FROM rpt_case_declines d JOIN v_cases c ON c.case_key = d.case_key
GROUP BY c.referred_on, c.referred_month, d.party_role, d.reason;

-- Cases a risk assessment found unsuitable, by stage and reason.
CREATE OR REPLACE VIEW v_unsuitability AS
SELECT referred_on, referred_month, unsuitable_stage, unsuitable_reason, COUNT(*) AS cases
FROM v_cases
WHERE unsuitable_reason IS NOT NULL
GROUP BY referred_on, referred_month, unsuitable_stage, unsuitable_reason;

-- Outcome agreements: reached, completed, closed as not completed.
CREATE OR REPLACE VIEW v_agreements AS
SELECT referred_on, referred_month,
       COUNT(*) AS agreed,
       COUNT(agreement_completed_at) AS completed,
       SUM(CASE WHEN agreement_completed_at IS NULL AND closure_reason = 'AGREEMENT_NOT_COMPLETED' THEN 1 ELSE 0 END)
           AS not_completed
FROM v_cases
WHERE agreement_at IS NOT NULL
GROUP BY referred_on, referred_month;
