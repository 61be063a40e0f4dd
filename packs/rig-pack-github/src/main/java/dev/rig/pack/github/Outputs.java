package dev.rig.pack.github;

import java.net.URL;
import java.util.Locale;
import org.kohsuke.github.GHIssue;

/** Reads the fields of github-api objects that GitHub may leave out, as null instead of a failure. */
final class Outputs {

    private Outputs() {
    }

    /** The web page of an issue or pull request ({@code html_url}), or null. */
    static String url(URL url) {
        return url == null ? null : url.toString();
    }

    /** {@code open} or {@code closed}, or null when GitHub sent no state. */
    static String state(GHIssue issue) {
        try {
            return issue.getState().name().toLowerCase(Locale.ROOT);
        } catch (NullPointerException | IllegalArgumentException e) {
            // github-api parses the state without a null check
            return null;
        }
    }
}
