package de.depesche.site;

import java.util.Arrays;
import java.util.List;

/**
 * Input that a rule of the domain refuses. Each problem names the field and a message key, so that
 * the newsroom form, the reader form and the JSON API can all say what is wrong in the user's language.
 */
public class InvalidInput extends RuntimeException {

    private final List<Problem> problems;

    public InvalidInput(List<Problem> problems) {
        super(problems.toString());
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidInput needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public static InvalidInput of(String field, String messageKey, Object... args) {
        return new InvalidInput(List.of(new Problem(field, messageKey, args)));
    }

    public List<Problem> problems() {
        return problems;
    }

    /** @param field the input field, or {@code ""} for the whole input */
    public record Problem(String field, String messageKey, Object[] args) implements java.io.Serializable {
        public Problem {
            args = args.clone();
        }

        @Override
        public String toString() {
            return field + ": " + messageKey + Arrays.toString(args);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Problem p && p.field.equals(field) && p.messageKey.equals(messageKey)
                    && Arrays.equals(p.args, args);
        }

        @Override
        public int hashCode() {
            return field.hashCode() * 31 + messageKey.hashCode();
        }
    }

    /** Collects problems and throws them together, so a form shows every mistake at once. */
    public static final class Collector {
        private final java.util.ArrayList<Problem> problems = new java.util.ArrayList<>();

        public Collector add(String field, String messageKey, Object... args) {
            problems.add(new Problem(field, messageKey, args));
            return this;
        }

        public boolean isEmpty() {
            return problems.isEmpty();
        }

        public void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new InvalidInput(problems);
            }
        }
    }
}
