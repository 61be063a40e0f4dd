package dev.rig.core.api;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * New correlation ids: time-ordered version-7 UUIDs (48-bit Unix milliseconds, then randomness from
 * {@link ThreadLocalRandom}).
 *
 * <p>A correlation id names a call in logs and the audit log; it grants nothing, so it needs
 * uniqueness, not unpredictability. Two measured reasons for this form: {@link UUID#randomUUID()}
 * draws from a shared {@code SecureRandom} (3.5% of the gateway's CPU under load), and random ids
 * land on random pages of the audit {@code run_id} index (20.5 µs per row in 64-row commits vs 5.6 µs
 * for time-ordered ids). Approval tokens, which do grant something, keep {@code UUID.randomUUID()}.
 */
public final class CorrelationId {

    private CorrelationId() {}

    /** A new time-ordered correlation id in UUID text form. */
    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
