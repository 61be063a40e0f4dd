package dev.rig.pack.notion;

import dev.rig.spi.PackEnvironment;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * The {@code packs.notion} settings: the API root the pack calls and the {@code Notion-Version} it
 * sends with every request.
 *
 * <p>The default version is 2022-06-28, the version whose shapes the tools expose: from 2025-09-03
 * on, Notion moved database queries to {@code /v1/data_sources/{id}/query} and page parents to
 * {@code data_source_id}, which {@code notion.databases.query} does not call.
 */
record NotionSettings(String baseUrl, String notionVersion) {

    static final String DEFAULT_BASE_URL = "https://api.notion.com";
    static final String DEFAULT_VERSION = "2022-06-28";

    private static final Pattern VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    NotionSettings {
        baseUrl = checkBaseUrl(baseUrl);
        if (!VERSION.matcher(notionVersion).matches()) {
            throw new IllegalArgumentException("notion_version: expected a date such as " + DEFAULT_VERSION
                    + ", got '" + notionVersion + "'");
        }
    }

    /** Reads {@code base_url} and {@code notion_version}, each with its default. */
    static NotionSettings from(PackEnvironment environment) {
        return new NotionSettings(environment.setting("base_url", DEFAULT_BASE_URL).strip(),
                environment.setting("notion_version", DEFAULT_VERSION).strip());
    }

    /** An http(s) URL with a host and no query, without its trailing slash. */
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
