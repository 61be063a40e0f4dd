package dev.rig.core.snapshot;

import dev.rig.core.registry.Snapshot;
import dev.rig.spi.CallContext;
import java.util.Objects;

/**
 * Which snapshot a new call runs on: the active one, or, for {@code basisPoints}/10 000 of tenants, the
 * canary. A tenant always lands on the same side while a canary is on trial (a hash of its id, salted
 * with the canary's id so that each canary tries other tenants); its calls never mix the two tool sets.
 */
public record Routing(Snapshot active, Snapshot canary, int basisPoints, CanaryWatch watch) {

    public Routing {
        Objects.requireNonNull(active, "active");
        if (canary != null && (basisPoints < 1 || basisPoints > 10_000 || watch == null)) {
            throw new IllegalArgumentException("a canary needs 1..10000 basis points and a watch");
        }
    }

    /** Every call on {@code active}. */
    public static Routing of(Snapshot active) {
        return new Routing(active, null, 0, null);
    }

    /** The snapshot a call of {@code tenantId} (null: the default tenant) runs on. */
    public Snapshot route(String tenantId) {
        if (canary == null) {
            return active;
        }
        return bucket(tenantId == null ? CallContext.DEFAULT_TENANT : tenantId, canary.id().hashCode()) < basisPoints
                ? canary : active;
    }

    /** The tenant's place in 0..9999, stable for a salt. */
    static int bucket(String tenantId, int salt) {
        int h = tenantId.hashCode() ^ salt;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return Math.floorMod(h, 10_000);
    }
}
