package dev.rig.pack.google;

import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Service-account credentials built from the {@code GOOGLE_CREDENTIALS_JSON} secret, kept per
 * (key, scope, impersonated user) so that a call reuses the access token of the calls before it.
 *
 * <p>The cache belongs to one pack instance (one registry snapshot) and is keyed by the sha256 of
 * the key's JSON, so tenants with different keys never share credentials. The auth library's own
 * retries of the token request are switched off: the gateway's retry is the only one. Nothing of
 * the key is ever put in a message; the service account's email (an identity, not a secret) is.
 */
final class ServiceAccounts {

    static final String SLOT = "GOOGLE_CREDENTIALS_JSON";

    private static final int MAX_CACHED = 64;
    private static final String KEY_HINT = "put the whole JSON key file of a service account in " + SLOT
            + " (Google Cloud console > IAM & Admin > Service accounts > Keys > Add key > JSON), not a path to it";

    private final HttpTransportFactory transports;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, ServiceAccountCredentials> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ServiceAccountCredentials> eldest) {
            return size() > MAX_CACHED;
        }
    };

    ServiceAccounts(HttpTransportFactory transports) {
        this.transports = transports;
    }

    /**
     * The credentials of the key {@code json} for {@code scope}, acting as {@code subject} when it is
     * not null (domain-wide delegation).
     *
     * @throws ToolException {@code auth_error} naming {@link #SLOT} when the key cannot be used
     */
    ServiceAccountCredentials credentials(String json, String scope, String subject) throws ToolException {
        String cacheKey = sha256(json) + " " + scope + " " + (subject == null ? "" : subject);
        lock.lock();
        try {
            ServiceAccountCredentials cached = cache.get(cacheKey);
            if (cached != null) {
                return cached;
            }
        } finally {
            lock.unlock();
        }
        ServiceAccountCredentials built = build(json, scope, subject);
        lock.lock();
        try {
            ServiceAccountCredentials raced = cache.putIfAbsent(cacheKey, built);
            return raced != null ? raced : built;
        } finally {
            lock.unlock();
        }
    }

    private ServiceAccountCredentials build(String json, String scope, String subject) throws ToolException {
        check(json);
        ServiceAccountCredentials key;
        try {
            key = ServiceAccountCredentials.fromStream(
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), transports);
        } catch (IOException | RuntimeException e) {
            // The library's messages are about fields, but a parse error could quote the input: never pass it on.
            throw unusable("its private_key is not an RSA key in PKCS#8 PEM form (-----BEGIN PRIVATE KEY-----)");
        }
        return key.toBuilder()
                .setScopes(List.of(scope))
                .setServiceAccountUser(subject)
                .setHttpTransportFactory(transports)
                .setDefaultRetriesEnabled(false)
                .build();
    }

    /** Checks the key's shape first, so the caller learns which field is wrong without seeing any value. */
    private static void check(String json) throws ToolException {
        JsonObject key;
        try {
            JsonElement parsed = JsonParser.parseString(json);
            if (!parsed.isJsonObject()) {
                throw unusable("it is not a JSON object");
            }
            key = parsed.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw unusable("it is not valid JSON");
        }
        String type = text(key, "type");
        if (!"service_account".equals(type)) {
            String named = type != null && type.matches("[a-z_]{1,40}") ? "'" + type + "'" : "no type";
            throw unusable("it is a key of " + named + ", not 'service_account'");
        }
        List<String> missing = new ArrayList<>();
        for (String field : List.of("client_email", "client_id", "private_key", "private_key_id")) {
            if (text(key, field) == null) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw unusable("it lacks " + String.join(", ", missing));
        }
        String tokenUri = text(key, "token_uri");
        if (tokenUri != null) {
            try {
                URI uri = new URI(tokenUri);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw unusable("its token_uri is not an absolute URL");
                }
            } catch (URISyntaxException e) {
                throw unusable("its token_uri is not a URL");
            }
        }
    }

    private static String text(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value != null && value.isJsonPrimitive() && !value.getAsString().isBlank() ? value.getAsString() : null;
    }

    private static ToolException unusable(String why) {
        return ToolException.builder(ErrorType.AUTH_ERROR, SLOT + " is not a usable service-account key: " + why)
                .hint(KEY_HINT)
                .build();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
