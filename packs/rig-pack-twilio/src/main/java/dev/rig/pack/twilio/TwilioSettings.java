package dev.rig.pack.twilio;

import dev.rig.spi.PackEnvironment;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * The {@code packs.twilio} section of rig.yaml, read once per snapshot.
 *
 * @param apiBase where requests for {@code api.twilio.com} go (setting {@code base_url})
 * @param verifyBase where requests for {@code verify.twilio.com} go (setting {@code verify_base_url})
 * @param defaultFrom the sender of SMS and calls that name no {@code from}, or null
 * @param messagingServiceSid the Messaging Service every SMS is sent through, or null
 */
record TwilioSettings(URI apiBase, URI verifyBase, String defaultFrom, String messagingServiceSid) {

    static final String DEFAULT_BASE_URL = "https://api.twilio.com";
    static final String DEFAULT_VERIFY_BASE_URL = "https://verify.twilio.com";

    private static final Pattern MESSAGING_SERVICE_SID = Pattern.compile("MG[0-9a-fA-F]{32}");

    /** Reads and checks the settings; an invalid one fails with its key named. */
    static TwilioSettings from(PackEnvironment environment) {
        URI api = base(environment, "base_url", DEFAULT_BASE_URL, "/2010-04-01");
        URI verify = base(environment, "verify_base_url", DEFAULT_VERIFY_BASE_URL, "/v2");
        String from = optional(environment, "default_from");
        if (from != null && from.length() > 256) {
            throw new IllegalArgumentException("default_from: expected a sender of at most 256 characters");
        }
        String service = optional(environment, "messaging_service_sid");
        if (service != null && !MESSAGING_SERVICE_SID.matcher(service).matches()) {
            throw new IllegalArgumentException(
                    "messaging_service_sid: expected MG followed by 32 hex digits, got '" + service + "'");
        }
        return new TwilioSettings(api, verify, from, service);
    }

    private static URI base(PackEnvironment environment, String key, String fallback, String versionPath) {
        String text = environment.setting(key, fallback).strip();
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key + ": not a URL: " + e.getMessage());
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(key + ": expected an http(s) URL such as " + fallback + ", got '"
                    + text + "'");
        }
        if (uri.getRawPath() != null && uri.getRawPath().endsWith(versionPath)) {
            throw new IllegalArgumentException(key + ": leave out " + versionPath
                    + " (the Twilio SDK adds the API version to every path), got '" + text + "'");
        }
        return uri;
    }

    private static String optional(PackEnvironment environment, String key) {
        String value = environment.setting(key, null);
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(key + ": must not be blank; remove it instead");
        }
        return value.strip();
    }
}
