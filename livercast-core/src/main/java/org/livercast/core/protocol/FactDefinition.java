package org.livercast.core.protocol;

import java.util.function.Function;
import org.livercast.core.protocol.rule.Fact;

/** A named fact about a patient: its type, what it means (with units), and how it is derived from the record. */
public record FactDefinition(String name, FactType type, String description, Function<ScreeningContext, Fact> derive) {}
