package org.livercast.core.protocol;

/** What kind of value a fact holds; rules are checked against it when a protocol loads. */
public enum FactType { NUMBER, TEXT, BOOLEAN, TEXT_SET }
