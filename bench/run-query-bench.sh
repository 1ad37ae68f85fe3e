#!/usr/bin/env bash
# Query benchmark: latency (p50/p90/p99/p99.9/max) and requests/s of the campaign detail endpoint
# (GET /api/campaigns/{id}) of the running app (the app's PipelineService: the exactly_once_v2 pipeline and its
# Javalin API) WHILE the pipeline ingests. On a KRaft broker and a schema registry it starts on 127.0.0.1 (or on
# yours: --bootstrap-servers H:P --schema-registry-url URL) it pre-produces a history of order events (default
# 200,000 over 20 campaigns) and lets the app consume it, then sends new orders at --ingest-rate (default 2,000/s)
# through every query phase. Each phase is a warm-up (default 5 s, not counted) and a measured window (default
# 20 s) of closed-loop load on 127.0.0.1: --connections keep-alive socket clients (default 16) in a JVM of their own, each
# requesting a random campaign as soon as its previous answer is read. Every response must be 200 and parse as the
# requested campaign's CampaignView, else the run fails (exit 1). Baselines in the same run: GET /health with the
# same generator (Javalin's floor), wrk with the same connections against both endpoints when installed (Debian:
# apt-get install wrk; skipped with the reason otherwise), and Kafka's ProducerPerformance on the same broker,
# each as a ratio. Also reported: the ingest rate achieved and the app's consumer lag in each phase, and how long
# the app took to consume the rest after the ingest stopped. Builds bench/target/campaign-pulse-bench.jar first
# when it is missing or older than the sources (CAMPAIGN_PULSE_BENCH_SKIP_BUILD=1 skips that).
# Usage: bench/run-query-bench.sh [--connections C] [--seconds S] [--warmup-seconds S] [--ingest-rate N]
#        [--history-events N] [--campaigns N] [--no-wrk] [--help]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/jar.sh"
# a fixed heap, as the other benchmarks: heap resizing would add noise to the run
exec "${CAMPAIGN_PULSE_BENCH_JAVA:-java}" ${CAMPAIGN_PULSE_BENCH_JAVA_OPTS:--Xms2g -Xmx2g} -jar "$jar" query "$@"
