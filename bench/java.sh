# Sourced by the bench scripts: $JAVA is a java 21+ (JAVA_HOME if it qualifies, else the newest under /usr/lib/jvm).
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1; }
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
if ! command -v "$JAVA" >/dev/null || [ "$(java_major "$JAVA")" -lt 21 ]; then
  for jdk in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    if [ -x "$jdk/bin/java" ] && [ "$(java_major "$jdk/bin/java")" -ge 21 ]; then JAVA=$jdk/bin/java; export JAVA_HOME=${jdk%/}; break; fi
  done
fi
