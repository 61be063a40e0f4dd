package dev.rig.spi;

import java.util.Locale;

/** How important a message a tool reports during a call is: the syslog levels MCP also uses. */
public enum LogLevel {
    DEBUG,
    INFO,
    NOTICE,
    WARNING,
    ERROR,
    CRITICAL,
    ALERT,
    EMERGENCY;

    /** The lower-case name, as on the wire ({@code "warning"}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
