package io.campaignpulse.producers.ingest;

import io.campaignpulse.producers.sim.SimEvent;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the rows of a file are: trade-in orders, fair gate reports or fair sales. Fixes the columns (the Avro
 * field names of the record, exactly), the topic the events go to and the parser of a row. A file's kind is
 * given ({@code --kind}) or told by its identifying column: {@code orderId}, {@code gateId} or {@code saleId}.
 */
public enum EventKind {

  ORDERS("orders", SimEvent.Stream.ORDERS, "orderId",
      List.of("orderId", "version", "campaignId", "category", "status", "purchaseAmountFen", "subsidyAmountFen",
          "merchantId", "street", "eventTime"),
      Set.of("street"), new OrderLineParser()),
  FAIR_VISITS("fair-visits", SimEvent.Stream.FAIR_VISITS, "gateId",
      List.of("fairId", "campaignId", "gateId", "visitors", "eventTime"),
      Set.of(), new FairVisitLineParser()),
  FAIR_SALES("fair-sales", SimEvent.Stream.FAIR_SALES, "saleId",
      List.of("saleId", "fairId", "campaignId", "merchantId", "category", "amountFen", "eventTime"),
      Set.of(), new FairSaleLineParser());

  private final String label;
  private final SimEvent.Stream stream;
  private final String identifyingColumn;
  private final List<String> columns;
  private final Set<String> optionalColumns;
  private final LineParser parser;

  EventKind(String label, SimEvent.Stream stream, String identifyingColumn, List<String> columns,
      Set<String> optionalColumns, LineParser parser) {
    this.label = label;
    this.stream = stream;
    this.identifyingColumn = identifyingColumn;
    this.columns = columns;
    this.optionalColumns = optionalColumns;
    this.parser = parser;
  }

  /** The name users write: {@code orders}, {@code fair-visits}, {@code fair-sales} (the topic roles). */
  public String label() {
    return label;
  }

  public SimEvent.Stream stream() {
    return stream;
  }

  /** Every column, in the record's field order. */
  public List<String> columns() {
    return columns;
  }

  /** Whether a file may leave the column out (its value is then null). */
  public boolean isOptional(String column) {
    return optionalColumns.contains(column);
  }

  public LineParser parser() {
    return parser;
  }

  /** The kind named {@code text}: a label or the constant's name, any case, {@code -} or {@code _}. */
  public static EventKind parse(String text) {
    String wanted = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (EventKind kind : values()) {
      if (kind.label.equals(wanted)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown kind '" + text + "'; kinds are orders, fair-visits, fair-sales");
  }

  /** The one kind whose identifying column is among {@code names}; empty when none or several are. */
  public static Optional<EventKind> infer(Collection<String> names) {
    List<EventKind> candidates = java.util.Arrays.stream(values())
        .filter(k -> names.contains(k.identifyingColumn)).toList();
    return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
  }

  /** Why the kind of rows with these column names cannot be told. */
  public static String cannotInfer(Collection<String> names, String noun) {
    return "cannot tell orders, fair-visits or fair-sales from the " + noun + "s " + names
        + " (an orderId, gateId or saleId " + noun + " tells); give --kind";
  }

  @Override
  public String toString() {
    return label;
  }
}
