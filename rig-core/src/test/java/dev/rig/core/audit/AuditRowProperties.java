package dev.rig.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The stored form of an audit row's time: the hand-written timestamp must equal the pattern it
 * replaces for every instant, and the event an append returns must be the one a read gives back.
 */
class AuditRowProperties {

    private static final DateTimeFormatter PATTERN =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Property(tries = 2000)
    void timestampTextIsTheMillisecondPatternInUtc(@ForAll("instants") Instant instant) {
        String text = AuditRow.timestamp(instant);

        assertThat(text).isEqualTo(PATTERN.format(instant));
        assertThat(Instant.parse(text)).isEqualTo(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    @Property(tries = 500)
    void theReturnedEventIsTheStoredOne(@ForAll("instants") Instant instant) {
        AuditEvent event = new AuditEvent(instant, "acme", "ann", "run-1", "echo", "ab", "{\"q\":\"\\\"\"}",
                Outcome.OK, 3, null, "env:KEY", "echo", "0.1.0", "cd", null, "bob");

        assertThat(AuditRow.stored(event)).isEqualTo(AuditRow.of(9, event).toEvent());
    }

    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Instant> anyTime = Arbitraries.longs()
                .between(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("9999-12-31T23:59:59Z").getEpochSecond())
                .flatMap(seconds -> Arbitraries.integers().between(0, 999_999_999)
                        .map(nanos -> Instant.ofEpochSecond(seconds, nanos)));
        Arbitrary<Instant> edges = Arbitraries.of(Instant.EPOCH, Instant.parse("1999-12-31T23:59:59.999999999Z"),
                Instant.parse("2000-02-29T12:00:00.001Z"), Instant.parse("2026-11-25T20:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999Z"), Instant.parse("0000-01-01T00:00:00Z"));
        Arbitrary<Instant> outOfRange = Arbitraries.of(Instant.parse("+10000-01-01T00:00:00.5Z"),
                Instant.parse("-0001-06-01T00:00:00Z"));
        return Arbitraries.frequencyOf(
                Tuple.of(8, anyTime), Tuple.of(2, edges), Tuple.of(1, outOfRange));
    }
}
