#!/usr/bin/env bash
# Calibration of the similar-news threshold (DEPESCHE_SUBSCRIPTIONS_SIMILAR_MIN_SCORE) on the labelled
# 10kGNAD dev articles: the articles are published into a fresh Depesche in file order, the search index
# is built from them, and for each article the search module is asked for the earlier articles similar
# to it (earlierArticlesSimilarTo), at thresholds 0.10 … 0.70. Prints precision ("same topic" counts as
# correct), recall, mean matches per article, and the lowest threshold with precision ≥ 0.8 and ≥ 0.9.
# Deterministic; about five minutes. Usage: bench/similar-threshold.sh [path/to/gnad-articles-dev.tsv] [articles]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/java.sh
data=${1:-../shared/data/gnad-articles-dev.tsv}
[ -f "$data" ] || data=/work/shared/data/gnad-articles-dev.tsv
./mvnw -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
"$JAVA" --enable-native-access=ALL-UNNAMED -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  de.depesche.subscription.SimilarThresholdCalibration "$data" ${2:-} 2> >(grep -v -e WARNING -e "^$" >&2)
