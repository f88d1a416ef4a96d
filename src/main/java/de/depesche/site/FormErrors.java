package de.depesche.site;

import org.springframework.validation.BindingResult;

/** Shows the problems of an {@link InvalidInput} on a server-rendered form, beside the fields they concern. */
public final class FormErrors {

    private FormErrors() {}

    public static void apply(InvalidInput invalid, BindingResult result) {
        for (InvalidInput.Problem p : invalid.problems()) {
            if (!p.field().isEmpty() && result.getFieldType(p.field()) != null) {
                result.rejectValue(p.field(), p.messageKey(), p.args(), p.messageKey());
            } else {
                result.reject(p.messageKey(), p.args(), p.messageKey());
            }
        }
    }
}
