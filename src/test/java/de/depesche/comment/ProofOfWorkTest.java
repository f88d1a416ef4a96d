package de.depesche.comment;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProofOfWorkTest {

    static final String TOKEN = "1764900000.AbCdEfGhIjKlMnOp.0123456789abcdef0123456789abcdef";

    /** What the form's script does: counts up until SHA-256(token + counter) starts with enough zero bits. */
    static String search(String challenge, int bits) {
        for (long counter = 0; ; counter++) {
            if (ProofOfWork.leadingZeroBits(ProofOfWork.sha256(challenge + counter)) >= bits) {
                return Long.toString(counter);
            }
        }
    }

    static CommentProperties properties(int bits) {
        return new CommentProperties(5000, Duration.ofSeconds(3), Duration.ofHours(24), 5, 3, Duration.ofMinutes(10),
                "test", Duration.ofDays(7), bits, Duration.ofSeconds(15));
    }

    @Test
    void aCounterFoundForTheTokenIsAcceptedAnythingElseIsNot() {
        ProofOfWork pow = new ProofOfWork(properties(8));
        String counter = search(TOKEN, 8);
        assertThat(pow.enabled()).isTrue();
        assertThat(pow.solves(TOKEN, counter)).isTrue();
        assertThat(pow.solves(TOKEN.replace("Ab", "Ba"), counter)).as("the answer belongs to its token").isFalse();
        String wrong = java.util.stream.LongStream.range(0, 1000).mapToObj(Long::toString)
                .filter(c -> ProofOfWork.leadingZeroBits(ProofOfWork.sha256(TOKEN + c)) < 8).findFirst().orElseThrow();
        assertThat(pow.solves(TOKEN, wrong)).isFalse();
        assertThat(pow.solves(TOKEN, "")).isFalse();
        assertThat(pow.solves(TOKEN, " " + counter)).isFalse();
        assertThat(pow.solves(TOKEN, "-" + counter)).isFalse();
        assertThat(pow.solves(TOKEN, "1".repeat(21))).isFalse();
    }

    @Test
    void zeroBitsMeansOffAndMoreThan24AreRefusedAtStart() {
        assertThat(new ProofOfWork(properties(0)).enabled()).isFalse();
        assertThatThrownBy(() -> properties(25)).hasMessageContaining("proof-of-work-bits");
        assertThatThrownBy(() -> properties(-1)).hasMessageContaining("proof-of-work-bits");
    }

    @Test
    void leadingZeroBitsAreCountedAcrossBytes() {
        assertThat(ProofOfWork.leadingZeroBits(new byte[] {0, 0, 0x01, 0})).isEqualTo(23);
        assertThat(ProofOfWork.leadingZeroBits(new byte[] {(byte) 0x80})).isZero();
        assertThat(ProofOfWork.leadingZeroBits(new byte[] {0x0f})).isEqualTo(4);
        assertThat(ProofOfWork.leadingZeroBits(new byte[] {0, 0})).isEqualTo(16);
    }

    @Test
    void formsWithoutACounterWaitLongerButNeverLessThanTheUsualMinimum() {
        assertThat(properties(8).fillTimeWithoutProofOfWork()).isEqualTo(Duration.ofSeconds(15));
        CommentProperties odd = new CommentProperties(5000, Duration.ofSeconds(20), Duration.ofHours(24), 5, 3,
                Duration.ofMinutes(10), "test", Duration.ofDays(7), 8, Duration.ofSeconds(5));
        assertThat(odd.fillTimeWithoutProofOfWork()).isEqualTo(Duration.ofSeconds(20));
    }
}
