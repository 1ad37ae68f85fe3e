#!/usr/bin/python3
"""Publishes TradeInOrder events into campaign-pulse the way a producer we did not write would.

A third-party producer written only against the published contract, with Debian's packages and nothing of
this project: python3-confluent-kafka (the Kafka producer and the Confluent schema registry client),
python3-avro (Avro binary encoding) and python3-requests. ThirdPartyProducerIT drives it; the README's
"Producing from other languages" section shows it as the Python example.

The contract it follows:
  * topic `tradein-orders` (--topic), key = orderId as a UTF-8 string;
  * value = Confluent wire format: byte 0, the 4-byte big-endian schema id, then Avro binary;
  * the schema is the latest version of subject `<topic>-value` (TopicNameStrategy), which the streams app
    registers at start-up: the producer looks it up and never registers one of its own;
  * partitioner murmur2_random, the Java client's, so that an order lands on the same partition whichever
    client sends it.

Why not confluent_kafka.schema_registry.avro.AvroSerializer: in 1.7.0 it needs fastavro, which Debian 12 does
not package. The five-byte header below is all it would add around python3-avro's encoding.

Input: one order per line as JSON, from the file given as argument or from stdin, e.g.
  {"orderId": "O-1", "version": 1, "campaignId": "C-1", "category": "AUTO", "status": "SUBMITTED",
   "purchaseAmountFen": 15000000, "subsidyAmountFen": 2000000, "merchantId": "M-1", "street": null,
   "eventTime": 1727748000000}
eventTime is epoch milliseconds or an ISO-8601 time with an offset. Blank lines are skipped.

Usage: produce_orders.py --bootstrap-servers HOST:PORT --schema-registry-url URL [--topic T] [FILE]
Exit code 0 when every order was acknowledged by the broker (acks=all), 1 otherwise; a line that is not
an order or does not match the schema stops the run (the lines before it are sent).
"""

import argparse
import datetime
import io
import json
import struct
import sys

import avro.io
import avro.schema
from confluent_kafka import SerializingProducer
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.serialization import SerializationError, Serializer, StringSerializer

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


class ConfluentAvroSerializer(Serializer):
  """Avro values in the Confluent wire format, with the latest schema of the subject <topic>-value."""

  def __init__(self, registry):
    self._registry = registry
    self._by_subject = {}

  def schema_of(self, topic):
    subject = topic + "-value"
    if subject not in self._by_subject:
      latest = self._registry.get_latest_version(subject)
      self._by_subject[subject] = (latest.schema_id, avro.schema.parse(latest.schema.schema_str))
    return self._by_subject[subject]

  def __call__(self, obj, ctx):
    schema_id, schema = self.schema_of(ctx.topic)
    out = io.BytesIO()
    out.write(struct.pack(">bI", 0, schema_id))
    avro.io.DatumWriter(schema).write(obj, avro.io.BinaryEncoder(out))
    return out.getvalue()


def to_datetime(value):
  """timestamp-millis takes a datetime in python3-avro: epoch millis or ISO-8601 text, exactly."""
  if isinstance(value, int):
    return _EPOCH + datetime.timedelta(milliseconds=value)
  return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))


def read_orders(lines):
  for number, line in enumerate(lines, start=1):
    if not line.strip():
      continue
    try:
      order = json.loads(line)
      order.setdefault("street", None)
      order["eventTime"] = to_datetime(order["eventTime"])
    except (ValueError, KeyError, TypeError, AttributeError) as e:
      raise SystemExit(f"line {number}: not an order: {e!r}")
    yield number, order


def main():
  parser = argparse.ArgumentParser(description="Publish TradeInOrder JSON lines to campaign-pulse.")
  parser.add_argument("--bootstrap-servers", required=True, help="Kafka bootstrap servers, HOST:PORT[,...]")
  parser.add_argument("--schema-registry-url", required=True, help="Confluent-compatible schema registry URL")
  parser.add_argument("--topic", default="tradein-orders")
  parser.add_argument("file", nargs="?", help="JSON lines, one order each (default: stdin)")
  args = parser.parse_args()

  values = ConfluentAvroSerializer(SchemaRegistryClient({"url": args.schema_registry_url}))
  schema_id, _ = values.schema_of(args.topic)
  producer = SerializingProducer({
      "bootstrap.servers": args.bootstrap_servers,
      "enable.idempotence": True,  # acks=all, no duplicates or reordering on retries
      "partitioner": "murmur2_random",  # same partition as the Java client for the same key
      "linger.ms": 10,
      "key.serializer": StringSerializer("utf_8"),
      "value.serializer": values,
  })
  failures = []

  def delivered(err, msg):
    if err is not None:
      failures.append(f"{msg.key()}: {err}")

  source = open(args.file, encoding="utf-8") if args.file else sys.stdin
  sent = 0
  with source:
    for number, order in read_orders(source):
      timestamp = int((order["eventTime"] - _EPOCH) / datetime.timedelta(milliseconds=1))
      while True:
        try:
          producer.produce(args.topic, key=order.get("orderId"), value=order, timestamp=timestamp,
                           on_delivery=delivered)
          break
        except BufferError:  # local queue full: let deliveries drain, then retry
          producer.poll(0.5)
        except SerializationError as e:  # the order does not match the registered schema
          producer.flush(60)
          print(f"line {number}: not sent, does not match {args.topic}-value: {e}", file=sys.stderr)
          return 1
      producer.poll(0)
      sent += 1
  remaining = producer.flush(60)
  if remaining or failures:
    print(f"{len(failures) + remaining} of {sent} orders not delivered: {failures[:5]}", file=sys.stderr)
    return 1
  print(f"sent {sent} orders to {args.topic} with schema id {schema_id}")
  return 0


if __name__ == "__main__":
  sys.exit(main())
