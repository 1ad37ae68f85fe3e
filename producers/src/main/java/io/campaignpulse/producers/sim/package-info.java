/**
 * The campaign simulator: a deterministic, calibrated year of Chuanhui District's consumption campaigns.
 *
 * <p>{@link io.campaignpulse.producers.sim.Scenario} is the year to simulate (JSON, money in whole yuan);
 * {@link io.campaignpulse.producers.sim.CampaignSimulator} turns it into
 * {@link io.campaignpulse.producers.sim.SimEvent}s (campaign definitions, trade-in order versions, fair
 * gate counts, fair sales) with optional {@link io.campaignpulse.producers.sim.Faults}, and keeps the
 * {@link io.campaignpulse.producers.sim.GroundTruth} of what it emitted. Inside: the calendar and its
 * seasonality, price lists and subsidy rules, the order lifecycle, the trade-in and fair generators, the
 * fault injector and the truth tracker, one class each.
 */
package io.campaignpulse.producers.sim;
