package org.rjhub.console.web;

import org.rjhub.console.session.Session;

/**
 * What every page's layout needs: its title, who is signed in (null when nobody), which navigation item is current,
 * and whether the title says there are errors (GOV.UK: "Error: " before the title).
 */
public record Frame(String title, Session session, String current, boolean errors) {

    public static Frame of(String title, Session session, String current) {
        return new Frame(title, session, current, false);
    }

    public Frame withErrors(boolean errors) {
        return new Frame(title, session, current, errors);
    }

    /** The page's {@code <title>}. */
    public String fullTitle() {
        return (errors ? "Error: " : "") + title + " - RJ Hub console";
    }

    public String csrf() {
        return session == null ? "" : session.csrf();
    }
}
