package dev.rig.core.registry;

import dev.rig.spi.Tool;
import java.util.Objects;
import java.util.Optional;

/**
 * A tool that can be unusable for a while for reasons outside the policy: a mounted MCP server's tool
 * whose definition changed since it was pinned, or a new tool nobody enabled. The snapshot builder
 * asks each time it builds; a blocked tool stays in the snapshot and its calls are refused
 * {@code policy_blocked} with the block's remedy.
 */
public interface BlockableTool extends Tool {

    /** Why the tool may not be called now, or empty when it may. Quick: no I/O. */
    Optional<Block> block();

    /**
     * Why a tool is blocked ({@code reason} completes "tool X is blocked by ...") and what unblocks it;
     * {@code awaitsReview} is true when an operator has something to look at (a changed or new tool), false
     * when the block is the operator's own choice (a tool left disabled), which is then no problem to report.
     */
    record Block(String reason, String remedy, boolean awaitsReview) {

        public Block {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(remedy, "remedy");
        }

        /** A block an operator has to review. */
        public Block(String reason, String remedy) {
            this(reason, remedy, true);
        }
    }
}
