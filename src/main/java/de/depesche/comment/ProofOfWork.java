package de.depesche.comment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.springframework.stereotype.Component;

/**
 * Optional proof-of-work for the comment form ({@code depesche.comments.proof-of-work-bits}): the reader's
 * browser (script {@code /js/comment-pow.js}) searches a counter so that SHA-256 of the form's token followed
 * by the counter in decimal digits starts with the configured number of zero bits. The token is signed and
 * accepted once, so no answer can be computed ahead or used twice. Costs a browser a moment, a bot that
 * posts thousands of comments much more. A form sent without a counter (no JavaScript) is accepted only
 * after a longer fill time instead ({@link CommentProperties#fillTimeWithoutProofOfWork()}).
 */
@Component("commentProofOfWork")
public class ProofOfWork {

    /** Counters are decimal numbers; 20 digits cover every long. */
    private static final int MAX_COUNTER_DIGITS = 20;

    private final int bits;
    private final long secondsWithoutScript;

    ProofOfWork(CommentProperties properties) {
        this.bits = properties.proofOfWorkBits();
        this.secondsWithoutScript = properties.fillTimeWithoutProofOfWork().toSeconds();
    }

    public boolean enabled() {
        return bits > 0;
    }

    public int bits() {
        return bits;
    }

    /** How long a form must be open when it comes without a counter (shown to readers without JavaScript). */
    public long secondsWithoutScript() {
        return secondsWithoutScript;
    }

    /** Whether {@code counter} solves the puzzle for this challenge (the form's token). */
    public boolean solves(String challenge, String counter) {
        return solves(challenge, counter, bits);
    }

    static boolean solves(String challenge, String counter, int bits) {
        if (bits <= 0) {
            return true;
        }
        if (counter.isEmpty() || counter.length() > MAX_COUNTER_DIGITS || !counter.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return leadingZeroBits(sha256(challenge + counter)) >= bits;
    }

    static int leadingZeroBits(byte[] digest) {
        int zeros = 0;
        for (byte b : digest) {
            if (b == 0) {
                zeros += 8;
            } else {
                return zeros + Integer.numberOfLeadingZeros(b & 0xff) - 24;
            }
        }
        return zeros;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
