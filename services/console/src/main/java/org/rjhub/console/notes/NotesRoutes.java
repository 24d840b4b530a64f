package org.rjhub.console.notes;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.rjhub.console.caseapi.CaseApi;
import org.rjhub.console.caseapi.CaseModels.CaseDetail;
import org.rjhub.console.session.Session;
import org.rjhub.console.web.Frame;
import org.rjhub.console.web.Pages;
import org.rjhub.console.web.Requests;

/**
 * Case notes: free text a facilitator or coordinator writes on a case, listed on the case page. The form is one
 * question; a note is checked (not empty, at most {@value #MAX_CHARACTERS} characters) before the case API is asked,
 * and the API decides who may write on which case (its 403 is a 403 page). The note's id is made when the form is
 * shown, so a second submit of the same note is written once. A note never goes to an agency or into the reporting
 * facts: the case service keeps it apart from the case's events.
 */
public final class NotesRoutes {

    /** The longest note, as the case API takes it. */
    public static final int MAX_CHARACTERS = 2000;

    private final CaseApi api;
    private final Pages pages;

    public NotesRoutes(CaseApi api, Pages pages) {
        this.api = api;
        this.pages = pages;
    }

    public void register(Javalin app) {
        app.get("/cases/{caseId}/notes/new", this::form);
        app.post("/cases/{caseId}/notes", this::add);
    }

    /** Everything the note form shows: the case, the note's id, what was written, and what is wrong with it. */
    public record NoteForm(CaseDetail c, String noteId, String text, Map<String, String> errors) {

        public String action() {
            return "/cases/" + c.caseId() + "/notes";
        }
    }

    private static Session writer(Context ctx) {
        Session s = Requests.session(ctx);
        if (!s.facilitator() && !s.coordinator()) {
            throw new Requests.Forbidden("your role reads cases but writes no notes");
        }
        return s;
    }

    private void form(Context ctx) {
        Session s = writer(ctx);
        CaseDetail c = api.get(s.accessToken(), ctx.pathParam("caseId"));
        render(ctx, s, 200, new NoteForm(c, UUID.randomUUID().toString(), "", Map.of()));
    }

    private void add(Context ctx) {
        Session s = writer(ctx);
        CaseDetail c = api.get(s.accessToken(), ctx.pathParam("caseId"));
        String noteId = Optional.ofNullable(ctx.formParam("noteId"))
                .filter(id -> id.matches("[A-Za-z0-9-]{1,64}"))
                .orElse(UUID.randomUUID().toString());
        String text = Optional.ofNullable(ctx.formParam("note")).orElse("");
        Map<String, String> errors = check(text);
        if (errors.isEmpty()) {
            api.addNote(s.accessToken(), c.caseId(), noteId, text.strip())
                    .ifPresent(refused -> errors.put("note", "The case service refused the note: " + refused));
        }
        if (!errors.isEmpty()) {
            render(ctx, s, 400, new NoteForm(c, noteId, text, errors));
            return;
        }
        pages.render(ctx, "note-added.jte", "frame", Frame.of("Note added", s, null), "c", c);
    }

    /** What is wrong with a note, by field (GOV.UK's wording); empty when nothing is. */
    static Map<String, String> check(String text) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (text.isBlank()) {
            errors.put("note", "Enter the note");
        } else if (text.strip().length() > MAX_CHARACTERS) {
            errors.put("note", "The note must be " + String.format("%,d", MAX_CHARACTERS) + " characters or fewer");
        }
        return errors;
    }

    private void render(Context ctx, Session s, int status, NoteForm form) {
        pages.render(
                ctx,
                status,
                "note-form.jte",
                "frame",
                Frame.of("Add a note", s, null).withErrors(!form.errors().isEmpty()),
                "f",
                form);
    }
}
