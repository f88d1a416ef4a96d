package de.depesche.account;

import de.depesche.site.InvalidInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the first start with an empty database: creates the first admin from DEPESCHE_ADMIN_EMAIL and
 * DEPESCHE_ADMIN_PASSWORD, or generates a password and prints it once; registers
 * DEPESCHE_ADMIN_API_TOKEN for provisioning scripts. Several nodes may start together on an empty
 * database: the unique e-mail address and name of staff accounts let only one of them create the
 * admin, and the others find it there and start normally.
 */
@Component
@Order(0)
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final AccountManagement accounts;
    private final AccountProperties properties;
    private final TransactionTemplate transaction;

    FirstAdmin(AccountManagement accounts, AccountProperties properties, PlatformTransactionManager transactions) {
        this.accounts = accounts;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public void run(ApplicationArguments args) {
        createIfEmpty();
    }

    /** @return whether this node created the first admin */
    boolean createIfEmpty() {
        if (accounts.hasStaff()) {
            return false;
        }
        AccountProperties.Admin admin = properties.admin();
        boolean generated = admin.password() == null || admin.password().isBlank();
        String password = generated ? AccountManagement.generatePassword() : admin.password();
        StaffMember created;
        try {
            // Account and token in one transaction: the node that wins registers the token too.
            created = transaction.execute(status -> {
                StaffMember member = accounts.create(new NewStaff(admin.email(), "Administration", Role.ADMIN, password), null);
                if (admin.apiToken() != null && !admin.apiToken().isBlank()) {
                    accounts.registerApiToken(member.id(), "DEPESCHE_ADMIN_API_TOKEN", admin.apiToken().strip());
                }
                return member;
            });
        } catch (DataAccessException | InvalidInput e) {
            if (accounts.hasStaff()) {
                log.info("Depesche: the first admin was created by another node starting at the same time");
                return false;
            }
            throw e;
        }
        if (generated) {
            // The password goes to the console once and never through the logger: log files are shipped,
            // kept and read by more people than the one starting the first node.
            System.out.println("""

                    ================================================================
                     Depesche: first admin created. Sign in at /admin/login with
                       E-Mail:   %s
                       Passwort: %s
                     This password is shown only once. Change it under /admin/password.
                    ================================================================""".formatted(created.email(), password));
            System.out.flush();
            log.warn("Depesche: first admin {} created with a generated password, printed once on the console (not in the log)",
                    created.email());
        } else {
            log.info("Depesche: first admin {} created from DEPESCHE_ADMIN_EMAIL / DEPESCHE_ADMIN_PASSWORD", created.email());
        }
        return true;
    }
}
