package org.livercast.learn.model;

import java.util.Locale;

/** The models LiverCast trains: PRE (before surgery) and POST (after pathology). */
public enum ModelKind {
    PRE, POST;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static ModelKind parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown model '" + s + "': expected pre or post");
        }
    }
}
