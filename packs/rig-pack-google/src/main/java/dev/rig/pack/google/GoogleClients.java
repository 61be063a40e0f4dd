package dev.rig.pack.google;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.drive.Drive;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.sheets.v4.Sheets;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Runs one Google API request for a call: credentials from the call's secret, an access token,
 * a client of the generated SDK pointed at the configured root URL, and errors mapped.
 *
 * <p>Every request has google-http-client's retries switched off ({@code numberOfRetries = 0}, no
 * back-off handler), so a failed attempt reaches the gateway, whose retry policy is the only one.
 * Clients are cheap views over one shared transport and are built per call; nothing is global.
 */
final class GoogleClients {

    static final String APPLICATION_NAME = "rig-pack-google/" + GooglePack.VERSION;

    private final GoogleSettings settings;
    private final DeadlineTransport transport = new DeadlineTransport(Duration.ofSeconds(10));
    private final JsonFactory json = GsonFactory.getDefaultInstance();
    private final ServiceAccounts accounts = new ServiceAccounts(() -> transport);

    GoogleClients(GoogleSettings settings) {
        this.settings = settings;
    }

    /** One request against a client of the SDK. */
    interface Request<C, T> {
        T run(C client) throws IOException;
    }

    <T> T sheets(ToolCall call, Request<Sheets, T> request) throws ToolException, InterruptedException {
        return execute(call, GoogleApi.SHEETS, settings.sheetsRootUrl(), auth -> request.run(
                new Sheets.Builder(transport, json, auth).setRootUrl(settings.sheetsRootUrl())
                        .setApplicationName(APPLICATION_NAME).build()));
    }

    <T> T drive(ToolCall call, Request<Drive, T> request) throws ToolException, InterruptedException {
        return execute(call, GoogleApi.DRIVE, settings.driveRootUrl(), auth -> request.run(
                new Drive.Builder(transport, json, auth).setRootUrl(settings.driveRootUrl())
                        .setApplicationName(APPLICATION_NAME).build()));
    }

    <T> T gmail(ToolCall call, Request<Gmail, T> request) throws ToolException, InterruptedException {
        return execute(call, GoogleApi.GMAIL, settings.gmailRootUrl(), auth -> request.run(
                new Gmail.Builder(transport, json, auth).setRootUrl(settings.gmailRootUrl())
                        .setApplicationName(APPLICATION_NAME).build()));
    }

    private <T> T execute(ToolCall call, GoogleApi api, String rootUrl, Request<HttpRequestInitializer, T> request)
            throws ToolException, InterruptedException {
        String subject = api == GoogleApi.GMAIL ? settings.impersonate() : null;
        ServiceAccountCredentials credentials =
                accounts.credentials(call.secrets().require(ServiceAccounts.SLOT), api.scope(), subject);
        try {
            return DeadlineTransport.within(call.deadline(), () -> {
                try {
                    credentials.refreshIfExpired();
                } catch (IOException e) {
                    throw new TokenFailure(e);
                }
                return request.run(initializer(credentials));
            });
        } catch (TokenFailure failure) {
            throw tokenFailure(failure.getCause(), credentials);
        } catch (HttpResponseException e) {
            throw GoogleErrors.api(api, e.getStatusCode(), e.getContent(),
                    e.getHeaders().getFirstHeaderStringValue("Retry-After"), credentials);
        } catch (IOException e) {
            stopIfInterrupted();
            throw GoogleErrors.network(api.label(), URI.create(rootUrl).getAuthority(), e);
        }
    }

    private static HttpRequestInitializer initializer(ServiceAccountCredentials credentials) {
        HttpCredentialsAdapter adapter = new HttpCredentialsAdapter(credentials);
        return request -> {
            adapter.initialize(request);
            request.setNumberOfRetries(0);
            request.setIOExceptionHandler(null);
        };
    }

    private static ToolException tokenFailure(Throwable failure, ServiceAccountCredentials credentials)
            throws InterruptedException {
        stopIfInterrupted();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpResponseException answer) {
                return GoogleErrors.token(answer.getStatusCode(), answer.getContent(),
                        answer.getHeaders().getFirstHeaderStringValue("Retry-After"), credentials);
            }
        }
        IOException network = failure instanceof IOException io ? io : new IOException(failure);
        URI tokenUri = credentials.getTokenServerUri();
        String host = tokenUri == null ? "oauth2.googleapis.com" : tokenUri.getAuthority();
        return GoogleErrors.network("Google's token endpoint", host, network);
    }

    private static void stopIfInterrupted() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("the call was cancelled or ran out of time");
        }
    }

    /** Carries a failure to get an access token out of the request, apart from the API's own errors. */
    private static final class TokenFailure extends IOException {
        private static final long serialVersionUID = 1L;

        TokenFailure(IOException cause) {
            super(cause);
        }
    }
}
