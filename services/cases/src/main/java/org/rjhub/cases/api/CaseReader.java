package org.rjhub.cases.api;

import java.util.List;
import java.util.Optional;
import org.rjhub.cases.lifecycle.CaseState;

/** Where the API reads cases: the service's own state store (interactive queries), or a fake in tests. */
public interface CaseReader {

    Optional<CaseState> get(String caseId);

    /** Every case this instance holds. */
    List<CaseState> all();

    /** True once the state can be queried. */
    boolean ready();
}
