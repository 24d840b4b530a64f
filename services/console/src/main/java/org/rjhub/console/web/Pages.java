package org.rjhub.console.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders the precompiled jte templates (HTML-escaped by content type) into responses. */
public final class Pages {

    private final TemplateEngine engine =
            TemplateEngine.createPrecompiled(null, ContentType.Html, null, "org.rjhub.console.templates");

    /** Renders {@code template} with {@code params} (name, value, name, value ...) as the response, with {@code status}. */
    public void render(Context ctx, int status, String template, Object... params) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            map.put((String) params[i], params[i + 1]);
        }
        StringOutput out = new StringOutput();
        engine.render(template, map, out);
        ctx.status(status).contentType("text/html; charset=utf-8").result(out.toString());
    }

    public void render(Context ctx, String template, Object... params) {
        render(ctx, 200, template, params);
    }
}
