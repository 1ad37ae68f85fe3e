/**
 * Historical ingest: analysts' CSV and JSON Lines files of trade-in orders, fair visits and fair sales, plain or
 * gzip, read line by line, validated with the pipeline's input contract and handed to a sink (Kafka, or nothing
 * for a dry run). Every event keeps its own time as its record timestamp. A bad line is never dropped silently:
 * it goes to a rejects file with its file, line number and reason.
 *
 * <p>Reading: {@link io.campaignpulse.producers.ingest.FileInput} (gzip by magic bytes),
 * {@link io.campaignpulse.producers.ingest.SourceLines} (lines, strict UTF-8),
 * {@link io.campaignpulse.producers.ingest.CsvEventReader} / {@link io.campaignpulse.producers.ingest.JsonLinesEventReader}
 * (rows by column name). Mapping: one {@link io.campaignpulse.producers.ingest.LineParser} per
 * {@link io.campaignpulse.producers.ingest.EventKind}, then {@link io.campaignpulse.producers.ingest.RecordChecks}.
 * Driving: {@link io.campaignpulse.producers.ingest.FileIngest}.
 */
package io.campaignpulse.producers.ingest;
