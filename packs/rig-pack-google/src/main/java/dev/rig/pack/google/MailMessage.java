package dev.rig.pack.google;

import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * An RFC 5322 (2822) message with one MIME text part, written with the JDK alone.
 *
 * <p>Header text outside printable ASCII (subject, display names) becomes RFC 2047 encoded words
 * ({@code =?UTF-8?B?...?=}), each holding whole characters and short enough for a 78-character
 * line, folded onto continuation lines. The body is UTF-8, its line breaks made CRLF, sent as
 * base64. Header fields never carry a CR or LF from the caller, so nobody can add a header (or a
 * recipient) through a subject or an address.
 */
record MailMessage(String from, List<String> to, List<String> cc, List<String> bcc, String subject, String body,
                   boolean html) {

    /** 42 bytes of UTF-8 become 56 base64 characters: "Subject: " plus one encoded word stays within 78. */
    private static final int WORD_BYTES = 42;
    private static final int LINE = 78;
    private static final String CRLF = "\r\n";

    MailMessage {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
    }

    /** The message as the bytes of an RFC 5322 text. */
    byte[] render() {
        StringBuilder head = new StringBuilder();
        if (from != null) {
            head.append("From: ").append(from).append(CRLF);
        }
        addressHeader(head, "To", to);
        addressHeader(head, "Cc", cc);
        addressHeader(head, "Bcc", bcc);
        head.append("Subject: ").append(unstructured(subject, "Subject: ".length())).append(CRLF);
        head.append("MIME-Version: 1.0").append(CRLF);
        head.append("Content-Type: ").append(html ? "text/html" : "text/plain").append("; charset=UTF-8").append(CRLF);
        head.append("Content-Transfer-Encoding: base64").append(CRLF);
        head.append(CRLF);
        String canonical = body.replace("\r\n", "\n").replace('\r', '\n').replace("\n", CRLF);
        String encoded = Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII))
                .encodeToString(canonical.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(encoded.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(CRLF.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static void addressHeader(StringBuilder head, String name, List<String> addresses) {
        if (addresses.isEmpty()) {
            return;
        }
        int length = name.length() + 2 + addresses.stream().mapToInt(a -> a.length() + 2).sum();
        head.append(name).append(": ").append(String.join(length > LINE ? "," + CRLF + " " : ", ", addresses))
                .append(CRLF);
    }

    /**
     * Unstructured header text ({@code Subject}): as is when it is printable ASCII that fits on one
     * line, else encoded words folded one per line.
     */
    static String unstructured(String text, int used) {
        if (isPlain(text) && used + text.length() <= 998) {
            return text;
        }
        return String.join(CRLF + " ", encodedWords(text));
    }

    /** RFC 2047 "B" encoded words of {@code text}, none splitting a character. */
    static List<String> encodedWords(String text) {
        List<String> words = new ArrayList<>();
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            byte[] bytes = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
            if (chunk.size() + bytes.length > WORD_BYTES) {
                words.add(word(chunk.toByteArray()));
                chunk.reset();
            }
            chunk.writeBytes(bytes);
            i += Character.charCount(codePoint);
        }
        if (chunk.size() > 0 || words.isEmpty()) {
            words.add(word(chunk.toByteArray()));
        }
        return words;
    }

    private static String word(byte[] bytes) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(bytes) + "?=";
    }

    private static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return !text.contains("=?");
    }

    /**
     * The addresses of {@code value} (a string of comma-separated addresses, or a list of them),
     * each as {@code addr@host} or {@code Display Name <addr@host>} with the name encoded or quoted
     * as needed.
     *
     * @throws ToolException {@code validation_error} naming {@code field} for an address that is not one
     */
    static List<String> addresses(Object value, String field) throws ToolException {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        List<?> items = value instanceof List<?> list ? list : List.of(value);
        for (Object item : items) {
            if (!(item instanceof String text)) {
                throw invalid(field, "must hold email addresses as strings");
            }
            for (String one : split(text, field)) {
                out.add(address(one, field));
            }
        }
        return out;
    }

    /** Splits on commas outside double quotes and angle brackets. */
    private static List<String> split(String text, String field) throws ToolException {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean angled = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw invalid(field, "must not contain line breaks");
            }
            if (c == '\\' && quoted && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '<' && !quoted) {
                angled = true;
            } else if (c == '>' && !quoted) {
                angled = false;
            } else if (c == ',' && !quoted && !angled) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        parts.add(current.toString());
        List<String> addresses = new ArrayList<>();
        for (String part : parts) {
            if (!part.isBlank()) {
                addresses.add(part.strip());
            }
        }
        return addresses;
    }

    private static String address(String text, String field) throws ToolException {
        int open = text.lastIndexOf('<');
        if (open < 0) {
            checkSpec(text, field);
            return text;
        }
        if (!text.endsWith(">")) {
            throw invalid(field, "has an address opened with '<' but not closed with '>'");
        }
        String spec = text.substring(open + 1, text.length() - 1).strip();
        checkSpec(spec, field);
        String name = text.substring(0, open).strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if (name.isEmpty()) {
            return "<" + spec + ">";
        }
        return displayName(name) + " <" + spec + ">";
    }

    private static String displayName(String name) {
        if (!isPlain(name)) {
            return String.join(" ", encodedWords(name));
        }
        if (name.matches("[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]+")) {
            return name;
        }
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void checkSpec(String spec, String field) throws ToolException {
        int at = spec.lastIndexOf('@');
        if (at < 1 || at == spec.length() - 1 || spec.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>' || c == ',')) {
            throw invalid(field, "has '" + shorten(spec) + "', which is not an email address");
        }
    }

    private static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }

    private static ToolException invalid(String field, String why) {
        return ToolException.builder(ErrorType.VALIDATION_ERROR, field + " " + why)
                .hint("give addresses as \"ada@example.com\" or \"Ada Lovelace <ada@example.com>\", several separated"
                        + " by commas or as a list")
                .build();
    }
}
