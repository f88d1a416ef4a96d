package de.depesche.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import de.depesche.site.InvalidInput;
import de.depesche.site.SiteChanges;
import de.depesche.site.Slugify;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The account module's API: staff members, their passwords and API tokens. */
@Service
public class AccountManagement {

    public static final int MIN_PASSWORD_LENGTH = 12;
    private static final Pattern EMAIL = Pattern.compile("[^\\s@<>\"]{1,64}@[^\\s@<>\"]+\\.?[^\\s@<>\"]*");
    private static final String TOKEN_PREFIX = "dp_";

    private final JdbcStaffRepository staff;
    private final JdbcApiTokenRepository tokens;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final SiteChanges changes;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Cache<Long, StaffMember> members = Caffeine.newBuilder()
            .maximumSize(2_000).expireAfterWrite(Duration.ofMinutes(1)).build();
    /** When this node last wrote "last used" for a token (by hash). */
    private final Cache<String, java.time.Instant> touched = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(TOKEN_TOUCH_INTERVAL).build();

    AccountManagement(JdbcStaffRepository staff, JdbcApiTokenRepository tokens, PasswordEncoder passwords,
                      AuditLog audit, SiteChanges changes, ApplicationEventPublisher events, Clock clock) {
        this.staff = staff;
        this.tokens = tokens;
        this.passwords = passwords;
        this.audit = audit;
        this.changes = changes;
        this.events = events;
        this.clock = clock;
    }

    /** Tag in the site's change feed: staff members changed, each node drops the ones it keeps in memory. */
    static final String STAFF_TAG = "staff";

    /** Drops the staff members kept in memory (another node changed one). */
    void forgetKeptMembers() {
        members.invalidateAll();
    }

    public boolean hasStaff() {
        return staff.any();
    }

    public Optional<StaffMember> find(long id) {
        StaffMember cached = members.getIfPresent(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<StaffMember> found = staff.find(id);
        found.ifPresent(m -> members.put(id, m));
        return found;
    }

    /** Staff members by id, for pages that show many bylines at once. */
    public Map<Long, StaffMember> findAll(Collection<Long> ids) {
        return members.getAll(ids.stream().distinct().toList(),
                missing -> staff.findAll(List.copyOf(missing)).stream()
                        .collect(Collectors.toMap(StaffMember::id, Function.identity())));
    }

    /** Acting as a staff member outside a request (first start, imports run by an operator). */
    public Optional<StaffPrincipal> principal(long id) {
        return staff.find(id).flatMap(m -> staff.principalByEmail(m.email())).map(StaffPrincipal::withoutPassword);
    }

    public Optional<StaffMember> findBySlug(String slug) {
        return staff.findBySlug(slug);
    }

    public Optional<StaffMember> findByEmail(String email) {
        return staff.findByEmail(normaliseEmail(email));
    }

    public List<StaffMember> all() {
        return staff.all();
    }

    @Transactional
    public StaffMember create(NewStaff input, @Nullable StaffPrincipal by) {
        String email = normaliseEmail(input.email());
        String name = input.displayName().strip();
        InvalidInput.Collector problems = new InvalidInput.Collector();
        if (!isValidEmail(email)) {
            problems.add("email", "validation.email");
        } else if (staff.findByEmail(email).isPresent()) {
            problems.add("email", "staff.email.taken");
        }
        if (name.isEmpty()) {
            problems.add("displayName", "validation.required");
        } else if (name.length() > 100) {
            problems.add("displayName", "validation.tooLong", 100);
        } else if (name.chars().anyMatch(c -> c < 0x20) || name.contains("<")) {
            problems.add("displayName", "validation.controlCharacters");
        }
        checkPassword(problems, "password", input.password());
        String slug = Slugify.slugify(name);
        if (slug.isEmpty()) {
            slug = "autor";
        }
        problems.throwIfAny();
        String unique = slug;
        for (int i = 2; staff.slugTaken(unique); i++) {
            unique = slug + "-" + i;
        }
        long id = staff.insert(email, name, unique, input.role(), passwords.encode(input.password()), clock.instant());
        audit.record(by, "audit.staff.created", "staff:" + id, email + " (" + input.role() + ")");
        return staff.find(id).orElseThrow();
    }

    @Transactional
    public StaffMember updateProfile(long id, String displayName, Role role, String bio, boolean enabled, StaffPrincipal by) {
        StaffMember before = staff.find(id).orElseThrow(() -> InvalidInput.of("", "staff.unknown"));
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String name = displayName.strip();
        if (name.isEmpty()) {
            problems.add("displayName", "validation.required");
        } else if (name.length() > 100) {
            problems.add("displayName", "validation.tooLong", 100);
        }
        if (bio.length() > 1000) {
            problems.add("bio", "validation.tooLong", 1000);
        }
        boolean losesAdmin = before.role() == Role.ADMIN && before.enabled() && (role != Role.ADMIN || !enabled);
        if (losesAdmin && staff.countEnabledAdmins() <= 1) {
            problems.add("role", "staff.lastAdmin");
        }
        problems.throwIfAny();
        staff.updateProfile(id, name, role, bio.strip(), enabled);
        if (role != before.role() || enabled != before.enabled()) {
            // open sessions carry the old rights: end them on every node
            staff.endSessions(id);
        }
        members.invalidate(id);
        changes.record(STAFF_TAG);
        if (!name.equals(before.displayName())) {
            events.publishEvent(new StaffRenamed(id, before.displayName(), name));
        }
        audit.record(by, "audit.staff.updated", "staff:" + id, before.role() + "→" + role);
        if (enabled != before.enabled()) {
            audit.record(by, enabled ? "audit.staff.enabled" : "audit.staff.disabled", "staff:" + id, name);
        }
        return staff.find(id).orElseThrow();
    }

    @Transactional
    /** @return the new session version, for the session that changed the password to keep */
    public int changePassword(long id, String current, String next) {
        String hash = staff.passwordHash(id).orElseThrow(() -> InvalidInput.of("", "staff.unknown"));
        InvalidInput.Collector problems = new InvalidInput.Collector();
        if (!passwords.matches(current, hash)) {
            problems.add("currentPassword", "password.wrong");
        }
        checkPassword(problems, "newPassword", next);
        problems.throwIfAny();
        staff.updatePassword(id, passwords.encode(next));
        staff.endSessions(id);
        audit.record(principal(id).orElse(null), "audit.staff.password", "staff:" + id, "");
        return staff.sessionVersion(id).orElse(-1);
    }

    /**
     * The version a signed-in session of this staff member must carry to stay valid; -1 when the
     * account is disabled or gone (no session is valid then).
     */
    public int sessionVersion(long id) {
        return staff.sessionVersion(id).orElse(-1);
    }

    /** Ends every session of this staff member on every node (the next request of each signs out). */
    @Transactional
    public void signOutEverywhere(long id) {
        staff.endSessions(id);
        audit.record(principal(id).orElse(null), "audit.staff.signedOutEverywhere", "staff:" + id, "");
    }

    @Transactional
    public IssuedApiToken issueApiToken(long staffId, String name) {
        String label = name.strip();
        if (label.isEmpty() || label.length() > 100) {
            throw InvalidInput.of("name", label.isEmpty() ? "validation.required" : "validation.tooLong", 100);
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return register(staffId, label, secret, principal(staffId).orElse(null));
    }

    /** Registers a token whose secret the operator chose (DEPESCHE_ADMIN_API_TOKEN). */
    @Transactional
    public IssuedApiToken registerApiToken(long staffId, String name, String secret) {
        if (secret.length() < 24 || secret.chars().anyMatch(c -> c <= 0x20 || c > 0x7e)) {
            throw InvalidInput.of("token", "token.weak", 24);
        }
        // Registered by the system at first start, not by the staff member.
        return register(staffId, name, secret, null);
    }

    private IssuedApiToken register(long staffId, String name, String secret, @Nullable StaffPrincipal by) {
        long id = tokens.insert(staffId, name, sha256(secret), secret.substring(secret.length() - 4), clock.instant());
        audit.record(by, "audit.token.issued", "staff:" + staffId, name);
        return new IssuedApiToken(id, name, secret);
    }

    public List<ApiTokenView> apiTokens(long staffId) {
        return tokens.of(staffId);
    }

    @Transactional
    public boolean revokeApiToken(long staffId, long tokenId) {
        boolean revoked = tokens.revoke(staffId, tokenId, clock.instant());
        if (revoked) {
            audit.record(principal(staffId).orElse(null), "audit.token.revoked", "staff:" + staffId, String.valueOf(tokenId));
        }
        return revoked;
    }

    /** The staff member a bearer token belongs to, if the token is live and the account enabled. */
    @Transactional
    public Optional<StaffPrincipal> authenticateToken(String secret) {
        if (secret.length() > 200) {
            return Optional.empty();
        }
        String hash = sha256(secret);
        return tokens.ownerOf(hash)
                .flatMap(staff::find)
                .filter(StaffMember::enabled)
                .flatMap(m -> staff.principalByEmail(m.email()))
                .map(p -> {
                    touchNowAndThen(hash);
                    return p.withoutPassword();
                });
    }

    /** How often "last used" of a token is written: a script calling many times a second costs no writes. */
    static final Duration TOKEN_TOUCH_INTERVAL = Duration.ofMinutes(1);

    private void touchNowAndThen(String hash) {
        java.time.Instant now = clock.instant();
        java.time.Instant last = touched.getIfPresent(hash);
        if (last != null && last.plus(TOKEN_TOUCH_INTERVAL).isAfter(now)) {
            return;
        }
        touched.put(hash, now);
        tokens.touch(hash, now, now.minus(TOKEN_TOUCH_INTERVAL));
    }

    Optional<StaffPrincipal> principalForLogin(String email) {
        return staff.principalByEmail(normaliseEmail(email));
    }

    /** A password for a generated account, printed once: 20 characters without look-alikes (no 0/O, 1/l). */
    public static String generatePassword() {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    static String normaliseEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    public static boolean isValidEmail(String email) {
        return email.length() <= 254 && EMAIL.matcher(email).matches();
    }

    private static void checkPassword(InvalidInput.Collector problems, String field, String password) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            problems.add(field, "password.tooShort", MIN_PASSWORD_LENGTH);
        } else if (password.length() > 200) {
            problems.add(field, "validation.tooLong", 200);
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
