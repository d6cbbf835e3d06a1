package org.tesseracrm.mail.entity;

import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Map;

import org.tesseracrm.platform.entity.InvalidInput;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;

/**
 * Merge fields of e-mail templates, in Mustache (mustache.java): {@code {{contact.firstName}}}, {@code {{lead.company}}},
 * {@code {{account.name}}}, {@code {{sender.name}}}; a fallback for an empty field is an inverted section,
 * {@code {{^contact.firstName}}there{{/contact.firstName}}}. The values are plain strings in nested maps, so a template
 * can reach nothing but them; partials (which would read files) are refused. Texts are plain text: nothing is
 * HTML-escaped there; in an HTML part ({@link #renderHtml}) every value is HTML-escaped, so a contact named
 * {@code <script>} stays text.
 */
public final class MergeFields {

    private MergeFields() {
    }

    /** Mustache over plain text: values written as they are, no partials. */
    private static final class PlainTextFactory extends DefaultMustacheFactory {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (java.io.IOException e) {
                throw new MustacheException(e);
            }
        }

        @Override
        public Reader getReader(String resourceName) {
            throw new MustacheException("partials ({{> " + resourceName + "}}) are not supported");
        }
    }

    /** Mustache's own HTML escaping of values, still without partials. */
    private static final class HtmlFactory extends DefaultMustacheFactory {
        @Override
        public Reader getReader(String resourceName) {
            throw new MustacheException("partials ({{> " + resourceName + "}}) are not supported");
        }
    }

    /** An HTML part with the fields filled in, each value HTML-escaped. */
    public static String renderHtml(String field, String template, Map<String, ?> scope) {
        return execute(field, compile(new HtmlFactory(), field, template), scope);
    }

    /** Refuses a text that is not a valid template (an unclosed section, a partial), naming the field. */
    public static void requireValid(String field, String template) {
        compile(field, template);
    }

    /** The text with the fields filled in; unknown or empty fields give an empty string. */
    public static String render(String field, String template, Map<String, ?> scope) {
        return execute(field, compile(new PlainTextFactory(), field, template), scope);
    }

    private static String execute(String field, Mustache mustache, Map<String, ?> scope) {
        StringWriter out = new StringWriter();
        try {
            mustache.execute(out, scope).flush();
        } catch (java.io.IOException | MustacheException e) {
            throw new InvalidInput(field, "cannot be filled in: " + message(e));
        }
        return out.toString();
    }

    private static Mustache compile(String field, String template) {
        return compile(new PlainTextFactory(), field, template);
    }

    private static Mustache compile(DefaultMustacheFactory factory, String field, String template) {
        try {
            return factory.compile(new StringReader(template), field);
        } catch (MustacheException e) {
            throw new InvalidInput(field, "is not a valid template: " + message(e));
        }
    }

    private static String message(Exception e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return text.length() > 200 ? text.substring(0, 200) : text;
    }
}
