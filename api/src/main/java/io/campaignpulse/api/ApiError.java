package io.campaignpulse.api;

/** The JSON body of every API error: a stable machine-readable code and a message for people. */
public record ApiError(int status, String error, String message) {
}
