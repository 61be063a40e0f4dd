package dev.rig.core.pipeline;

import dev.rig.core.secrets.SecretResolver;
import dev.rig.spi.ToolException;

/** {@code secrets}: resolves the tool's auth slots for the call's tenant. */
final class SecretsStage implements Stage {

    private final SecretResolver resolver;

    SecretsStage(SecretResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public String name() {
        return "secrets";
    }

    @Override
    public Call apply(Call call) throws CallFailure {
        try {
            SecretResolver.Resolution resolution = resolver.resolve(call.tool().definition().authSlots(),
                    call.context().tenantId());
            return call.withSecrets(resolution.secrets(), resolution.marker());
        } catch (ToolException e) {
            throw CallFailure.from(e);
        }
    }
}
