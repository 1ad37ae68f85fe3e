#!/usr/bin/env bash
# Replay benchmark: the replay engine (replay module: the live topology, at-least-once, in-memory stores, its own
# application id) on a KRaft broker and a schema registry it starts on 127.0.0.1 (or on yours: --bootstrap-servers
# H:P --schema-registry-url URL). Pre-produces a deterministic workload of trade-in order events (default
# 2,000,000) and the campaign definitions, runs Kafka's ConsumerPerformance over the order topic, then replays all
# campaigns and times it from the run call and from RUNNING until the outcome; the replay's totals must equal an
# independent reference model exactly (exit 1 otherwise). Prints a table and writes the figures as JSON.
# Builds bench/target/campaign-pulse-bench.jar first when it is missing or older than the sources
# (CAMPAIGN_PULSE_BENCH_SKIP_BUILD=1 skips that).
# Usage: bench/run-replay-bench.sh [--events N] [--orders N] [--district-2024]
#        [--commit-interval-ms MS] [-S KEY=VALUE ...] [--json FILE] [--help]
# JVM options: CAMPAIGN_PULSE_BENCH_JAVA_OPTS (default -Xms3g -Xmx3g: the workload in memory, then the replay's
# in-memory stores).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/jar.sh"
exec "${CAMPAIGN_PULSE_BENCH_JAVA:-java}" ${CAMPAIGN_PULSE_BENCH_JAVA_OPTS:--Xms3g -Xmx3g} -jar "$jar" replay "$@"
