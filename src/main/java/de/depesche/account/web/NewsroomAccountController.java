package de.depesche.account.web;

import java.util.Arrays;


import de.depesche.account.AccountManagement;
import de.depesche.account.AuditLog;
import de.depesche.account.IssuedApiToken;
import de.depesche.account.NewStaff;
import de.depesche.account.Role;
import de.depesche.account.StaffMember;
import de.depesche.account.StaffPrincipal;
import de.depesche.site.FormErrors;
import de.depesche.site.InvalidInput;
import de.depesche.site.NotFound;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Sign-in, own password and API tokens for every staff member; staff list and audit log for admins. */
@Controller
class NewsroomAccountController {

    static final String LOGIN = "account/admin/login";
    static final String STAFF = "account/admin/staff";
    static final String STAFF_EDIT = "account/admin/staff-edit";
    static final String TOKENS = "account/admin/tokens";
    static final String PASSWORD = "account/admin/password";
    static final String AUDIT = "account/admin/audit";
    private static final int AUDIT_PAGE = 50;

    private final AccountManagement accounts;
    private final AuditLog audit;

    NewsroomAccountController(AccountManagement accounts, AuditLog audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    @GetMapping("/admin/login")
    String login() {
        return LOGIN;
    }

    @GetMapping("/admin/staff")
    @PreAuthorize("hasRole('ADMIN')")
    String staff(Model model) {
        model.addAttribute("staff", accounts.all());
        model.addAttribute("roles", Role.values());
        model.addAttribute("form", new StaffForm());
        return STAFF;
    }

    @PostMapping("/admin/staff")
    @PreAuthorize("hasRole('ADMIN')")
    String createStaff(@ModelAttribute("form") StaffForm form, BindingResult result, Model model,
                       @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        try {
            StaffMember created = accounts.create(
                    new NewStaff(form.getEmail(), form.getDisplayName(), form.role(), form.getPassword()), me);
            redirect.addFlashAttribute("notice", "staff.created");
            redirect.addFlashAttribute("noticeArg", created.displayName());
            return "redirect:/admin/staff";
        } catch (InvalidInput e) {
            FormErrors.apply(e, result);
            model.addAttribute("staff", accounts.all());
            model.addAttribute("roles", Role.values());
            return STAFF;
        }
    }

    @GetMapping("/admin/staff/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    String editStaff(@PathVariable long id, Model model) {
        StaffMember member = accounts.find(id).orElseThrow(() -> new NotFound("staff " + id));
        ProfileForm form = new ProfileForm();
        form.setDisplayName(member.displayName());
        form.setRole(member.role().name());
        form.setBio(member.bio() == null ? "" : member.bio());
        form.setEnabled(member.enabled());
        model.addAttribute("member", member);
        model.addAttribute("form", form);
        model.addAttribute("roles", Role.values());
        return STAFF_EDIT;
    }

    @PostMapping("/admin/staff/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    String updateStaff(@PathVariable long id, @ModelAttribute("form") ProfileForm form, BindingResult result,
                       Model model, @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        StaffMember member = accounts.find(id).orElseThrow(() -> new NotFound("staff " + id));
        try {
            accounts.updateProfile(id, form.getDisplayName(), form.role(), form.getBio(), form.isEnabled(), me);
            redirect.addFlashAttribute("notice", "staff.updated");
            return "redirect:/admin/staff";
        } catch (InvalidInput e) {
            FormErrors.apply(e, result);
            model.addAttribute("member", member);
            model.addAttribute("roles", Role.values());
            return STAFF_EDIT;
        }
    }

    @GetMapping("/admin/tokens")
    String tokens(Model model, @AuthenticationPrincipal StaffPrincipal me) {
        model.addAttribute("tokens", accounts.apiTokens(me.id()));
        return TOKENS;
    }

    @PostMapping("/admin/tokens")
    String issueToken(@RequestParam(defaultValue = "") String name, Model model,
                      @AuthenticationPrincipal StaffPrincipal me) {
        try {
            IssuedApiToken token = accounts.issueApiToken(me.id(), name);
            model.addAttribute("issued", token);
        } catch (InvalidInput e) {
            model.addAttribute("problems", e.problems());
        }
        model.addAttribute("tokens", accounts.apiTokens(me.id()));
        return TOKENS;
    }

    @PostMapping("/admin/tokens/{id}/revoke")
    String revokeToken(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        if (accounts.revokeApiToken(me.id(), id)) {
            redirect.addFlashAttribute("notice", "token.revoked");
        }
        return "redirect:/admin/tokens";
    }

    @GetMapping("/admin/password")
    String password(Model model) {
        model.addAttribute("form", new PasswordForm());
        return PASSWORD;
    }

    @PostMapping("/admin/password")
    String changePassword(@ModelAttribute("form") PasswordForm form, BindingResult result,
                          @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect,
                          jakarta.servlet.http.HttpServletRequest request) {
        try {
            int version = accounts.changePassword(me.id(), form.getCurrentPassword(), form.getNewPassword());
            // other sessions end; this one, which knew the old password, stays
            de.depesche.account.SessionGuard.keep(request, version);
            redirect.addFlashAttribute("notice", "password.changed");
            return "redirect:/admin/password";
        } catch (InvalidInput e) {
            FormErrors.apply(e, result);
            return PASSWORD;
        }
    }

    /** Ends every session of the signed-in staff member, on every node, this one included. */
    @PostMapping("/admin/sessions/end-all")
    String signOutEverywhere(@AuthenticationPrincipal StaffPrincipal me, jakarta.servlet.http.HttpServletRequest request) {
        accounts.signOutEverywhere(me.id());
        jakarta.servlet.http.HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        org.springframework.security.core.context.SecurityContextHolder.clearContext();
        return "redirect:/admin/login?logout";
    }

    @GetMapping("/admin/audit")
    @PreAuthorize("hasRole('ADMIN')")
    String audit(@RequestParam(defaultValue = "1") int page, Model model) {
        int p = Math.max(1, page);
        var entries = audit.recent(AUDIT_PAGE + 1, (p - 1) * AUDIT_PAGE);
        model.addAttribute("entries", entries.subList(0, Math.min(AUDIT_PAGE, entries.size())));
        model.addAttribute("page", p);
        model.addAttribute("hasNext", entries.size() > AUDIT_PAGE);
        return AUDIT;
    }

    public static class StaffForm {
        private String email = "";
        private String displayName = "";
        private String role = Role.AUTHOR.name();
        private String password = "";

        Role role() {
            return Arrays.stream(Role.values()).filter(r -> r.name().equals(role)).findFirst().orElse(Role.AUTHOR);
        }

        public String getEmail() { return email; }
        public void setEmail(String email) { this.email = email; }
        public String getDisplayName() { return displayName; }
        public void setDisplayName(String displayName) { this.displayName = displayName; }
        public String getRole() { return role; }
        public void setRole(String role) { this.role = role; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
    }

    public static class ProfileForm {
        private String displayName = "";
        private String role = Role.AUTHOR.name();
        private String bio = "";
        private boolean enabled = true;

        Role role() {
            return Arrays.stream(Role.values()).filter(r -> r.name().equals(role)).findFirst().orElse(Role.AUTHOR);
        }

        public String getDisplayName() { return displayName; }
        public void setDisplayName(String displayName) { this.displayName = displayName; }
        public String getRole() { return role; }
        public void setRole(String role) { this.role = role; }
        public String getBio() { return bio; }
        public void setBio(String bio) { this.bio = bio; }
        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
    }

    public static class PasswordForm {
        private String currentPassword = "";
        private String newPassword = "";

        public String getCurrentPassword() { return currentPassword; }
        public void setCurrentPassword(String currentPassword) { this.currentPassword = currentPassword; }
        public String getNewPassword() { return newPassword; }
        public void setNewPassword(String newPassword) { this.newPassword = newPassword; }
    }

}
