#!/usr/bin/env bash
# Streams benchmark: the real topology (the app's PipelineService, exactly_once_v2) on a KRaft broker and a schema
# registry it starts on 127.0.0.1 (or on yours: --bootstrap-servers H:P --schema-registry-url URL). Pre-produces a
# deterministic workload of trade-in order events (default 2,000,000), times the pipeline from RUNNING until
# campaign-totals equals an independent reference model exactly (exit 1 if it never does), measures end-to-end
# latency with probe orders at a paced rate, and runs Kafka's ProducerPerformance and ConsumerPerformance on the same
# broker for comparison. Builds bench/target/campaign-pulse-bench.jar first when it is missing or older than the
# sources (CAMPAIGN_PULSE_BENCH_SKIP_BUILD=1 skips that).
# Usage: bench/run-streams-bench.sh [--events N] [--orders N] [--partitions P] [--rate N] [--latency-seconds S]
#        [--stream-threads N] [--commit-interval-ms MS] [--help]
# JVM options: CAMPAIGN_PULSE_BENCH_JAVA_OPTS (default -Xms2g -Xmx2g), e.g. add
#   -XX:StartFlightRecording=filename=streams-bench.jfr,settings=profile   for a JFR profile of the run.
# Another Java: CAMPAIGN_PULSE_BENCH_JAVA (default java on the PATH), e.g. a JDK 25 for its ahead-of-time cache:
#   a first run with -XX:AOTCacheOutput=bench.aot records it, later runs with -XX:AOTCache=bench.aot use it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/jar.sh"
# a fixed heap: the workload is generated in memory first, and heap resizing would add noise to the run
exec "${CAMPAIGN_PULSE_BENCH_JAVA:-java}" ${CAMPAIGN_PULSE_BENCH_JAVA_OPTS:--Xms2g -Xmx2g} -jar "$jar" streams "$@"
