package org.tesseracrm.mail.control;

import java.nio.charset.StandardCharsets;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** A mailbox's signature under an e-mail: after the usual "-- " line in the text, as escaped text in the HTML part. */
public final class Signatures {

    private Signatures() {
    }

    public static String text(String body, String signature) {
        return signature == null ? body : body + "\n\n-- \n" + signature;
    }

    public static String html(String html, String signature) {
        if (signature == null || html == null) {
            return html;
        }
        Document document = Jsoup.parse(html);
        document.outputSettings().prettyPrint(false).charset(StandardCharsets.UTF_8);
        document.body().appendElement("div").attr("class", "signature")
                .attr("style", "white-space:pre-wrap;margin-top:1em").text("-- \n" + signature);
        return document.outerHtml();
    }
}
