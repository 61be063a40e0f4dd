package dev.rig.server;

/**
 * The last path segment of an RGP action route, {@code <subject>:<action>}
 * ({@code fs.read_file:call}, {@code <token>:approve}), split on its last colon.
 *
 * <p>Javalin path parameters take a whole segment, so routes match {@code /v1/tools/{target}} and
 * split here; tool names may hold dots but never a colon. {@code action} is null without a colon.
 */
record ActionPath(String subject, String action) {

    static ActionPath parse(String segment) {
        int colon = segment.lastIndexOf(':');
        return colon < 0
                ? new ActionPath(segment, null)
                : new ActionPath(segment.substring(0, colon), segment.substring(colon + 1));
    }

    boolean is(String expected) {
        return expected.equals(action);
    }
}
