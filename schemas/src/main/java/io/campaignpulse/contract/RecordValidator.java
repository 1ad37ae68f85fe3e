package io.campaignpulse.contract;

/** Checks a decoded record against the contract; answers why it is invalid, or null when it is valid. */
@FunctionalInterface
public interface RecordValidator<T> {

  String problem(String key, T value);
}
