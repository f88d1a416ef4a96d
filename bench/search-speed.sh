#!/usr/bin/env bash
# Search speed: bulk indexing of 100 000 articles recombined from the 10kGNAD paragraphs, then search
# and similar-article latency (p50/p95/p99) at 1 and 8 concurrent clients, against the issue's targets.
# Usage: bench/search-speed.sh [path/to/gnad-articles-dev.tsv] [articles=100000] [requests per run=4000]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/java.sh
data=${1:-../shared/data/gnad-articles-dev.tsv}
[ -f "$data" ] || data=/work/shared/data/gnad-articles-dev.tsv
./mvnw -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
"$JAVA" -Xmx4g ${BENCH_OPTS:-} --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  de.depesche.search.SearchSpeedBenchmark "$data" "${2:-100000}" "${3:-4000}" 2> >(grep -v -e WARNING -e '^$' >&2)
