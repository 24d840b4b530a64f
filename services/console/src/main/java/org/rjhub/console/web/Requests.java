package org.rjhub.console.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rjhub.console.session.Session;

/** The signed-in user of a request (set by the console's session filter) and its form values. */
public final class Requests {

    /** The request attribute holding the signed-in user's session. */
    public static final String ATTRIBUTE = "rj.console.session";

    private Requests() {}

    public static Session session(Context ctx) {
        Session s = ctx.attribute(ATTRIBUTE);
        if (s == null) {
            throw new Forbidden("sign in first");
        }
        return s;
    }

    /** The form's values, one per name, without the CSRF token. */
    public static Map<String, String> form(Context ctx) {
        Map<String, String> values = new LinkedHashMap<>();
        ctx.formParamMap().forEach((k, v) -> {
            if (!k.equals(Security.CSRF_FIELD) && !k.equals("change") && !v.isEmpty()) {
                values.put(k, v.get(0));
            }
        });
        return values;
    }

    /** A request the user's roles do not allow: a 403 page. */
    public static final class Forbidden extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Forbidden(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Something the user asked for that does not exist: a 404 page. */
    public static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NotFound(String reason) {
            super(reason, null, false, false);
        }
    }
}
