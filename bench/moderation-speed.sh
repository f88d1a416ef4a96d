#!/usr/bin/env bash
# Comments the moderation assistant scores per second on one thread, pinned to one core (taskset, serial GC,
# one processor as far as the JVM knows), after a 5 s warm-up; compared with the issue's 2 000/s.
#
#   bench/moderation-speed.sh [seconds=10]
source "$(dirname "$0")/moderation-common.sh"
SECONDS_TO_RUN=${1:-10}
PIN=()
command -v taskset > /dev/null && PIN=(taskset -c 0)
exec "${PIN[@]}" "$JAVA" -XX:+UseSerialGC -XX:ActiveProcessorCount=1 -Xmx1g -Ddepesche.data="$DATA" -cp "$CLASSPATH_ALL" \
  de.depesche.moderation.assistant.ModerationSpeed "$SECONDS_TO_RUN"
