package dev.rig.pack.airtable;

import dev.rig.spi.PackEnvironment;
import java.net.URI;
import java.net.URISyntaxException;

/** The {@code packs.airtable} settings: the root of the Airtable Web API the pack calls. */
record AirtableSettings(String baseUrl) {

    static final String DEFAULT_BASE_URL = "https://api.airtable.com";

    AirtableSettings {
        baseUrl = checkBaseUrl(baseUrl);
    }

    /** Reads {@code base_url}, defaulting to {@value #DEFAULT_BASE_URL}. */
    static AirtableSettings from(PackEnvironment environment) {
        return new AirtableSettings(environment.setting("base_url", DEFAULT_BASE_URL).strip());
    }

    /** An http(s) URL with a host and no query, without trailing slashes. */
    private static String checkBaseUrl(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("base_url: not a URL: " + e.getMessage(), e);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("base_url: expected an http(s) URL such as " + DEFAULT_BASE_URL
                    + ", got '" + value + "'");
        }
        return value.replaceAll("/+$", "");
    }
}
