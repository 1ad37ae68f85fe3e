/**
 * Replays of historical campaigns: the live topology run again over a bounded part of the input topics (or over
 * event files), under its own application id, with what-if overrides, and the reports made of the result.
 */
package io.campaignpulse.replay;
