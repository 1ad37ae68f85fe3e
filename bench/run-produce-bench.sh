#!/usr/bin/env bash
# Producer benchmark: the project's Avro path through the registry serde against Kafka's ProducerPerformance, in one
# JVM, on a KRaft broker and a schema registry it starts on 127.0.0.1 (or on yours: --bootstrap-servers H:P
# --schema-registry-url URL). Builds bench/target/campaign-pulse-bench.jar first when it is missing or older than
# the sources (CAMPAIGN_PULSE_BENCH_SKIP_BUILD=1 skips that). Usage: bench/run-produce-bench.sh [--records N] [--partitions P] [--rounds R] [--help]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/jar.sh"
# a fixed heap: the records are generated in memory first, and heap resizing would add noise to the runs
exec "${CAMPAIGN_PULSE_BENCH_JAVA:-java}" ${CAMPAIGN_PULSE_BENCH_JAVA_OPTS:--Xms1g -Xmx1g} -jar "$jar" produce "$@"
