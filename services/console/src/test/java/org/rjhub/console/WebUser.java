package org.rjhub.console;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A user of the console without a browser or JavaScript: an HTTP client with a cookie jar that signs in through the
 * identity provider's page, reads pages with jsoup and submits their forms as a browser would.
 */
final class WebUser {

    final CookieManager cookies = new CookieManager();
    final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private final ConsoleFixture fixture;

    /** A page as answered: status, final URI, the document. */
    record Page(int status, URI uri, Document doc, HttpResponse<String> response) {
        String heading() {
            return doc.selectFirst("h1") == null ? "" : doc.selectFirst("h1").text();
        }

        String text() {
            return doc.body().text();
        }

        Element form(String actionEnd) {
            return doc.select("form").stream()
                    .filter(f -> f.attr("action").endsWith(actionEnd))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no form posting to ..." + actionEnd + " on " + uri));
        }
    }

    WebUser(ConsoleFixture fixture) {
        this.fixture = fixture;
    }

    /** Signs in as {@code user} by the identity provider's sign-in page (authorisation code with PKCE). */
    static WebUser signedIn(ConsoleFixture fixture, String user) throws Exception {
        WebUser u = new WebUser(fixture);
        Page idpPage = u.get("/login");
        Element form = idpPage.doc.selectFirst("form");
        Map<String, String> values = new LinkedHashMap<>();
        form.select("input[type=hidden]").forEach(i -> values.put(i.attr("name"), i.val()));
        values.put("username", user);
        Page landed = u.send(
                "POST",
                idpPage.uri.resolve(form.attr("action").isEmpty() ? idpPage.uri.getPath() : form.attr("action")),
                values);
        if (landed.status != 200 || landed.uri.toString().contains("/rj-dev/")) {
            throw new AssertionError("sign-in as " + user + " failed: " + landed.status + " " + landed.uri);
        }
        return u;
    }

    Page get(String path) throws Exception {
        return send("GET", URI.create(fixture.url(path)), null);
    }

    /** Submits {@code form} (its hidden and checked fields as they are) with {@code answers} on top. */
    Page submit(Element form, Map<String, String> answers) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        for (Element in : form.select("input, select, textarea")) {
            String name = in.attr("name");
            if (name.isEmpty()) {
                continue;
            }
            String type = in.attr("type");
            if ((type.equals("radio") || type.equals("checkbox")) && !in.hasAttr("checked")) {
                continue;
            }
            if (in.tagName().equals("select")) {
                Element sel = in.selectFirst("option[selected]");
                values.put(name, sel == null ? "" : sel.val());
            } else {
                values.put(name, in.val());
            }
        }
        values.putAll(answers);
        return post(form.attr("action"), values);
    }

    Page post(String path, Map<String, String> values) throws Exception {
        return send("POST", URI.create(fixture.url(path)), values);
    }

    String csrf() throws Exception {
        return get("/").doc.select("input[name=csrf]").val();
    }

    HttpCookie sessionCookie() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("rj_console_session"))
                .findFirst()
                .orElse(null);
    }

    private Page send(String method, URI uri, Map<String, String> form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        if (form != null) {
            String body = form.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            b.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Page(r.statusCode(), r.uri(), Jsoup.parse(r.body(), r.uri().toString()), r);
    }
}
