package org.condense;

/**
 * An error caused by the user's input (a missing dataset, a bad option, a malformed file).
 * The CLI prints its message as one line and exits non-zero, without a stack trace, so the
 * message must say what is wrong and how to fix it.
 */
public class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
