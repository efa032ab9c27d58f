package org.livercast.core.endpoint;

/** A survival outcome: days from surgery to the event, or to censoring when {@code event} is false. */
public record TimeToEvent(long days, boolean event) {
    public TimeToEvent {
        if (days < 0) throw new org.livercast.core.InvalidValueException("days", days, "must not be negative");
    }
}
