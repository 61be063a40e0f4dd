package dev.rig.install;

import dev.rig.core.api.RigException;
import dev.rig.core.config.ConfigLoader;
import dev.rig.core.config.RigConfig;
import dev.rig.spi.ErrorType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Enables and disables packs in a workspace's {@code rig.yaml} by rewriting only its {@code packs:}
 * section, so the user's comments, order and layout everywhere else keep their bytes.
 *
 * <p>Every edit is proved before it is written: the old and the new text are both loaded with
 * {@link ConfigLoader}, and the new configuration must equal the old one except that {@code packs}
 * gained or lost exactly the one id. A {@code packs:} section this class cannot edit that way is
 * refused with the line to change by hand, and the file is left as it was. Writes replace the file
 * atomically and keep its line breaks.
 */
public final class RigYamlEditor {

    private static final String PACK_ID = "[a-z0-9][a-z0-9_-]{0,63}";

    /** What an edit did: whether the file changed, and one line saying so for the user. */
    public record Edit(boolean changed, String summary) {

        public Edit {
            Objects.requireNonNull(summary, "summary");
        }
    }

    private RigYamlEditor() {}

    /**
     * Makes {@code rigYaml} enable {@code packId}, adding it as the last entry of {@code packs:}.
     * Unchanged when it is enabled already, including when there is no {@code packs:} list at all.
     *
     * @throws RigException NOT_FOUND when the file does not exist; VALIDATION_ERROR when it does not
     *     load or its {@code packs:} section cannot be edited safely
     */
    public static Edit enable(Path rigYaml, String packId) {
        return edit(rigYaml, packId, true);
    }

    /**
     * Makes {@code rigYaml} stop naming {@code packId}: removes its {@code packs:} entry with the settings
     * indented under it, or its list item. Unchanged when it is not listed.
     *
     * @throws RigException NOT_FOUND when the file does not exist; VALIDATION_ERROR when it does not
     *     load or its {@code packs:} section cannot be edited safely
     */
    public static Edit disable(Path rigYaml, String packId) {
        return edit(rigYaml, packId, false);
    }

    private static Edit edit(Path rigYaml, String packId, boolean enable) {
        if (packId == null || !packId.matches(PACK_ID)) {
            throw new RigException(ErrorType.VALIDATION_ERROR, "not a pack id: '" + packId + "'",
                    "pack ids match " + PACK_ID + ", such as echo or fs");
        }
        Path file = RigYamlFile.existing(rigYaml);
        String name = file.getFileName().toString();
        String text = RigYamlFile.read(file);
        RigConfig before = ConfigLoader.load(file.getParent(), file);
        PacksSection section = PacksSection.of(text);
        Map<String, Map<String, Object>> packs = before.packs();
        if (packs == null) {
            return new Edit(false, name + " enables every installed pack ("
                    + (section.hasKey() ? "its packs: key is empty" : "no packs: key") + ")");
        }
        if (packs.containsKey(packId) == enable) {
            return new Edit(false, enable ? packId + " is already enabled in " + name
                    : name + " does not list " + packId + " under packs:");
        }
        String after;
        try {
            after = enable ? section.withPack(packId) : section.withoutPack(packId);
        } catch (TopLevelSection.UnsupportedShape e) {
            throw refusal(file, e.line(), e.getMessage(), section, packId, enable);
        }
        Map<String, Map<String, Object>> expected = new LinkedHashMap<>(packs);
        if (enable) {
            expected.put(packId, Map.of());
        } else {
            expected.remove(packId);
        }
        RigYamlFile.write(file, after, config -> sameExceptPacks(before, config, expected), () -> refusal(file,
                section.keyLine(), "the edited file would not load as the same configuration with " + packId
                        + (enable ? " added" : " removed"), section, packId, enable));
        return new Edit(true, enable ? "enabled " + packId + " in " + name : "removed " + packId + " from " + name);
    }

    /**
     * Whether {@code after} is {@code before} with {@code packs} (in this order) instead of its own, every
     * other component equal.
     */
    static boolean sameExceptPacks(RigConfig before, RigConfig after,
            Map<String, Map<String, Object>> packs) {
        return after.packs() != null && after.packs().equals(packs)
                && List.copyOf(after.packs().keySet()).equals(List.copyOf(packs.keySet()))
                && RigYamlFile.othersEqual(before, after, "packs");
    }

    private static RigException refusal(Path file, int line, String reason, PacksSection section, String packId,
            boolean enable) {
        String where = file.getFileName() + (line > 0 ? ":" + line : "");
        return new RigException(ErrorType.VALIDATION_ERROR, where + ": the packs: section has a shape RIG cannot edit"
                + " safely (" + reason + "); " + file.getFileName() + " is unchanged",
                (enable ? section.addByHand(packId) : section.removeByHand(packId)) + " in " + file + " by hand");
    }
}
