#!/usr/bin/env bash
# Similar-articles quality on the labelled German news articles (10kGNAD dev split): precision@5 and
# MRR of "similar articles share the topic", beside a plain TF-IDF cosine in the same run.
# Usage: bench/search-quality.sh [path/to/gnad-articles-dev.tsv]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/java.sh
data=${1:-../shared/data/gnad-articles-dev.tsv}
[ -f "$data" ] || data=/work/shared/data/gnad-articles-dev.tsv
./mvnw -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
"$JAVA" --enable-native-access=ALL-UNNAMED -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" de.depesche.search.SearchQualityBenchmark "$data" 2> >(grep -v -e WARNING -e "^$" >&2)
