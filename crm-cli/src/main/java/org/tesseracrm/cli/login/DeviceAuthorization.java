package org.tesseracrm.cli.login;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The device authorization response (RFC 8628 section 3.2). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeviceAuthorization(@JsonProperty("device_code") String deviceCode,
        @JsonProperty("user_code") String userCode, @JsonProperty("verification_uri") String verificationUri,
        @JsonProperty("verification_uri_complete") String verificationUriComplete,
        @JsonProperty("expires_in") long expiresIn, @JsonProperty("interval") Long interval) {

    /** RFC 8628 section 3.2: without {@code interval} the client waits 5 seconds between polls. */
    public long intervalSeconds() {
        return interval == null || interval <= 0 ? 5 : interval;
    }

    @Override
    public String toString() {
        return "DeviceAuthorization[userCode=" + userCode + ", verificationUri=" + verificationUri + "]";
    }
}
