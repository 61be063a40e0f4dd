package dev.rig.install;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.api.RigException;
import dev.rig.core.files.AtomicFile;
import dev.rig.core.json.Json;
import dev.rig.spi.ErrorType;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets a pack index by URL: files are read as they are, HTTP(S) indexes through a cache.
 *
 * <p>Cache: each URL has its own pair of files in the cache directory, named by the SHA-256 of
 * the exact URL text: {@code <key>.json} holds the body, {@code <key>.meta.json} the URL, when it
 * was fetched and its ETag. A copy younger than the TTL is served without a request. Otherwise
 * the index is downloaded (with {@code If-None-Match} when an ETag is known, a 304 renewing the
 * copy); only a body that parses as a valid index replaces the copy, written to a temporary file
 * and moved into place. When the server cannot be reached or answers with an error, an expired
 * copy is served with a notice saying how old it is; without a copy the fetch fails as transient.
 *
 * <p>Thread-safe; concurrent processes sharing the directory see either the old or the new copy.
 */
public final class IndexSource {

    /** How long a downloaded index is served without asking the server again. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);

    /** How long to wait for the server to connect and to answer. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** Largest index body accepted, in bytes. */
    static final int MAX_BYTES = 8 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(IndexSource.class);
    private static final Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+://.*|file:.*", Pattern.DOTALL);

    private final Path cacheDirectory;
    private final Duration ttl;
    private final InstantSource clock;
    private final String userAgent;
    private final Duration timeout;

    /** A source with the default {@linkplain #DEFAULT_TIMEOUT timeout}. */
    public IndexSource(Path cacheDirectory, Duration ttl, InstantSource clock, String rigVersion) {
        this(cacheDirectory, ttl, clock, rigVersion, DEFAULT_TIMEOUT);
    }

    /**
     * A source.
     *
     * @param cacheDirectory where downloaded indexes are kept; created when first needed
     * @param ttl            how long a downloaded index is served without a request
     * @param clock          the time, to judge the age of cached copies
     * @param rigVersion     this RIG's version, sent as {@code User-Agent: rig/<version>}
     * @param timeout        the limit for connecting and for the answer
     */
    public IndexSource(Path cacheDirectory, Duration ttl, InstantSource clock, String rigVersion, Duration timeout) {
        this.cacheDirectory = Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.userAgent = "rig/" + Objects.requireNonNull(rigVersion, "rigVersion");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (ttl.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("ttl must be >= 0 and timeout > 0, not " + ttl + " and " + timeout);
        }
    }

    /**
     * What the user typed for {@code --index-url} as a URI: {@code http:}, {@code https:} and
     * {@code file:} URLs as they are, anything else as a file path relative to the working directory.
     *
     * @throws RigException VALIDATION_ERROR when a URL is malformed
     */
    public static URI location(String urlOrPath) {
        if (URI_SCHEME.matcher(urlOrPath).matches()) {
            try {
                return new URI(urlOrPath);
            } catch (URISyntaxException e) {
                throw new RigException(ErrorType.VALIDATION_ERROR,
                        "index URL " + urlOrPath + " is not valid: " + e.getReason() + " at index " + e.getIndex(),
                        "give an https:// URL or the path of an index file");
            }
        }
        return Path.of(urlOrPath).toAbsolutePath().normalize().toUri();
    }

    /**
     * Reads the index at {@code url}.
     *
     * @throws RigException NOT_FOUND for a missing file; VALIDATION_ERROR for an unsupported
     *                      scheme or an invalid index; TRANSIENT when an HTTP index cannot be
     *                      fetched and no copy is cached
     */
    public IndexReading fetch(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "file" -> readFile(url);
            case "http", "https" -> download(url);
            default -> throw new RigException(ErrorType.VALIDATION_ERROR,
                    "index URL " + url + " has an unsupported scheme '" + scheme + "'",
                    "give an https:// URL, an http:// URL or the path of an index file");
        };
    }

    private IndexReading readFile(URI url) {
        Path path;
        try {
            path = Path.of(url);
        } catch (IllegalArgumentException e) {
            throw new RigException(ErrorType.VALIDATION_ERROR, "index URL " + url + " is not a file path: " + e.getMessage(),
                    "give an absolute file: URL, or a plain path");
        }
        if (!Files.isRegularFile(path)) {
            throw new RigException(ErrorType.NOT_FOUND, "index file " + path + " does not exist or is not a file",
                    "check the path given to --index-url");
        }
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new RigException(ErrorType.VALIDATION_ERROR, "index file " + path + " is not UTF-8 text",
                    "save the index as UTF-8 JSON");
        } catch (IOException e) {
            throw new RigException(ErrorType.PERMISSION_ERROR, "cannot read index file " + path + ": " + e,
                    "check that the file is readable");
        }
        return new IndexReading(PackIndex.parse(text, path.toString()), url.toString(), clock.instant(), false, null);
    }

    private IndexReading download(URI url) {
        String key = key(url.toString());
        CachedIndex cached = readCache(url.toString(), key);
        Instant now = clock.instant();
        if (cached != null && !now.isBefore(cached.fetchedAt()) && now.isBefore(cached.fetchedAt().plus(ttl))) {
            LOG.debug("index {} served from the cache, fetched at {}", url, cached.fetchedAt());
            return new IndexReading(cached.index(), url.toString(), cached.fetchedAt(), true, null);
        }
        Answer answer;
        try {
            answer = get(url, cached == null ? null : cached.etag());
        } catch (IOException e) {
            return fallback(url, cached, reason(url, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RigException(ErrorType.TRANSIENT, "interrupted while fetching index " + url, e);
        }
        if (answer.status() == 304 && cached != null && cached.etag() != null) {
            writeCache(url.toString(), key, null, now, cached.etag());
            LOG.debug("index {} not modified since {}", url, cached.fetchedAt());
            return new IndexReading(cached.index(), url.toString(), now, true, null);
        }
        if (answer.status() != 200) {
            return fallback(url, cached, "HTTP " + answer.status());
        }
        PackIndex index = parseBody(url, answer.body(), cached, now);
        writeCache(url.toString(), key, answer.body(), now, answer.etag());
        LOG.debug("index {} downloaded, {} packs", url, index.packs().size());
        return new IndexReading(index, url.toString(), now, false, null);
    }

    private PackIndex parseBody(URI url, byte[] body, CachedIndex cached, Instant now) {
        try {
            if (body.length > MAX_BYTES) {
                throw new RigException(ErrorType.VALIDATION_ERROR,
                        "index " + url + " is larger than " + MAX_BYTES / (1024 * 1024) + " MiB",
                        "check the URL points at a pack index");
            }
            return PackIndex.parse(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString(),
                    url.toString());
        } catch (CharacterCodingException e) {
            throw new RigException(ErrorType.VALIDATION_ERROR, "index " + url + " is not UTF-8 text",
                    "check the URL points at a pack index");
        } catch (RigException e) {
            if (cached == null) {
                throw e;
            }
            String[] hints = new String[e.hints().size() + 1];
            e.hints().toArray(hints);
            hints[hints.length - 1] = "the copy cached " + age(cached.fetchedAt(), now) + " (" + cached.fetchedAt()
                    + ") was kept";
            throw new RigException(e.type(), e.getMessage(), e, hints);
        }
    }

    private IndexReading fallback(URI url, CachedIndex cached, String reason) {
        if (cached == null) {
            throw new RigException(ErrorType.TRANSIENT, "cannot fetch index " + url + ": " + reason,
                    "check the URL and the network connection, then try again",
                    "or use an index file: --index-url /path/to/index.json");
        }
        Instant now = clock.instant();
        String notice = "index " + url + " unreachable (" + reason + "); using the copy cached "
                + age(cached.fetchedAt(), now) + " (" + cached.fetchedAt() + ")";
        LOG.debug(notice);
        return new IndexReading(cached.index(), url.toString(), cached.fetchedAt(), true, notice);
    }

    /** An HTTP answer: the status, and for 200 the body and its ETag. */
    private record Answer(int status, byte[] body, String etag) {}

    private Answer get(URI url, String etag) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", userAgent);
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    return new Answer(response.statusCode(), null, null);
                }
                return new Answer(200, body.readNBytes(MAX_BYTES + 1), response.headers().firstValue("ETag").orElse(null));
            }
        } finally {
            http.shutdownNow();
        }
    }

    private String reason(URI url, IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "unknown host " + url.getHost();
            }
        }
        String limit = timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + limit;
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + limit;
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** How long ago {@code then} was, in the largest whole unit: "3 days ago". */
    static String age(Instant then, Instant now) {
        Duration age = Duration.between(then, now);
        if (age.toDays() >= 1) {
            return plural(age.toDays(), "day") + " ago";
        }
        if (age.toHours() >= 1) {
            return plural(age.toHours(), "hour") + " ago";
        }
        if (age.toMinutes() >= 1) {
            return plural(age.toMinutes(), "minute") + " ago";
        }
        return "less than a minute ago";
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    /** The cache key of a URL: SHA-256 of its exact text, in hex. */
    static String key(String url) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** A copy of an index read back from the cache. */
    private record CachedIndex(PackIndex index, Instant fetchedAt, String etag) {}

    private CachedIndex readCache(String url, String key) {
        Path body = cacheDirectory.resolve(key + ".json");
        Path meta = cacheDirectory.resolve(key + ".meta.json");
        if (!Files.isRegularFile(body) || !Files.isRegularFile(meta)) {
            return null;
        }
        try {
            JsonNode info = Json.parse(Files.readString(meta, StandardCharsets.UTF_8));
            if (!url.equals(info.path("url").asText(null))) {
                LOG.warn("index cache {} belongs to another URL; ignoring it", meta);
                return null;
            }
            Instant fetchedAt = Instant.parse(info.path("fetched_at").asText());
            String etag = info.path("etag").isTextual() ? info.path("etag").asText() : null;
            PackIndex index = PackIndex.parse(Files.readString(body, StandardCharsets.UTF_8), url);
            return new CachedIndex(index, fetchedAt, etag);
        } catch (IOException | RuntimeException e) {
            LOG.warn("index cache {} is unreadable ({}); ignoring it", body, e.getMessage());
            return null;
        }
    }

    /** Stores a fetched index; {@code body} null keeps the cached body and renews its metadata. */
    private void writeCache(String url, String key, byte[] body, Instant fetchedAt, String etag) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("url", url);
        meta.put("fetched_at", fetchedAt.toString());
        if (etag != null) {
            meta.put("etag", etag);
        }
        try {
            Files.createDirectories(cacheDirectory);
            if (body != null) {
                AtomicFile.write(cacheDirectory.resolve(key + ".json"), body);
            }
            AtomicFile.write(cacheDirectory.resolve(key + ".meta.json"),
                    Json.write(meta).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("cannot cache index {} in {}: {}", url, cacheDirectory, e.toString());
        }
    }
}
