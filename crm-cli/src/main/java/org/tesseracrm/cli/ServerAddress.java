package org.tesseracrm.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Where requests for a host go. Names under {@code .localhost} are loopback (RFC 6761) as browsers and curl treat them,
 * but Java's resolver does not know them: such requests go to 127.0.0.1 with the real host in the {@code Host} header,
 * which is how the server tells tenants apart.
 */
public record ServerAddress(URI uri) {

    public ServerAddress {
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalArgumentException("not an http(s) address: " + uri);
        }
    }

    public static ServerAddress of(String address) {
        String trimmed = address.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return new ServerAddress(URI.create(trimmed));
    }

    /** The address requests are sent to: loopback for {@code *.localhost}. */
    public URI connectUri() {
        if (!isLoopbackName()) {
            return uri;
        }
        return URI.create(uri.getScheme() + "://127.0.0.1" + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                + uri.getRawPath());
    }

    /** The Host header to send when {@link #connectUri()} differs from the host's name. */
    public Optional<String> hostHeader() {
        if (!isLoopbackName()) {
            return Optional.empty();
        }
        return Optional.of(uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : ""));
    }

    /** The tenant's slug: the first label of the host ({@code acme} of {@code acme.localhost:8080}). */
    public String tenant() {
        String host = uri.getHost();
        int dot = host.indexOf('.');
        return dot < 0 ? host : host.substring(0, dot);
    }

    /** A request to {@code path} under this address (path starting with a slash), Host header included. */
    public HttpRequest.Builder request(String path) {
        allowHostHeader();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(connectUri().toString() + path))
                .timeout(Duration.ofSeconds(30));
        hostHeader().ifPresent(host -> builder.header("Host", host));
        return builder;
    }

    /**
     * HTTP/1.1: after an h2c upgrade java.net.http sends {@code :authority} from the URI, not our Host header. No
     * redirects: an answer that redirects is not the API's.
     */
    public static HttpClient.Builder httpClient() {
        allowHostHeader();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER);
    }

    /**
     * java.net.http refuses to send Host unless told otherwise, and reads the setting once, at its first request:
     * {@link Tessera#main} and every request builder here set it first.
     */
    static void allowHostHeader() {
        String allowed = System.getProperty("jdk.httpclient.allowRestrictedHeaders", "");
        if (!allowed.toLowerCase(Locale.ROOT).contains("host")) {
            System.setProperty("jdk.httpclient.allowRestrictedHeaders", allowed.isEmpty() ? "host" : allowed + ",host");
        }
    }

    private boolean isLoopbackName() {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return host.endsWith(".localhost");
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
