#!/usr/bin/env bash
# Quality of the moderation assistant on the development data: precision, recall, F1 and confusion matrix
# per label (demeaning on GermEval 2018 and on One Million Posts, off-topic on the One Million Posts comments
# that know their article's title), with the issue's references computed in the same run (word-bigram naive
# Bayes, "every comment off-topic"). Whatever is trained is scored by 5-fold cross-validation.
#
#   bench/moderation-quality.sh            (DEPESCHE_DATA=/path/to/shared/data to use other data)
source "$(dirname "$0")/moderation-common.sh"
exec "$JAVA" -Ddepesche.data="$DATA" -cp "$CLASSPATH_ALL" de.depesche.moderation.assistant.ModerationQuality
