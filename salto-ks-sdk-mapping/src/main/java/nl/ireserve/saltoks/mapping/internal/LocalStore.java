package nl.ireserve.saltoks.mapping.internal;

/**
 * Marks a store that lives in this process's memory: its calls cannot hang on a database or a network,
 * so the door-open path calls it directly instead of under a time limit on another thread.
 */
public interface LocalStore {}
