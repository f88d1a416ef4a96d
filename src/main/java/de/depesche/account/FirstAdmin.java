package de.depesche.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * On the first start with an empty database: creates the first admin from DEPESCHE_ADMIN_EMAIL and
 * DEPESCHE_ADMIN_PASSWORD, or generates a password and prints it once; registers
 * DEPESCHE_ADMIN_API_TOKEN for provisioning scripts.
 */
@Component
@Order(0)
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final AccountManagement accounts;
    private final AccountProperties properties;

    FirstAdmin(AccountManagement accounts, AccountProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (accounts.hasStaff()) {
            return;
        }
        AccountProperties.Admin admin = properties.admin();
        boolean generated = admin.password() == null || admin.password().isBlank();
        String password = generated ? AccountManagement.generatePassword() : admin.password();
        StaffMember created = accounts.create(new NewStaff(admin.email(), "Administration", Role.ADMIN, password), null);
        if (admin.apiToken() != null && !admin.apiToken().isBlank()) {
            accounts.registerApiToken(created.id(), "DEPESCHE_ADMIN_API_TOKEN", admin.apiToken().strip());
        }
        if (generated) {
            log.warn("""

                    ================================================================
                     Depesche: first admin created. Sign in at /admin/login with
                       E-Mail:   {}
                       Passwort: {}
                     This password is shown only once. Change it under /admin/password.
                    ================================================================""",
                    created.email(), password);
        } else {
            log.info("Depesche: first admin {} created from DEPESCHE_ADMIN_EMAIL / DEPESCHE_ADMIN_PASSWORD", created.email());
        }
    }
}
