package de.depesche.subscription;

import java.util.Map;

import de.depesche.site.PersonalData;
import org.springframework.stereotype.Component;

/** A subscriber's subscriptions, consent records and deliveries, for data requests. */
@Component
class SubscriberPersonalData implements PersonalData {

    private final SubscriptionManagement subscriptions;

    SubscriberPersonalData(SubscriptionManagement subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public String label() {
        return "privacy.data.subscriptions";
    }

    @Override
    public Map<String, Object> export(String email) {
        return subscriptions.overviewByEmail(email)
                .flatMap(o -> subscriptions.export(o.subscriber().manageToken()))
                .orElse(Map.of());
    }

    @Override
    public int erase(String email) {
        return subscriptions.overviewByEmail(email)
                .map(o -> subscriptions.erase(o.subscriber().manageToken()) ? 1 : 0)
                .orElse(0);
    }
}
