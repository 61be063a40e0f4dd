package dev.rig.pack.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.rig.spi.CallContext;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.Secrets;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Credentials, Twilio answers (as the API reference documents them) and call helpers for the tests. */
final class TwilioFixtures {

    static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    static final String AUTH_TOKEN = "test-auth-token-5f1c";
    static final String BASIC_AUTH = "Basic " + Base64.getEncoder()
            .encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.US_ASCII));
    static final Map<String, String> SECRETS = Map.of(
            "TWILIO_ACCOUNT_SID", ACCOUNT_SID, "TWILIO_AUTH_TOKEN", AUTH_TOKEN);

    static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
    static final String CALLS_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Calls.json";
    static final String CALL_SID = "CAe1644a7eed5088b159577c5802d8be38";
    static final String CALL_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Calls/" + CALL_SID + ".json";
    static final String SERVICE_SID = "VAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String VERIFICATIONS_PATH = "/v2/Services/" + SERVICE_SID + "/Verifications";
    static final String VERIFICATION_CHECK_PATH = "/v2/Services/" + SERVICE_SID + "/VerificationCheck";
    static final String MESSAGING_SERVICE_SID = "MG9752274e9e519418a7406176694466fa";

    private TwilioFixtures() {
    }

    /** A Message resource as Twilio answers a create (201). */
    static String message(String sid, String status, String to, String from) {
        return """
                {"account_sid": "%s", "api_version": "2010-04-01", "body": "Your order has shipped.",
                 "date_created": "Thu, 24 Aug 2023 05:01:45 +0000", "date_sent": null,
                 "date_updated": "Thu, 24 Aug 2023 05:01:45 +0000", "direction": "outbound-api",
                 "error_code": null, "error_message": null, "from": %s, "messaging_service_sid": null,
                 "num_media": "0", "num_segments": "1", "price": null, "price_unit": "USD",
                 "sid": "%s", "status": "%s", "subresource_uris": {"media": "/2010-04-01/Accounts/%s/Messages/%s/Media.json"},
                 "to": "%s", "uri": "/2010-04-01/Accounts/%s/Messages/%s.json"}"""
                .formatted(ACCOUNT_SID, from == null ? "null" : "\"" + from + "\"", sid, status, ACCOUNT_SID, sid, to,
                        ACCOUNT_SID, sid);
    }

    /** A Call resource as Twilio answers a create or a fetch. */
    static String callResource(String status, String duration) {
        return """
                {"account_sid": "%s", "answered_by": null, "api_version": "2010-04-01", "caller_name": null,
                 "date_created": "Tue, 31 Aug 2010 20:36:28 +0000", "date_updated": "Tue, 31 Aug 2010 20:36:44 +0000",
                 "direction": "outbound-api", "duration": %s, "end_time": null, "forwarded_from": null,
                 "from": "+15017122661", "from_formatted": "(501) 712-2661", "group_sid": null,
                 "parent_call_sid": null, "phone_number_sid": "PNe2d8e63b37f46f2adb16f228afdb9058",
                 "price": null, "price_unit": "USD", "queue_time": "0", "sid": "%s", "start_time": null,
                 "status": "%s", "subresource_uris": {}, "to": "+15558675310", "to_formatted": "(555) 867-5310",
                 "trunk_sid": null, "uri": "/2010-04-01/Accounts/%s/Calls/%s.json"}"""
                .formatted(ACCOUNT_SID, duration == null ? "null" : "\"" + duration + "\"", CALL_SID, status,
                        ACCOUNT_SID, CALL_SID);
    }

    /** A Verification resource as Verify answers a create (201). */
    static String verification(String to, String channel) {
        return """
                {"sid": "VE0123456789abcdef0123456789abcdef", "service_sid": "%s", "account_sid": "%s",
                 "to": "%s", "channel": "%s", "status": "pending", "valid": false,
                 "date_created": "2015-07-30T20:00:00Z", "date_updated": "2015-07-30T20:00:00Z", "lookup": {},
                 "amount": null, "payee": null,
                 "send_code_attempts": [{"time": "2015-07-30T20:00:00Z", "channel": "SMS", "attempt_sid": "VL0123456789abcdef0123456789abcdef"}],
                 "sna": null, "url": "https://verify.twilio.com/v2/Services/%s/Verifications/VE0123456789abcdef0123456789abcdef"}"""
                .formatted(SERVICE_SID, ACCOUNT_SID, to, channel, SERVICE_SID);
    }

    /** A VerificationCheck resource as Verify answers a check (200). */
    static String verificationCheck(String status, boolean valid) {
        return """
                {"sid": "VE0123456789abcdef0123456789abcdef", "service_sid": "%s", "account_sid": "%s",
                 "to": "+15558675310", "channel": "sms", "status": "%s", "valid": %s, "amount": null,
                 "payee": null, "sna_attempts_error_codes": [],
                 "date_created": "2015-07-30T20:00:00Z", "date_updated": "2015-07-30T20:00:00Z"}"""
                .formatted(SERVICE_SID, ACCOUNT_SID, status, valid);
    }

    /** Twilio's error answer: {@code {code, message, more_info, status}}. */
    static ResponseDefinitionBuilder twilioError(int status, int code, String message) {
        return json(status, """
                {"code": %d, "message": "%s", "more_info": "https://www.twilio.com/docs/errors/%d", "status": %d}"""
                .formatted(code, message, code, status));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** The tool named {@code name} of a pack configured with {@code settings}. */
    static Tool tool(String name, Map<String, Object> settings) {
        return new TwilioPack().tools(new PackEnvironment(settings, Path.of("."))).stream()
                .filter(tool -> tool.definition().name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    static Map<String, Object> settings(String baseUrl) {
        return Map.of("base_url", baseUrl, "verify_base_url", baseUrl);
    }

    static ToolCall call(String tool, Map<String, Object> args) {
        return call(tool, args, SECRETS);
    }

    static ToolCall call(String tool, Map<String, Object> args, Map<String, String> secrets) {
        return new ToolCall(tool, args, new CallContext(CallContext.DEFAULT_TENANT, "req-1", "tester"), "corr-1",
                "rig-corr-1", Secrets.of(secrets), Instant.now().plusSeconds(30), 1);
    }

    /** The form fields of a logged request, decoded. */
    static Map<String, String> form(LoggedRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }
}
