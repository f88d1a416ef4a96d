#!/usr/bin/env bash
# Regenerates the moderation assistant's shipped weights in src/main/resources/de/depesche/moderation/assistant/
# from the development data (term weights and demeaning model from GermEval 2018, off-topic weights from the
# One Million Posts comments with a title). Deterministic: rerunning gives identical files. Afterwards it checks
# that no shipped term comes from a Twitter user handle alone (the term weights count only the words of the
# tweets). Measure after training with bench/moderation-quality.sh.
#
#   bench/moderation-train.sh
source "$(dirname "$0")/moderation-common.sh"
OUT=src/main/resources/de/depesche/moderation/assistant
"$JAVA" -Ddepesche.data="$DATA" -cp "$CLASSPATH_ALL" de.depesche.moderation.assistant.ModerationTraining "$OUT"
(cd "$OUT" && sha256sum demeaning-model.bin.gz offtopic-model.properties term-weights.tsv.gz)
"$JAVA" -Ddepesche.data="$DATA" -cp "$CLASSPATH_ALL" de.depesche.moderation.assistant.ShippedTermsCheck "$OUT"
