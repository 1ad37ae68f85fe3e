# Sourced by the bench scripts: sets $jar to bench/target/campaign-pulse-bench.jar, building it first when it is
# missing or older than the sources (CAMPAIGN_PULSE_BENCH_SKIP_BUILD=1 skips that).
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/campaign-pulse-bench.jar"
stale() {
  [[ ! -f "$jar" ]] && return 0
  [[ -n "$(find "$root" \( -name target -o -name var -o -name .git \) -prune -o -type f \
      \( -name '*.java' -o -name '*.avsc' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) \
      -newer "$jar" -print -quit)" ]]
}
if [[ "${CAMPAIGN_PULSE_BENCH_SKIP_BUILD:-}" != 1 ]] && stale; then
  echo "bench: building the jar (first run, or the sources changed) ..." >&2
  (cd "$root" && mvn -B -q -DskipTests -pl bench -am package) >&2
fi
