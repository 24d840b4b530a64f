package org.rjhub.dlq;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Lets the operator change a file: their {@code $VISUAL} or {@code $EDITOR} ({@code vi} if neither is set). */
@FunctionalInterface
interface Editor {

    /** Returns when the operator is done with {@code file}. */
    void edit(Path file) throws IOException, InterruptedException;

    static Editor fromEnvironment(Map<String, String> env) {
        String command = firstSet(env.get("VISUAL"), env.get("EDITOR"), "vi");
        return file -> {
            // through the shell, so that EDITOR may carry arguments, e.g. "code --wait"
            Process p = new ProcessBuilder("sh", "-c", command + " \"$1\"", "editor", file.toString())
                    .inheritIO()
                    .start();
            int code = p.waitFor();
            if (code != 0) {
                throw new DlqException("the editor (" + command + ") exited with code " + code + ": nothing replayed");
            }
        };
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        throw new IllegalStateException("no default");
    }
}
