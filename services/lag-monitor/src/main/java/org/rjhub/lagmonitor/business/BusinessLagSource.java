package org.rjhub.lagmonitor.business;

import java.time.Instant;
import java.util.List;

/**
 * Extension point for business lag: how long cases wait, as opposed to how far consumers are behind. The services
 * that own the data (the case queues, the contact log) will implement it, e.g. by reading a state store or a
 * compacted topic; none exists yet, and the monitor reports none rather than a guess.
 * <p>
 * Give implementations to {@code LagMonitor.create(config, sources)} or {@code LagMonitorService.start(config,
 * sources)}; each poll calls {@link #read(Instant)} after the offsets, puts the readings in the snapshot
 * ({@code /lag}, {@code hub lag}) and exports them as {@code rj_business_lag_seconds{measure,queue}}. A source that
 * throws is logged and skipped for that poll.
 */
public interface BusinessLagSource {

    /** The current readings. Called from the polling thread; should answer within a fraction of the poll interval. */
    List<BusinessLag> read(Instant now);
}
