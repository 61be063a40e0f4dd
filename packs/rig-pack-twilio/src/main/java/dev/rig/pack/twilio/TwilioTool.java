package dev.rig.pack.twilio;

import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import dev.rig.spi.ErrorType;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.Map;

/** A Twilio tool: opens a client for the call's credentials, runs one SDK request, maps its failure. */
abstract class TwilioTool implements Tool {

    private final TwilioConnector twilio;
    private final ToolDef definition;

    TwilioTool(TwilioConnector twilio, ToolDef definition) {
        this.twilio = twilio;
        this.definition = definition;
    }

    @Override
    public final ToolDef definition() {
        return definition;
    }

    @Override
    public final Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        TwilioSession session = twilio.open(call);
        try {
            return run(call, session.client(), twilio.settings());
        } catch (TwilioException e) {
            throw session.failure(e, this);
        }
    }

    /** Runs the call with a client for its credentials; SDK exceptions are mapped by the caller. */
    abstract Map<String, Object> run(ToolCall call, TwilioRestClient client, TwilioSettings settings)
            throws ToolException;

    /** What the tool does, to complete "Twilio refused to ...": {@code "send the SMS"}. */
    abstract String action();

    /** What to check when Twilio answers 404. */
    abstract String notFoundHint();

    /**
     * The SID of what Twilio created or found: it is always in a success answer, so its absence means
     * an answer this pack cannot trust (and what was asked may have happened).
     */
    final String sid(String sid) throws ToolException {
        if (sid == null || sid.isBlank()) {
            throw ToolException.builder(ErrorType.UPSTREAM_ERROR,
                            "Twilio's answer to " + action() + " carried no SID")
                    .hint("the request may have taken effect: check the Twilio Console before trying again")
                    .build();
        }
        return sid;
    }
}
