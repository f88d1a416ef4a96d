package de.depesche.comment;

import java.util.Optional;

/**
 * A rule from outside the comment module that can refuse a submission, such as a moderator's ban.
 * Implemented by modules that know such rules (moderation), so the comment module needs none of them.
 */
public interface SubmissionGuard {

    /**
     * @param email       the normalised e-mail address
     * @param networkHash the salted hash of the reader's network
     * @return a message key explaining the refusal, or empty to let it pass
     */
    Optional<String> refuse(String email, String networkHash);
}
