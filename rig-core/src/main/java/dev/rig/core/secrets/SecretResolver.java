package dev.rig.core.secrets;

import dev.rig.spi.ErrorType;
import dev.rig.spi.Secrets;
import dev.rig.spi.ToolException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a tool's auth slots for one tenant: {@code <TENANT>__<SLOT>} first, then {@code <SLOT>},
 * each looked up in the environment and then in the secrets file.
 *
 * <p>The tenant prefix is the tenant id upper-cased with every character outside
 * {@code A-Z0-9} turned into {@code _} ({@code acme-eu} → {@code ACME_EU__STRIPE_API_KEY}).
 */
public final class SecretResolver {

    private final List<SecretSource> sources;
    private final String fileProblem;

    /** Sources in lookup order; {@code fileProblem} is why the secrets file was refused, or null. */
    public SecretResolver(List<SecretSource> sources, String fileProblem) {
        this.sources = List.copyOf(sources);
        this.fileProblem = fileProblem;
    }

    /** The resolution of one call: the values and the markers naming where each came from. */
    public record Resolution(Secrets secrets, String marker) {}

    /**
     * The values of {@code slots} for {@code tenantId}.
     *
     * @throws ToolException {@code auth_error} naming the first slot that has no value
     */
    public Resolution resolve(List<String> slots, String tenantId) throws ToolException {
        if (slots.isEmpty()) {
            return new Resolution(Secrets.none(), null);
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> markers = new ArrayList<>();
        String prefix = tenantPrefix(tenantId);
        for (String slot : slots) {
            Optional<Found> found = find(prefix + slot).or(() -> find(slot));
            if (found.isEmpty()) {
                ToolException.Builder error = ToolException.builder(ErrorType.AUTH_ERROR,
                                "secret " + slot + " is not set for tenant " + tenantId)
                        .hint("set " + slot + " (or " + prefix + slot + " for this tenant only) in the environment"
                                + " or in .rig/secrets.env");
                if (fileProblem != null) {
                    error.hint(fileProblem);
                }
                throw error.build();
            }
            values.put(slot, found.get().value());
            markers.add(found.get().source() + ":" + found.get().name());
        }
        return new Resolution(Secrets.of(values), String.join(",", markers));
    }

    /** Why the secrets file is not used, if it is refused. */
    public Optional<String> fileProblem() {
        return Optional.ofNullable(fileProblem);
    }

    private Optional<Found> find(String name) {
        for (SecretSource source : sources) {
            Optional<String> value = source.get(name);
            if (value.isPresent()) {
                return Optional.of(new Found(source.label(), name, value.get()));
            }
        }
        return Optional.empty();
    }

    static String tenantPrefix(String tenantId) {
        return tenantId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "__";
    }

    private record Found(String source, String name, String value) {
        @Override
        public String toString() {
            return "Found[" + source + ":" + name + "]";
        }
    }
}
