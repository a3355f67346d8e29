package org.condense.bench;

import java.util.Map;

/** A protocol preset (or YAML file) of a grid with the fields it overrides. */
public record ProtocolEntry(String preset, Map<String, String> set) {}
