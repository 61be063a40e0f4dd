package dev.rig.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Generated correlation ids are valid version-7 UUIDs, unique, and ordered by time. */
class CorrelationIdTest {

    @Test
    void idsAreVersion7UuidsUniqueAndTimeOrdered() {
        Set<String> seen = new HashSet<>();
        long before = System.currentTimeMillis();
        String previous = CorrelationId.next();
        for (int i = 0; i < 10_000; i++) {
            String id = CorrelationId.next();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(7);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.getMostSignificantBits() >>> 16).isBetween(before, System.currentTimeMillis());
            assertThat(seen.add(id)).isTrue();
            // the millisecond prefix never goes backwards, so ids sort by creation time at ms granularity
            assertThat(id.substring(0, 13)).isGreaterThanOrEqualTo(previous.substring(0, 13));
            previous = id;
        }
    }
}
