package org.livercast.core.model;

import org.livercast.core.Checks;

/** A hospital that contributes patients. {@code id} is short and stable (it prefixes pseudonyms). */
public record Centre(String id, String name, String country) {
    public Centre {
        id = Checks.requiredText("centre.id", id);
        if (!id.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new org.livercast.core.InvalidValueException("centre.id", id, "must be 1-32 letters, digits, '-' or '_'");
        }
    }
}
