package dev.rig.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a point in time: an ISO-8601 instant, or an age before now ({@code 15m}, {@code 2h}, {@code 7d}). */
final class TimeArgument implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        String text = value.strip();
        if (text.matches("\\d+[smhd]")) {
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            Duration age = switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return Instant.now().minus(age);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value
                    + "' is neither an instant such as 2026-01-31T12:00:00Z nor an age such as 15m, 2h or 7d");
        }
    }
}
