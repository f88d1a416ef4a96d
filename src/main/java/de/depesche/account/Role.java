package de.depesche.account;

/** What a staff member may do in the newsroom. */
public enum Role {
    /** Everything, including settings, staff and integrations. */
    ADMIN,
    /** Writes, edits and publishes any article; manages categories. */
    EDITOR,
    /** Writes articles and edits own drafts; an editor publishes them. */
    AUTHOR,
    /** Works the comment queue. */
    MODERATOR;

    public String authority() {
        return "ROLE_" + name();
    }
}
