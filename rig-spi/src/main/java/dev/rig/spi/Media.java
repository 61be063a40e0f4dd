package dev.rig.spi;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Binary output (an image, audio) in a tool's JSON output: an object
 * {@code {"content_type": "image/png", "data_base64": "...", "bytes": 1234}}.
 *
 * <p>Put it in the output under any field name and declare that field with {@link #SCHEMA}; the MCP
 * export also sends every such object whose content type is {@code image/*} or {@code audio/*} as an
 * MCP image or audio content block, so clients can show or play it.
 */
public final class Media {

    public static final String CONTENT_TYPE = "content_type";
    public static final String DATA_BASE64 = "data_base64";
    public static final String BYTES = "bytes";

    /** The JSON Schema of a media object, for output schemas. */
    public static final String SCHEMA = """
            {"type": "object", "required": ["content_type", "data_base64", "bytes"],
             "properties": {"content_type": {"type": "string"}, "data_base64": {"type": "string"},
                            "bytes": {"type": "integer", "minimum": 0}},
             "additionalProperties": false}""";

    private Media() {}

    /** A media object holding {@code data} of type {@code contentType} (such as {@code audio/mpeg}). */
    public static Map<String, Object> of(String contentType, byte[] data) {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(data, "data");
        Map<String, Object> media = new LinkedHashMap<>();
        media.put(CONTENT_TYPE, contentType);
        media.put(DATA_BASE64, Base64.getEncoder().encodeToString(data));
        media.put(BYTES, data.length);
        return media;
    }

    /** Whether {@code value} is a media object (as parsed JSON or as built by {@link #of}). */
    public static boolean is(Object value) {
        return value instanceof Map<?, ?> map && map.get(CONTENT_TYPE) instanceof String
                && map.get(DATA_BASE64) instanceof String;
    }
}
