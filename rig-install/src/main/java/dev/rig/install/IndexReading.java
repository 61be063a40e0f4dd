package dev.rig.install;

import java.time.Instant;
import java.util.Objects;

/**
 * A pack index as {@link IndexSource} obtained it.
 *
 * @param index     the parsed index, never null
 * @param url       the URL asked for, exactly as given
 * @param fetchedAt when this content was last read from its source (for a stale cached copy, in the past)
 * @param fromCache whether the content was served from the local cache rather than downloaded now
 * @param notice    null, or one sentence for stderr when a stale copy stands in for an unreachable index
 */
public record IndexReading(PackIndex index, String url, Instant fetchedAt, boolean fromCache, String notice) {

    public IndexReading {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }
}
