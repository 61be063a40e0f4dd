package dev.rig.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rig.core.api.RigException;
import dev.rig.spi.ErrorType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorMappingTest {

    @ParameterizedTest
    @CsvSource({
        "VALIDATION_ERROR, 400", "AUTH_ERROR, 401", "PERMISSION_ERROR, 403", "NOT_FOUND, 404", "CONFLICT, 409",
        "RATE_LIMITED, 429", "TRANSIENT, 503", "TIMEOUT, 504", "UPSTREAM_ERROR, 502", "POLICY_BLOCKED, 403",
        "APPROVAL_REQUIRED, 403", "INTERNAL_ERROR, 500",
    })
    void mapsEachTypeToAStatus(ErrorType type, int status) {
        assertThat(ErrorMapping.status(new RigException(type, "m"))).isEqualTo(status);
    }

    @ParameterizedTest
    @EnumSource(ErrorType.class)
    void everyTypeHasAStatus(ErrorType type) {
        assertThat(ErrorMapping.status(new RigException(type, "m"))).isBetween(400, 599);
    }

    @ParameterizedTest
    @CsvSource({"approval_expired, 410", "body_too_large, 413", "method_not_allowed, 405", "unheard_of, 404"})
    void aReasonIsFinerThanItsType(String reason, int status) {
        assertThat(ErrorMapping.status(RigException.withReason(ErrorType.NOT_FOUND, reason, "m"))).isEqualTo(status);
    }

    @ParameterizedTest
    @CsvSource({"echo:call, echo, call", "fs.read_file:call, fs.read_file, call", "a:b:call, a:b, call"})
    void anActionPathSplitsOnItsLastColon(String segment, String subject, String action) {
        assertThat(ActionPath.parse(segment)).isEqualTo(new ActionPath(subject, action));
    }

    @org.junit.jupiter.api.Test
    void anActionPathWithoutAColonHasNoAction() {
        assertThat(ActionPath.parse("echo").action()).isNull();
    }
}
