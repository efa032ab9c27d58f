package org.livercast.study.models;

/**
 * A model as the registry keeps it: its content id, kind, the code version and training data it came from, its card
 * (model.json, as text) and its weights. The store does not interpret the card: the learn module does.
 */
public record RegisteredModel(String modelId, String kind, String codeVersion, String trainingDataSha256, String cardJson, byte[] weights) {}
