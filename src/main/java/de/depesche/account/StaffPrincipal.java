package de.depesche.account;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in staff member, whether through the login form or an API token. */
public final class StaffPrincipal implements UserDetails {

    private final long id;
    private final String email;
    private final String displayName;
    private final Role role;
    private final String passwordHash;
    private final boolean enabled;

    StaffPrincipal(long id, String email, String displayName, Role role, String passwordHash, boolean enabled) {
        this.id = id;
        this.email = email;
        this.displayName = displayName;
        this.role = role;
        this.passwordHash = passwordHash;
        this.enabled = enabled;
    }

    public long id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public Role role() {
        return role;
    }

    public boolean hasRole(Role... roles) {
        for (Role r : roles) {
            if (r == role) {
                return true;
            }
        }
        return false;
    }

    public boolean mayPublish() {
        return role == Role.ADMIN || role == Role.EDITOR;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    StaffPrincipal withoutPassword() {
        return new StaffPrincipal(id, email, displayName, role, "", enabled);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StaffPrincipal p && p.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "StaffPrincipal[" + id + ", " + email + ", " + role + "]";
    }
}
