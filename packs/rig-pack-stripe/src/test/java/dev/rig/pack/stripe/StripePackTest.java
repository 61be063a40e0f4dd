package dev.rig.pack.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolDef;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The stripe pack: discovery, its settings and the shape of its tools. */
class StripePackTest {

    private static Map<String, ToolDef> definitions() {
        return new StripePack().tools(new PackEnvironment(Map.of(), Path.of("."))).stream()
                .map(Tool::definition).collect(Collectors.toMap(ToolDef::name, Function.identity()));
    }

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(Pack.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(StripePack.class);
    }

    @Test
    void keepsTheOriginalsToolsAndRiskClasses() {
        Map<String, RiskClass> risks = definitions().values().stream()
                .collect(Collectors.toMap(ToolDef::name, ToolDef::riskClass));

        assertThat(risks).containsExactlyInAnyOrderEntriesOf(Map.of(
                "stripe.customers.create", RiskClass.WRITE,
                "stripe.customers.search", RiskClass.READ,
                "stripe.invoices.create", RiskClass.MONEY,
                "stripe.invoice_items.create", RiskClass.MONEY,
                "stripe.payment_links.create", RiskClass.MONEY,
                "stripe.refunds.create", RiskClass.MONEY,
                "stripe.subscriptions.create", RiskClass.MONEY,
                "stripe.subscriptions.cancel", RiskClass.MONEY));
    }

    @Test
    void everyWriteIsIdempotentBecauseItSendsAnIdempotencyKey() {
        assertThat(definitions().values())
                .filteredOn(definition -> definition.riskClass() != RiskClass.READ)
                .hasSize(7)
                .allSatisfy(definition -> assertThat(definition.idempotent()).as(definition.name()).isTrue());
    }

    @Test
    void everyToolNeedsTheApiKeyAndHasStrictInputs() {
        assertThat(definitions().values()).allSatisfy(definition -> {
            assertThat(definition.authSlots()).containsExactly("STRIPE_API_KEY");
            assertThat(definition.inputSchema()).contains("\"additionalProperties\": false");
            assertThat(definition.outputSchema()).contains("\"additionalProperties\": false");
            assertThat(definition.examples()).isNotEmpty();
        });
    }

    @Test
    void declaresTheOutputsStripeMayLeaveNullAsNullable() {
        Map<String, ToolDef> definitions = definitions();
        assertThat(definitions.get("stripe.customers.create").outputSchema())
                .contains("\"email\": {\"type\": [\"string\", \"null\"]}", "\"name\": {\"type\": [\"string\", \"null\"]}");
        assertThat(definitions.get("stripe.subscriptions.create").outputSchema())
                .contains("\"current_period_end\": {\"type\": [\"integer\", \"null\"]");
        assertThat(definitions.get("stripe.invoices.create").outputSchema()).contains("\"status\": {\"type\": [\"string\", \"null\"]");
        assertThat(definitions.get("stripe.refunds.create").outputSchema()).contains("\"status\": {\"type\": [\"string\", \"null\"]");
    }

    @Test
    void talksToApiStripeComByDefault() {
        assertThat(StripePack.baseUrl(StripePack.DEFAULT_BASE_URL)).isEqualTo("https://api.stripe.com");
    }

    @ParameterizedTest
    @CsvSource({
            "https://stripe-proxy.example.com/, https://stripe-proxy.example.com",
            "https://gw.example.com/stripe//, https://gw.example.com/stripe",
            "http://localhost:12111, http://localhost:12111",
            "http://127.0.0.1:8080/, http://127.0.0.1:8080",
            "'http://[::1]:8080', 'http://[::1]:8080'"})
    void acceptsHttpsAndLoopbackHttpBaseUrls(String setting, String expected) {
        assertThat(StripePack.baseUrl(setting)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.stripe.com", "ftp://api.stripe.com", "http://api.stripe.com", "http://10.0.0.7:8080",
            "https://api.stripe.com/?x=1", "https://user:pw@api.stripe.com", "https://exa mple.com"})
    void refusesOtherBaseUrlsNamingTheSetting(String setting) {
        Pack pack = new StripePack();
        assertThatThrownBy(() -> pack.tools(new PackEnvironment(Map.of("base_url", setting), Path.of("."))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("base_url: ");
    }

    @Test
    void describesItselfAndKeepsItsVersionInStepWithThePom() {
        Pack pack = new StripePack();
        assertThat(pack.id()).isEqualTo("stripe");
        assertThat(pack.version()).isEqualTo("0.1.0");
        assertThat(pack.description()).contains("idempotency key");
        assertThat(definitions()).hasSize(8);
        assertThat(List.copyOf(definitions().keySet())).allMatch(name -> name.startsWith("stripe."));
    }
}
