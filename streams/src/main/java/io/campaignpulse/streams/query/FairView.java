package io.campaignpulse.streams.query;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One fair of a campaign: visitors counted at its gates, its sales, and sales per visitor (fen, rounded half-up
 * to whole fen; null before the first visitor).
 */
public record FairView(String fairId, long visitors, long sales, long salesFen, Long salesFenPerVisitor) {

  public static FairView of(Bucket b) {
    Long perVisitor = b.visitors() == 0 ? null
        : BigDecimal.valueOf(b.fairSalesFen()).divide(BigDecimal.valueOf(b.visitors()), 0, RoundingMode.HALF_UP)
            .longValueExact();
    return new FairView(b.key(), b.visitors(), b.fairSales(), b.fairSalesFen(), perVisitor);
  }
}
