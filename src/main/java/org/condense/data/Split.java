package org.condense.data;

/** Which part of a dataset to read. ImageFolder roots map TEST to their {@code val/} folder. */
public enum Split {
    TRAIN,
    TEST
}
