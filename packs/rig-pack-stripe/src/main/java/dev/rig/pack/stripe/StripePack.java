package dev.rig.pack.stripe;

import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.Tool;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;

/** The {@code stripe} pack: customers, invoices, payment links, refunds and subscriptions through stripe-java. */
public final class StripePack implements Pack {

    /** Where requests go unless {@code packs.stripe.base_url} says otherwise. */
    static final String DEFAULT_BASE_URL = "https://api.stripe.com";

    @Override
    public String id() {
        return "stripe";
    }

    @Override
    public String version() {
        return "0.1.0";
    }

    @Override
    public String description() {
        return "Stripe customers, invoices, payment links, refunds and subscriptions; every write carries an"
                + " idempotency key, so a retried call never charges twice.";
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code base_url} is not an https URL (or http on a loopback host)
     */
    @Override
    public List<Tool> tools(PackEnvironment environment) {
        StripeApi api = new StripeApi(baseUrl(environment.setting("base_url", DEFAULT_BASE_URL)));
        return List.of(
                new CreateCustomerTool(api),
                new SearchCustomersTool(api),
                new CreateInvoiceTool(api),
                new CreateInvoiceItemTool(api),
                new CreatePaymentLinkTool(api),
                new CreateRefundTool(api),
                new CreateSubscriptionTool(api),
                new CancelSubscriptionTool(api));
    }

    /** The API base URL without a trailing slash; plain http only for loopback hosts (a local stub). */
    static String baseUrl(String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("base_url: '" + value + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("base_url: expected an absolute https URL such as "
                    + DEFAULT_BASE_URL + ", got '" + value + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("base_url: '" + value + "' must not carry user info, a query or a fragment");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("base_url: plain http is allowed only on a loopback host (a local"
                    + " stub); use https for '" + uri.getHost() + "' so the API key is not sent in the clear");
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name other than localhost: never resolved here
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
