package dev.rig.core.secrets;

import java.util.Map;
import java.util.Optional;

/** Where secret values come from, by name: the environment or the secrets file. */
public record SecretSource(String label, Map<String, String> values) {

    public SecretSource {
        values = Map.copyOf(values);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    @Override
    public String toString() {
        return "SecretSource[" + label + ", " + values.size() + " values]";
    }
}
