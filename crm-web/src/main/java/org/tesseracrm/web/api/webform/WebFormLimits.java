package org.tesseracrm.web.api.webform;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Per-IP budget of web form submissions (Bucket4j): {@value #BURST} at once, then {@value #PER_MINUTE} a minute, per
 * tenant, form and client address. The address is the TCP peer's: a forwarded-for header is anybody's to write. The
 * buckets of the least recently seen addresses are dropped beyond {@value #MAX_ADDRESSES}, so a flood from many
 * addresses cannot fill the memory.
 */
@ApplicationScoped
public class WebFormLimits {

    static final int BURST = 5;
    static final int PER_MINUTE = 10;
    static final int MAX_ADDRESSES = 100_000;

    private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    /** Empty when the submission may go on; else the seconds to wait. */
    public OptionalLong spend(String tenant, String formKey, String address) {
        Bucket bucket;
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(tenant + "|" + formKey + "|" + address, key -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(BURST).refillGreedy(PER_MINUTE, Duration.ofMinutes(1))
                            .build())
                    .build());
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed()
                ? OptionalLong.empty()
                : OptionalLong.of(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1));
    }
}
