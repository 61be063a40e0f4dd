package dev.rig.pack.google;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message read back the way a mail reader would: header lines unfolded, RFC 2047 encoded words
 * decoded, the base64 body decoded. Written independently of {@link MailMessage}, and strict: a
 * line over 998 characters, a bare CR or LF, or a non-ASCII byte in a header fails the parse.
 */
record ParsedMail(List<String> rawHeaderLines, Map<String, String> headers, String body) {

    private static final Pattern WORD = Pattern.compile("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?=");

    static ParsedMail parse(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int split = text.indexOf("\r\n\r\n");
        if (split < 0) {
            throw new AssertionError("no blank line between header and body");
        }
        String head = text.substring(0, split);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean crlf = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n'
                    || c == '\n' && i > 0 && text.charAt(i - 1) == '\r';
            if ((c == '\r' || c == '\n') && !crlf) {
                throw new AssertionError("bare CR or LF at offset " + i);
            }
        }
        List<String> lines = List.of(head.split("\r\n"));
        Map<String, String> headers = new LinkedHashMap<>();
        String current = null;
        for (String line : lines) {
            if (line.length() > 998) {
                throw new AssertionError("header line over 998 characters");
            }
            if (line.chars().anyMatch(c -> c > 127)) {
                throw new AssertionError("non-ASCII header line: " + line);
            }
            if (line.startsWith(" ") || line.startsWith("\t")) {
                headers.merge(current, line, String::concat);
            } else {
                int colon = line.indexOf(':');
                current = line.substring(0, colon);
                if (headers.containsKey(current)) {
                    throw new AssertionError("header " + current + " appears twice");
                }
                headers.put(current, line.substring(colon + 1).stripLeading());
            }
        }
        Map<String, String> decoded = new LinkedHashMap<>();
        headers.forEach((name, value) -> decoded.put(name, decodeWords(value)));
        String body = new String(Base64.getMimeDecoder().decode(text.substring(split + 4)), StandardCharsets.UTF_8);
        return new ParsedMail(new ArrayList<>(lines), decoded, body);
    }

    /**
     * Decodes encoded words; whitespace between two adjacent encoded words disappears (RFC 2047
     * section 6.2). Each word must decode to whole characters on its own (section 5).
     */
    static String decodeWords(String value) {
        StringBuilder out = new StringBuilder();
        Matcher word = WORD.matcher(value);
        int at = 0;
        boolean afterWord = false;
        while (word.find()) {
            String between = value.substring(at, word.start());
            if (!(afterWord && between.isBlank())) {
                out.append(between);
            }
            out.append(strictUtf8(Base64.getDecoder().decode(word.group(1))));
            afterWord = true;
            at = word.end();
        }
        out.append(value.substring(at));
        return out.toString();
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("an encoded word splits a character", e);
        }
    }
}
