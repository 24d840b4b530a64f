package org.rjhub.simulator;

import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.schemas.Contracts;
import org.rjhub.schemas.Contracts.Contract;

/** A referring agency, bound to its topic contract. */
public enum Agency {

    POLICE(Contracts.POLICE_REFERRALS, SourceAgency.POLICE, "police.json"),
    PROBATION(Contracts.PROBATION_REFERRALS, SourceAgency.PROBATION, "probation.json"),
    VICTIM_SUPPORT(Contracts.VICTIM_SUPPORT_REFERRALS, SourceAgency.VICTIM_SUPPORT, "victimsupport.json");

    private final Contract contract;
    private final SourceAgency sourceAgency;
    private final String fileName;

    Agency(Contract contract, SourceAgency sourceAgency, String fileName) {
        this.contract = contract;
        this.sourceAgency = sourceAgency;
        this.fileName = fileName;
    }

    /** The topic contract: topic, subject, value class and schema. */
    public Contract contract() {
        return contract;
    }

    /** The agency's topic, e.g. {@code police.referrals.v1}. */
    public String topic() {
        return contract.topic();
    }

    /** The value field that is also the Kafka key: {@code referralId} or {@code vsCaseId}. */
    public String idField() {
        return contract.keyField();
    }

    /** The same agency in the hub's contracts. */
    public SourceAgency sourceAgency() {
        return sourceAgency;
    }

    /** Conventional file name of the agency's JSON file, e.g. {@code police.json}. */
    public String fileName() {
        return fileName;
    }
}
