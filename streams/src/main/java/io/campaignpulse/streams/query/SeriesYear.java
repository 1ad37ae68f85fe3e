package io.campaignpulse.streams.query;

/**
 * One year of a campaign series: the campaign(s) of that year summed, and growth over the previous year of the
 * series as an exact percentage rounded to one decimal (null for the first year or when the previous year had
 * none), computed from integer counts.
 */
public record SeriesYear(
    int year,
    java.util.List<String> campaignIds,
    long visitors,
    long consumptionFen,
    long fairSalesFen,
    long orders,
    long subsidyFen,
    String visitorGrowthPercent,
    String consumptionGrowthPercent) {
}
