package de.depesche.account;

import java.util.Set;

import de.depesche.site.SiteChangeListener;
import org.springframework.stereotype.Component;

/** Drops this node's copies of staff members when another node changed one (names in bylines, roles). */
@Component
class KeptMembers implements SiteChangeListener {

    private final AccountManagement accounts;

    KeptMembers(AccountManagement accounts) {
        this.accounts = accounts;
    }

    @Override
    public void changed(Set<String> tags) {
        if (tags.contains(AccountManagement.STAFF_TAG) || tags.contains(de.depesche.site.SiteChanges.EVERYTHING)) {
            accounts.forgetKeptMembers();
        }
    }
}
