package dev.ragkb.core;

/**
 * One entry of a ranking: a key (a chunk id, or an index's own document number) and its score.
 * Scores are only comparable within one ranking.
 */
public record Ranked<K>(K key, double score) {}
