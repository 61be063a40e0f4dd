package dev.rig.install;

import dev.rig.core.api.RigException;
import dev.rig.spi.ErrorType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A pack index: the catalog of packs {@code rig install} can find by id, parsed and checked once.
 *
 * <p>The JSON is the original RIG's format plus a {@code java} object per entry:
 * <pre>{@code
 * {"api_version": 1, "generated_at": "2026-11-20T00:00:00Z",
 *  "packs": {"echo": {"display_name": "Echo", "description": "...", "homepage": "https://...", "tags": ["test"],
 *                     "java": {"groupId": "dev.rig", "artifactId": "rig-pack-echo", "version": "0.1.0",
 *                              "min_rig": "0.1.0"}}}}
 * }</pre>
 * An entry may also name an npm pack, {@code "node": {"package": "@rig/pack-github", "version": "0.1.0",
 * "min_rig": "0.1.0"}} ({@code rig install <id> --runtime node}). Fields this version does not know
 * ({@code python}, ...) are ignored.
 *
 * @param origin      where the index came from (URL, path or resource), used in messages
 * @param apiVersion  format version, always {@value #API_VERSION} for now
 * @param generatedAt when the index was generated, or null when it does not say
 * @param packs       the entries by id, sorted by id
 */
public record PackIndex(String origin, int apiVersion, Instant generatedAt, Map<String, IndexEntry> packs) {

    /** The only index format version this RIG reads. */
    public static final int API_VERSION = 1;

    /** The class-path resource of the index shipped with RIG. */
    public static final String BUNDLED_RESOURCE = "/dev/rig/install/default-index.json";

    public PackIndex {
        Objects.requireNonNull(origin, "origin");
        packs = Collections.unmodifiableSortedMap(new TreeMap<>(packs));
        packs.forEach((id, entry) -> {
            if (!id.equals(entry.id())) {
                throw new IllegalArgumentException("entry " + entry.id() + " is filed under id " + id);
            }
        });
    }

    /**
     * Parses and checks index JSON.
     *
     * @param origin where {@code json} came from, named in every error
     * @throws RigException VALIDATION_ERROR naming the origin, the JSON path and the fix
     */
    public static PackIndex parse(String json, String origin) {
        return new IndexParser(origin).parse(json);
    }

    /** The index shipped inside RIG, for when no other index is configured or reachable. */
    public static PackIndex bundled() {
        try (InputStream in = PackIndex.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new RigException(ErrorType.INTERNAL_ERROR,
                        "the bundled pack index " + BUNDLED_RESOURCE + " is missing from the class path",
                        "reinstall RIG, or pass --index-url");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + BUNDLED_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entry for a pack id, if the index lists it. */
    public Optional<IndexEntry> entry(String id) {
        return Optional.ofNullable(packs.get(id));
    }

    /**
     * The entry for a pack id.
     *
     * @throws RigException NOT_FOUND when the index does not list {@code id}
     */
    public IndexEntry require(String id) {
        IndexEntry entry = packs.get(id);
        if (entry == null) {
            throw new RigException(ErrorType.NOT_FOUND, "pack " + id + " is not in index " + origin,
                    "see the packs it lists: rig packs --available",
                    "or point --index-url at an index that has it");
        }
        return entry;
    }
}
