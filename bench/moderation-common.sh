# Shared by the moderation-*.sh scripts (source it): finds a JDK 21+, compiles main and test classes and
# writes the test classpath, so that a Java main from the test sources runs without Maven in the measurement.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1; }
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(java_major "$JAVA_HOME")" -lt 21 ]; then
  best=""; best_major=0
  for jdk in /usr/lib/jvm/*/; do
    jdk=${jdk%/}
    [ -x "$jdk/bin/java" ] || continue
    major=$(java_major "$jdk"); major=${major:-0}
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=$jdk; best_major=$major; fi
  done
  [ -n "$best" ] || { echo "no JDK 21+ found: set JAVA_HOME" >&2; exit 1; }
  export JAVA_HOME=$best
fi
JAVA="$JAVA_HOME/bin/java"

# The development data (never part of the repository): ../shared/data unless DEPESCHE_DATA says otherwise.
DATA=${DEPESCHE_DATA:-../shared/data}
[ -f "$DATA/germeval2018-train.tsv" ] || { echo "development data not found in $DATA (set DEPESCHE_DATA)" >&2; exit 1; }

./mvnw -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
  -Dmdep.includeScope=test > /dev/null 2> target/moderation-build.log || { cat target/moderation-build.log >&2; exit 1; }
CLASSPATH_ALL="target/classes:target/test-classes:$(cat target/test-classpath.txt)"
