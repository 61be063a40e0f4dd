package dev.rig.pack.twilio;

import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.Tool;
import java.util.List;

/** The {@code twilio} pack: SMS, voice calls and Verify through the official Twilio Java SDK. */
public final class TwilioPack implements Pack {

    static final String VERSION = "0.1.0";

    @Override
    public String id() {
        return "twilio";
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public String description() {
        return "Sends SMS, places and looks up voice calls, and runs Twilio Verify one-time codes,"
                + " with a Twilio client built per call from TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.";
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code base_url}, {@code verify_base_url}, {@code default_from}
     *     or {@code messaging_service_sid} is invalid; the message names the key
     */
    @Override
    public List<Tool> tools(PackEnvironment environment) {
        TwilioConnector twilio = new TwilioConnector(TwilioSettings.from(environment));
        return List.of(
                new SendSmsTool(twilio),
                new CreateCallTool(twilio),
                new CallStatusTool(twilio),
                new StartVerificationTool(twilio),
                new CheckVerificationTool(twilio));
    }
}
