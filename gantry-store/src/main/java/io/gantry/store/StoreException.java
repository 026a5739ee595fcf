package io.gantry.store;

/** The store could not carry out a request (I/O failure, closed store). */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
