package dev.rig.core.policy;

import java.util.regex.Pattern;

/** A tool-name pattern where {@code *} matches any run of characters ({@code stripe.*}, {@code *.delete_*}). */
public record Glob(String text, Pattern pattern) {

    public static Glob of(String text) {
        String[] parts = text.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            if (!parts[i].isEmpty()) {
                regex.append(Pattern.quote(parts[i]));
            }
        }
        return new Glob(text, Pattern.compile(regex.toString()));
    }

    public boolean matches(String name) {
        return pattern.matcher(name).matches();
    }

    /** Longer patterns with fewer wildcards are more specific. */
    int specificity() {
        return text.replace("*", "").length();
    }
}
