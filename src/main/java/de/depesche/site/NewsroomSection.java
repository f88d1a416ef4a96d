package de.depesche.site;

import java.util.Set;

/**
 * An entry in the newsroom navigation. Each module that owns newsroom screens contributes its
 * sections as beans; the newsroom frame shows those the signed-in staff member may use.
 *
 * @param path       where the section starts, e.g. {@code /admin/articles}
 * @param messageKey the label in the message bundles
 * @param order      position in the navigation, lower first
 * @param roles      roles that see it (without the {@code ROLE_} prefix); empty means every staff member
 */
public record NewsroomSection(String path, String messageKey, int order, Set<String> roles) {}
