package dev.rig.server;

import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One DEBUG line per request: method, path, status, duration and correlation id; never bodies or other headers. */
final class RequestLog implements RequestLogger {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);

    @Override
    public void handle(Context ctx, Float durationMs) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("http request: method={} path={} status={} duration_ms={} correlation_id={}",
                    ctx.method(), ctx.path(), ctx.statusCode(), Math.round(durationMs), RgpHeaders.correlationId(ctx));
        }
    }
}
