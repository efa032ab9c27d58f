package org.livercast.core.model;

import org.livercast.core.Checks;

/** A hospital that contributes patients. {@code id} is short and stable (it prefixes pseudonyms). */
public record Centre(String id, String name, String country) {
    public Centre {
        id = checkId("centre.id", id);
    }

    /** Centre ids prefix pseudonyms and file paths, so they are short and plain. */
    public static String checkId(String field, String id) {
        Checks.requiredText(field, id);
        if (!id.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new org.livercast.core.InvalidValueException(field, id, "must be 1-32 letters, digits, '-' or '_'");
        }
        return id;
    }
}
