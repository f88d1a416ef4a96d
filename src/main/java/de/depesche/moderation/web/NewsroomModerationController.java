package de.depesche.moderation.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import de.depesche.account.StaffPrincipal;
import de.depesche.comment.RejectionReason;
import de.depesche.moderation.BanKind;
import de.depesche.moderation.ModerationDesk;
import de.depesche.moderation.QueueItem;
import de.depesche.moderation.RiskAssessment;
import de.depesche.site.InvalidInput;
import de.depesche.site.NotFound;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The moderation queue: decide one comment or many at once, edit, ban; the decision log; bans. */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'EDITOR', 'MODERATOR')")
class NewsroomModerationController {

    static final String QUEUE = "moderation/admin/queue";
    static final String EDIT = "moderation/admin/edit";
    static final String LOG = "moderation/admin/log";
    static final String BANS = "moderation/admin/bans";
    private static final int PAGE = 30;

    private final ModerationDesk desk;

    NewsroomModerationController(ModerationDesk desk) {
        this.desk = desk;
    }

    @GetMapping("/admin/moderation")
    String queue(@RequestParam(defaultValue = "") String filter, @RequestParam(defaultValue = "risk") String sort,
                 @RequestParam(name = "seite", defaultValue = "1") int page, Model model,
                 @AuthenticationPrincipal StaffPrincipal me) {
        model.addAttribute("remindersOn", desk.remindersOn(me));
        RiskAssessment.Label label = label(filter);
        int p = Math.clamp(page, 1, 10_000);
        model.addAttribute("items", desk.queue(label, "oldest".equals(sort), PAGE, (p - 1) * PAGE));
        model.addAttribute("total", desk.pendingCount(label));
        model.addAttribute("filter", label == null ? "" : filter);
        model.addAttribute("sort", "oldest".equals(sort) ? "oldest" : "risk");
        model.addAttribute("page", p);
        model.addAttribute("pages", Math.max(1, (desk.pendingCount(label) + PAGE - 1) / PAGE));
        model.addAttribute("reasons", RejectionReason.values());
        model.addAttribute("labels", RiskAssessment.Label.values());
        return QUEUE;
    }

    /**
     * One form for the whole queue: a button {@code single=approve:12} decides one comment,
     * {@code batch=reject} decides all ticked ones ({@code ids}); reasons come per comment ({@code reason-12})
     * or for the batch ({@code batchReason}).
     */
    @PostMapping("/admin/moderation")
    String decide(@RequestParam MultiValueMap<String, String> form, @AuthenticationPrincipal StaffPrincipal me,
                  RedirectAttributes redirect) {
        String single = form.getFirst("single");
        String batch = form.getFirst("batch");
        List<Long> ids = new ArrayList<>();
        String action;
        String reasonValue;
        if (single != null && single.contains(":")) {
            action = single.substring(0, single.indexOf(':'));
            long id = parseId(single.substring(single.indexOf(':') + 1));
            ids.add(id);
            reasonValue = Optional.ofNullable(form.getFirst("reason-" + id)).orElse("OTHER");
        } else if (batch != null) {
            action = batch;
            for (String id : Optional.ofNullable(form.get("ids")).orElse(List.of())) {
                ids.add(parseId(id));
            }
            reasonValue = Optional.ofNullable(form.getFirst("batchReason")).orElse("OTHER");
        } else {
            throw InvalidInput.of("", "moderation.action.unknown");
        }
        if (ids.isEmpty()) {
            redirect.addFlashAttribute("problems", List.of(new InvalidInput.Problem("", "moderation.nothingSelected", new Object[0])));
            return back(form);
        }
        RejectionReason reason = RejectionReason.parse(reasonValue).orElse(RejectionReason.OTHER);
        ModerationDesk.Outcome outcome = switch (action) {
            case "approve" -> desk.approve(ids, me);
            case "reject" -> desk.reject(ids, reason, me);
            case "delete" -> desk.delete(ids, reason, me);
            case "ban-email" -> desk.ban(ids, BanKind.EMAIL, reason, me);
            case "ban-network" -> desk.ban(ids, BanKind.NETWORK, reason, me);
            default -> throw InvalidInput.of("", "moderation.action.unknown");
        };
        report(outcome, "moderation.done." + action, redirect);
        return back(form);
    }

    /** Says what happened: how many were decided, and why the others were not. */
    private static void report(ModerationDesk.Outcome outcome, String doneKey, RedirectAttributes redirect) {
        if (outcome.done() > 0) {
            redirect.addFlashAttribute("notice", doneKey);
            redirect.addFlashAttribute("noticeArg", outcome.done());
        }
        List<InvalidInput.Problem> problems = new ArrayList<>();
        if (outcome.alreadyDecided() > 0) {
            problems.add(new InvalidInput.Problem("", "moderation.alreadyDecided", new Object[] {outcome.alreadyDecided()}));
        }
        outcome.refusals().forEach(key -> problems.add(new InvalidInput.Problem("", key, new Object[0])));
        if (!problems.isEmpty()) {
            redirect.addFlashAttribute("problems", problems);
        }
    }

    /** The signed-in staff member switches the "comments waiting" mail on or off for themselves. */
    @PostMapping("/admin/moderation/erinnerungen")
    String reminders(@RequestParam(defaultValue = "false") boolean on, @AuthenticationPrincipal StaffPrincipal me,
                     RedirectAttributes redirect) {
        desk.reminders(me, on);
        redirect.addFlashAttribute("notice", on ? "moderation.reminders.switchedOn" : "moderation.reminders.switchedOff");
        return "redirect:/admin/moderation#erinnerungen";
    }

    @GetMapping("/admin/moderation/{id}")
    String edit(@PathVariable long id, Model model) {
        QueueItem item = desk.item(id).orElseThrow(() -> new NotFound("comment " + id));
        model.addAttribute("item", item);
        model.addAttribute("text", item.comment().text());
        model.addAttribute("seen", item.comment().text());
        model.addAttribute("decisions", desk.decisionsFor(id));
        return EDIT;
    }

    @PostMapping("/admin/moderation/{id}")
    String saveEdit(@PathVariable long id, @RequestParam(defaultValue = "") String text,
                    @RequestParam(required = false) @Nullable String seen,
                    @RequestParam(defaultValue = "false") boolean approve, Model model,
                    @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        try {
            desk.edit(id, seen, text, approve, me);
            redirect.addFlashAttribute("notice", approve ? "moderation.done.editApprove" : "moderation.done.edit");
            return approve ? "redirect:/admin/moderation" : "redirect:/admin/moderation/" + id;
        } catch (InvalidInput e) {
            model.addAttribute("problems", e.problems());
            model.addAttribute("item", desk.item(id).orElseThrow(() -> new NotFound("comment " + id)));
            model.addAttribute("text", text);
            model.addAttribute("seen", seen);
            model.addAttribute("decisions", desk.decisionsFor(id));
            return EDIT;
        }
    }

    @GetMapping("/admin/moderation/log")
    String log(@RequestParam(name = "seite", defaultValue = "1") int page, Model model) {
        int p = Math.clamp(page, 1, 10_000);
        var decisions = desk.decisions(51, (p - 1) * 50);
        model.addAttribute("decisions", decisions.subList(0, Math.min(50, decisions.size())));
        model.addAttribute("page", p);
        model.addAttribute("hasNext", decisions.size() > 50);
        return LOG;
    }

    @GetMapping("/admin/moderation/bans")
    String bans(Model model) {
        model.addAttribute("bans", desk.bans());
        return BANS;
    }

    @PostMapping("/admin/moderation/bans/{id}/lift")
    String lift(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        desk.liftBan(id, me);
        redirect.addFlashAttribute("notice", "moderation.ban.lifted");
        return "redirect:/admin/moderation/bans";
    }

    private static String back(MultiValueMap<String, String> form) {
        String filter = Optional.ofNullable(form.getFirst("filter")).orElse("");
        String sort = Optional.ofNullable(form.getFirst("sort")).orElse("risk");
        return "redirect:/admin/moderation?filter=" + (filter.matches("[A-Z_]*") ? filter : "")
                + "&sort=" + ("oldest".equals(sort) ? "oldest" : "risk");
    }

    private static long parseId(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw InvalidInput.of("", "moderation.action.unknown");
        }
    }

    private static RiskAssessment.@Nullable Label label(String filter) {
        for (RiskAssessment.Label l : RiskAssessment.Label.values()) {
            if (l.name().equals(filter)) {
                return l;
            }
        }
        return null;
    }
}
