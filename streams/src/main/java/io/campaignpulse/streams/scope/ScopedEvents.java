package io.campaignpulse.streams.scope;

import io.campaignpulse.avro.Campaign;
import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.streams.decode.Decoded;

/**
 * The scope's decisions on valid events: definitions of its campaigns and events within its time range continue,
 * the others are passed over (and counted); orders are rewritten by the what-if rule.
 */
public final class ScopedEvents {

  private final InputScope scope;

  public ScopedEvents(InputScope scope) {
    this.scope = scope;
  }

  public boolean campaign(Decoded<Campaign> d) {
    return counted(scope.includesCampaign(d.value().getCampaignId()));
  }

  public boolean order(Decoded<TradeInOrder> d) {
    return counted(scope.inRange(d.value().getEventTime()));
  }

  public boolean fairVisit(Decoded<FairVisit> d) {
    return counted(scope.inRange(d.value().getEventTime()));
  }

  public boolean fairSale(Decoded<FairSale> d) {
    return counted(scope.inRange(d.value().getEventTime()));
  }

  /** The order as the scope counts it: rewritten by the what-if rule, bytes unchanged (for late-event copies). */
  public Decoded<TradeInOrder> rewrite(Decoded<TradeInOrder> d) {
    TradeInOrder rewritten = scope.orderRewrite().apply(d.value());
    return rewritten == d.value() ? d : Decoded.valid(rewritten, d.rawValue());
  }

  private boolean counted(boolean inScope) {
    if (!inScope) {
      scope.counters().countPassedOver();
    }
    return inScope;
  }
}
