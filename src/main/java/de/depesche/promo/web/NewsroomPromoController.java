package de.depesche.promo.web;


import de.depesche.account.StaffPrincipal;
import de.depesche.article.ImageLibrary;
import de.depesche.promo.PromoItem;
import de.depesche.promo.PromoKind;
import de.depesche.promo.PromoPlacement;
import de.depesche.promo.Promotions;
import de.depesche.site.FormErrors;
import de.depesche.site.InvalidInput;
import de.depesche.site.NotFound;
import org.jspecify.annotations.Nullable;
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

/** The newsroom's promo boxes: items with their click counts, the editor, switching items on and off, deleting them. */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'EDITOR')")
class NewsroomPromoController {

    static final String LIST = "promo/admin/list";
    static final String EDITOR = "promo/admin/editor";

    private final Promotions promotions;
    private final ImageLibrary images;

    NewsroomPromoController(Promotions promotions, ImageLibrary images) {
        this.promotions = promotions;
        this.images = images;
    }

    @GetMapping("/admin/promos")
    String list(Model model) {
        model.addAttribute("items", promotions.all());
        model.addAttribute("clicks", promotions.clicks());
        return LIST;
    }

    @GetMapping("/admin/promos/new")
    String newItem(Model model) {
        return editor(model, new PromoForm(), null);
    }

    @PostMapping("/admin/promos")
    String create(@ModelAttribute("form") PromoForm form, BindingResult result, Model model,
                  @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        try {
            storeUploadedImage(form, me);
            PromoItem created = promotions.create(form.toDraft(), me);
            redirect.addFlashAttribute("notice", "promo.saved");
            return "redirect:/admin/promos/" + created.id();
        } catch (InvalidInput e) {
            FormErrors.apply(e, result);
            return editor(model, form, null);
        }
    }

    @GetMapping("/admin/promos/{id:[0-9]+}")
    String edit(@PathVariable long id, Model model) {
        PromoItem item = load(id);
        return editor(model, PromoForm.of(item), item);
    }

    @PostMapping("/admin/promos/{id:[0-9]+}")
    String update(@PathVariable long id, @ModelAttribute("form") PromoForm form, BindingResult result, Model model,
                  @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        PromoItem item = load(id);
        try {
            storeUploadedImage(form, me);
            promotions.update(id, form.toDraft(), me);
            redirect.addFlashAttribute("notice", "promo.saved");
            return "redirect:/admin/promos/" + id;
        } catch (InvalidInput e) {
            FormErrors.apply(e, result);
            return editor(model, form, item);
        }
    }

    @PostMapping("/admin/promos/{id:[0-9]+}/active")
    String setActive(@PathVariable long id, @RequestParam(defaultValue = "false") boolean active,
                     @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        load(id);
        promotions.setActive(id, active, me);
        redirect.addFlashAttribute("notice", active ? "promo.activated" : "promo.deactivated");
        return "redirect:/admin/promos";
    }

    @PostMapping("/admin/promos/{id:[0-9]+}/delete")
    String delete(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        load(id);
        promotions.delete(id, me);
        redirect.addFlashAttribute("notice", "promo.deleted");
        return "redirect:/admin/promos";
    }

    private String editor(Model model, PromoForm form, @Nullable PromoItem item) {
        model.addAttribute("form", form);
        model.addAttribute("item", item);
        model.addAttribute("kinds", PromoKind.values());
        model.addAttribute("placements", PromoPlacement.values());
        model.addAttribute("days", item == null ? java.util.List.of() : promotions.clicksByDay(item.id()));
        return EDITOR;
    }

    private void storeUploadedImage(PromoForm form, StaffPrincipal me) {
        images.upload(form.getImage(), me).ifPresent(stored -> form.setImageId(stored.id()));
    }

    private PromoItem load(long id) {
        return promotions.find(id).orElseThrow(() -> new NotFound("promo " + id));
    }
}
