package de.depesche.site;

import java.util.Map;

/**
 * What a module stores about a person identified by an e-mail address, for data requests under the
 * DSGVO (access, Art. 15/20; erasure, Art. 17). Modules that keep such data declare a bean; the
 * newsroom's data-request page asks all of them at once.
 */
public interface PersonalData {

    /** Message key naming the kind of data, e.g. {@code privacy.data.comments}. */
    String label();

    /** Everything stored about the address, as plain values (strings, numbers, lists, maps); empty when nothing. */
    Map<String, Object> export(String email);

    /** Erases (or irreversibly anonymises) everything stored about the address; returns how many records changed. */
    int erase(String email);
}
