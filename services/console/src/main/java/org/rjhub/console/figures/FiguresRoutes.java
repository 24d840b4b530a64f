package org.rjhub.console.figures;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.rjhub.console.caseapi.CaseApi;
import org.rjhub.console.caseapi.CaseModels.CaseSummary;
import org.rjhub.console.casework.Words;
import org.rjhub.console.session.Session;
import org.rjhub.console.web.Frame;
import org.rjhub.console.web.Pages;
import org.rjhub.console.web.Requests;

/**
 * The manager's headline figures, from the case API (every case, read only): open and closed cases, unassigned,
 * overdue actions, escalations, cases by stage and by queue; and a link to the HTML report when one is configured.
 */
public final class FiguresRoutes {

    private final CaseApi api;
    private final Pages pages;
    private final String reportUrl;

    public FiguresRoutes(CaseApi api, Pages pages, String reportUrl) {
        this.api = api;
        this.pages = pages;
        this.reportUrl = reportUrl;
    }

    public void register(Javalin app) {
        app.get("/figures", this::figures);
    }

    /** A figure: its words and its number. */
    public record Figure(String label, long value) {}

    private void figures(Context ctx) {
        Session s = Requests.session(ctx);
        if (!s.manager()) {
            throw new Requests.Forbidden("the figures are for managers");
        }
        List<CaseSummary> all = api.list(s.accessToken(), Map.of("status", "ALL"));
        List<CaseSummary> open = all.stream().filter(CaseSummary::open).toList();
        List<Figure> headline = List.of(
                new Figure("Open cases", open.size()),
                new Figure(
                        "Closed cases",
                        all.stream().filter(c -> "CLOSED".equals(c.status())).count()),
                new Figure(
                        "Open cases not yet allocated",
                        open.stream().filter(c -> c.facilitator() == null).count()),
                new Figure(
                        "Cases with overdue agreed actions",
                        open.stream().filter(c -> c.overdueActions() > 0).count()),
                new Figure(
                        "Cases escalated",
                        open.stream().filter(c -> !c.escalations().isEmpty()).count()),
                new Figure(
                        "Referrals in these cases",
                        all.stream().mapToLong(CaseSummary::referrals).sum()));
        pages.render(
                ctx,
                "figures.jte",
                "frame",
                Frame.of("Headline figures", s, "figures"),
                "headline",
                headline,
                "byStage",
                count(open, c -> Words.of(c.stage())),
                "byQueue",
                count(open, c -> Words.of(c.queue())),
                "reportUrl",
                reportUrl);
    }

    private static List<Figure> count(List<CaseSummary> cases, Function<CaseSummary, String> key) {
        return cases.stream()
                .collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()))
                .entrySet()
                .stream()
                .map(e -> new Figure(e.getKey(), e.getValue()))
                .toList();
    }
}
