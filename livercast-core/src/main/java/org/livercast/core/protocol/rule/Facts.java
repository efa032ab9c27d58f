package org.livercast.core.protocol.rule;

/** Looks up facts by name; a name the source does not define is a programming or protocol error. */
@FunctionalInterface
public interface Facts {
    Fact get(String name);
}
