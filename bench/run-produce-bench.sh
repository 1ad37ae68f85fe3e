#!/usr/bin/env bash
# Producer benchmark: the project's Avro path through the registry serde against Kafka's ProducerPerformance, in one
# JVM, on a KRaft broker and a schema registry it starts on 127.0.0.1 (or on yours: --bootstrap-servers H:P
# --schema-registry-url URL). Builds bench/target/campaign-pulse-bench.jar first when it is missing or older than
# the sources. Usage: bench/run-produce-bench.sh [--records N] [--partitions P] [--rounds R] [--help]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/campaign-pulse-bench.jar"
stale() {
  [[ ! -f "$jar" ]] && return 0
  [[ -n "$(find "$root" \( -name target -o -name var -o -name .git \) -prune -o -type f \
      \( -name '*.java' -o -name '*.avsc' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) \
      -newer "$jar" -print -quit)" ]]
}
if stale; then
  echo "bench: building the jar (first run, or the sources changed) ..." >&2
  (cd "$root" && mvn -B -q -DskipTests -pl bench -am package) >&2
fi
# a fixed heap: the records are generated in memory first, and heap resizing would add noise to the runs
exec java ${CAMPAIGN_PULSE_BENCH_JAVA_OPTS:--Xms1g -Xmx1g} -jar "$jar" produce "$@"
