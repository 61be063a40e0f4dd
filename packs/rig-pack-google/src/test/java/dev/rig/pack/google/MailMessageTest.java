package dev.rig.pack.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rig.spi.ToolException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 5322 and RFC 2047 details of the message the Gmail tool sends. */
class MailMessageTest {

    @Test
    void anAsciiSubjectStaysReadable() {
        assertThat(MailMessage.unstructured("Weekly report (draft)", 9)).isEqualTo("Weekly report (draft)");
    }

    @Test
    void textThatLooksLikeAnEncodedWordIsEncodedSoItIsNotMisread() {
        String lookalike = "=?UTF-8?B?eA==?=";

        String encoded = MailMessage.unstructured(lookalike, 9);

        assertThat(encoded).isEqualTo("=?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(lookalike.getBytes()) + "?=");
        assertThat(ParsedMail.decodeWords(encoded)).isEqualTo(lookalike);
    }

    @Test
    void encodedWordsStayWithinSeventyFiveCharactersAndNeverSplitACharacter() {
        String subject = "🎉".repeat(40) + "é".repeat(41) + "東".repeat(30);

        List<String> words = MailMessage.encodedWords(subject);

        assertThat(words).hasSizeGreaterThan(5).allSatisfy(word -> assertThat(word.length()).isLessThanOrEqualTo(75));
        assertThat(ParsedMail.decodeWords(String.join(" ", words))).isEqualTo(subject);
    }

    @Test
    void aLongSubjectFoldsIntoLinesOfAtMostSeventyEightCharacters() {
        MailMessage message = new MailMessage(null, List.of("a@example.com"), List.of(), List.of(),
                "Überweisung ".repeat(30), "x", false);

        ParsedMail mail = ParsedMail.parse(message.render());

        assertThat(mail.headers().get("Subject")).isEqualTo("Überweisung ".repeat(30));
        assertThat(mail.rawHeaderLines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
    }

    @Test
    void manyRecipientsFoldOnePerLine() throws ToolException {
        List<String> to = MailMessage.addresses(
                "one@example.com, two@example.com, three@example.com, four@example.com, five@example.com", "to");

        MailMessage message = new MailMessage(null, to, List.of(), List.of(), "s", "", false);
        ParsedMail mail = ParsedMail.parse(message.render());

        assertThat(mail.rawHeaderLines()).contains("To: one@example.com,", " two@example.com,", " five@example.com");
        assertThat(mail.headers().get("To"))
                .isEqualTo("one@example.com, two@example.com, three@example.com, four@example.com, five@example.com");
    }

    @Test
    void bareLineFeedsInTheBodyBecomeCrlf() {
        MailMessage message = new MailMessage(null, List.of("a@example.com"), List.of(), List.of(), "s",
                "one\ntwo\r\nthree\rfour", false);

        assertThat(ParsedMail.parse(message.render()).body()).isEqualTo("one\r\ntwo\r\nthree\r\nfour");
    }

    @Test
    void displayNamesAreQuotedOrEncodedAsNeeded() throws ToolException {
        assertThat(MailMessage.addresses(List.of("Ada Lovelace <ada@example.com>", "J. R. Doe <jr@example.com>",
                "\"Doe, Jane\" <jane@example.com>", "<bare@example.com>", "Zoë <zoe@example.com>"), "to"))
                .containsExactly("Ada Lovelace <ada@example.com>", "\"J. R. Doe\" <jr@example.com>",
                        "\"Doe, Jane\" <jane@example.com>", "<bare@example.com>", "=?UTF-8?B?Wm/Dqw==?= <zoe@example.com>");
    }

    @Test
    void commasInsideQuotesDoNotSplitAddresses() throws ToolException {
        assertThat(MailMessage.addresses("\"Doe, Jane\" <jane@example.com>, bob@example.com,, ", "cc"))
                .containsExactly("\"Doe, Jane\" <jane@example.com>", "bob@example.com");
    }

    @Test
    void malformedAddressesAreRefused() {
        for (String bad : List.of("ada", "@example.com", "ada@", "Ada <ada@example.com", "a b@example.com", "x\r\ny@z")) {
            assertThatThrownBy(() -> MailMessage.addresses(bad, "to")).as(bad).isInstanceOf(ToolException.class);
        }
    }
}
