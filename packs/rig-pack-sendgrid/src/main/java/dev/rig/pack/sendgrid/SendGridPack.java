package dev.rig.pack.sendgrid;

import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.Tool;
import java.util.List;

/** The {@code sendgrid} pack: transactional email and template lookups through the official sendgrid-java SDK. */
public final class SendGridPack implements Pack {

    static final String VERSION = "0.1.0";

    @Override
    public String id() {
        return "sendgrid";
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public String description() {
        return "Sends email and lists transactional templates with Twilio SendGrid, with a SendGrid client built"
                + " per call from SENDGRID_API_KEY.";
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code base_url} is invalid; the message names the key
     */
    @Override
    public List<Tool> tools(PackEnvironment environment) {
        SendGridConnector sendGrid = new SendGridConnector(SendGridConnector.baseUrl(environment));
        return List.of(new SendEmailTool(sendGrid), new ListTemplatesTool(sendGrid));
    }
}
