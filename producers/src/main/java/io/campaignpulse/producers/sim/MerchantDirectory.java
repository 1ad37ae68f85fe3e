package io.campaignpulse.producers.sim;

import io.campaignpulse.avro.Category;
import io.campaignpulse.producers.sim.Scenario.MerchantSpec;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Chooses the merchant of an order or a sale: among the merchants selling the category whose segment
 * the channel allows (trade-in stores and dealers, fair exhibitors, festival stalls), by weight.
 */
final class MerchantDirectory {

  private final List<MerchantSpec> merchants;
  private final Map<Category, Map<Collection<String>, Weighted<MerchantSpec>>> pickers = new EnumMap<>(Category.class);

  MerchantDirectory(List<MerchantSpec> merchants) {
    this.merchants = List.copyOf(merchants);
  }

  boolean has(Category category, Collection<String> segments) {
    return merchants.stream().anyMatch(m -> sells(m, category, segments));
  }

  MerchantSpec pick(Category category, Collection<String> segments, SplittableRandom rnd) {
    return pickers.computeIfAbsent(category, c -> new HashMap<>())
        .computeIfAbsent(segments, s -> new Weighted<>(
            merchants.stream().filter(m -> sells(m, category, s)).toList(), MerchantSpec::weight))
        .pick(rnd);
  }

  private static boolean sells(MerchantSpec m, Category category, Collection<String> segments) {
    return m.categories().contains(category) && segments.contains(m.segment());
  }
}
