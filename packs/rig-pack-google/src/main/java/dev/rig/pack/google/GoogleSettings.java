package dev.rig.pack.google;

import dev.rig.spi.PackEnvironment;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code packs.google} settings: one root URL per Google host and the Workspace user Gmail
 * calls act as.
 *
 * <p>{@code base_url}, when set, is the root of all three APIs (a proxy, or a test stub); the
 * per-host settings win over it. Every root ends with {@code /}, as the generated clients expect.
 */
record GoogleSettings(String sheetsRootUrl, String driveRootUrl, String gmailRootUrl, String impersonate) {

    static final String SHEETS_DEFAULT = "https://sheets.googleapis.com/";
    static final String DRIVE_DEFAULT = "https://www.googleapis.com/";
    static final String GMAIL_DEFAULT = "https://gmail.googleapis.com/";

    private static final Set<String> KEYS = Set.of(
            "base_url", "sheets_base_url", "drive_base_url", "gmail_base_url", "impersonate");

    /**
     * Reads and checks the settings.
     *
     * @throws IllegalArgumentException naming the key at fault
     */
    static GoogleSettings from(PackEnvironment environment) {
        Set<String> unknown = new TreeSet<>(environment.settings().keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown setting(s) " + unknown + " in packs.google; known: "
                    + new TreeSet<>(KEYS));
        }
        String common = environment.setting("base_url", null);
        String sheets = rootUrl(environment, "sheets_base_url", common, SHEETS_DEFAULT);
        String drive = rootUrl(environment, "drive_base_url", common, DRIVE_DEFAULT);
        String gmail = rootUrl(environment, "gmail_base_url", common, GMAIL_DEFAULT);
        return new GoogleSettings(sheets, drive, gmail, impersonate(environment.setting("impersonate", null)));
    }

    private static String rootUrl(PackEnvironment environment, String key, String common, String fallback) {
        String own = environment.setting(key, null);
        String chosen = own != null ? own : common != null ? common : fallback;
        String named = own != null || common == null ? key : "base_url";
        URI uri;
        try {
            uri = new URI(chosen.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(named + " is not a URL: " + e.getReason());
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(named + " must be an absolute http(s) URL such as " + fallback
                    + ", got '" + chosen + "'");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException(named + " must not have a query or fragment, got '" + chosen + "'");
        }
        String text = uri.toString();
        return text.endsWith("/") ? text : text + "/";
    }

    private static String impersonate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String email = value.strip();
        if (!email.matches("[^@\\s]+@[^@\\s]+")) {
            throw new IllegalArgumentException("impersonate must be the email address of a Workspace user, got '"
                    + email + "'");
        }
        return email;
    }
}
