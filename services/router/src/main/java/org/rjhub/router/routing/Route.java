package org.rjhub.router.routing;

/**
 * Where a case goes.
 *
 * @param queue  the facilitator queue, or null when held
 * @param held   true while the case awaits sentence
 * @param rule   which rule decided (for the queue item and operations)
 */
public record Route(String queue, boolean held, String rule) {

    public static Route to(String queue, String rule) {
        return new Route(queue, false, rule);
    }

    public static Route hold() {
        return new Route(null, true, "awaiting-court");
    }
}
