package dev.rig.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every pack maps an upstream's HTTP errors the same way, and reads Retry-After the same way. */
class HttpStatusMappingTest {

    @ParameterizedTest
    @CsvSource({"400,VALIDATION_ERROR,false", "422,VALIDATION_ERROR,false", "401,AUTH_ERROR,false",
        "403,PERMISSION_ERROR,false", "404,NOT_FOUND,false", "410,NOT_FOUND,false", "409,CONFLICT,false",
        "429,RATE_LIMITED,true", "500,TRANSIENT,true", "502,TRANSIENT,true", "503,TRANSIENT,true",
        "408,TRANSIENT,true", "418,UPSTREAM_ERROR,false"})
    void statusesMapToTheRtpTaxonomy(int status, ErrorType type, boolean retryable) {
        ToolException e = ToolException.forHttpStatus(status, "vendor said no").build();
        assertThat(e.type()).isEqualTo(type);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.getMessage()).isEqualTo("vendor said no");
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDate() {
        assertThat(ToolException.forHttpStatus(429, "slow down").retryAfterHeader("7").build().retryAfter())
                .isEqualTo(Duration.ofSeconds(7));
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        assertThat(ToolException.forHttpStatus(429, "slow down").retryAfterHeader(inAMinute).build().retryAfter())
                .isBetween(Duration.ofSeconds(50), Duration.ofSeconds(61));
        assertThat(ToolException.forHttpStatus(429, "slow down").retryAfterHeader("soon").build().retryAfter())
                .isNull();
        assertThat(ToolException.forHttpStatus(429, "slow down").retryAfterHeader(null).build().retryAfter())
                .isNull();
    }
}
