package dev.rig.core.registry;

/**
 * Why a pack (or one of its tools) was skipped: the pack, where it came from, and what is wrong,
 * with the field at fault in the message.
 */
public record PackProblem(String packId, String source, String message) {

    @Override
    public String toString() {
        return "pack " + packId + " (" + source + "): " + message;
    }
}
