#!/usr/bin/env bash
# Starts Depesche with demo content and checks every kind of feed the way the outside world sees it:
# status and media type, well-formed XML (xmllint), JSON Feed 1.1 required fields (python3), a 304
# for a repeated request, and finally a real feed reader (newsboat) loading all RSS and Atom feeds
# and finding exactly the items the feeds contain. Prints the counts; exits non-zero on any problem.
#
#   bench/feeds-check.sh
#
# Needs: a built jar (./mvnw -DskipTests package), curl, xmllint (libxml2-utils), python3, and for the
# reader check newsboat (apt-get install newsboat; skipped with a note when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${FEEDS_CHECK_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
cleanup() {
  kill "${APP_PID:-}" 2>/dev/null || true
  sleep 1
  rm -rf "$WORK" 2>/dev/null || true
}
trap cleanup EXIT

for tool in curl xmllint python3; do command -v $tool >/dev/null || { echo "missing $tool" >&2; exit 1; }; done
JAR=$(ls target/depesche-*.jar 2>/dev/null | grep -v original | head -1)
[ -n "$JAR" ] || { echo "build first: ./mvnw -DskipTests package" >&2; exit 1; }
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

DEPESCHE_DATA_DIR="$WORK/data" DEPESCHE_DEMO_CONTENT=always DEPESCHE_BASE_URL="$BASE" SERVER_PORT=$PORT \
  "$JAVA" -Xmx512m -jar "$JAR" > "$WORK/app.log" 2>&1 &
APP_PID=$!
# Ready when the home page lists the demo articles (the health endpoint also reports the mail server,
# which this check does not need).
ARTICLE=""
for _ in $(seq 1 120); do
  ARTICLE=$(curl -fs "$BASE/" 2>/dev/null | grep -o '<h2><a href="/[a-z0-9-]*"' | head -1 | sed 's/.*href="//; s/"//' || true)
  [ -n "$ARTICLE" ] && break
  sleep 1
done
[ -n "$ARTICLE" ] || { echo "Depesche did not start with demo content" >&2; tail -50 "$WORK/app.log" >&2; exit 1; }
sleep 2
ARTICLE_HTML=$(curl -fs "$BASE$ARTICLE")
CATEGORY=$(grep -o 'href="/kategorie/[a-z0-9-]*"' <<<"$ARTICLE_HTML" | head -1 | sed 's/href="//; s/"//' || true)
TAG=$(grep -o 'href="/tag/[a-z0-9-]*"' <<<"$ARTICLE_HTML" | head -1 | sed 's/href="//; s/"//' || true)
AUTHOR=$(grep -o 'href="/autor/[a-z0-9-]*"' <<<"$ARTICLE_HTML" | head -1 | sed 's/href="//; s/"//' || true)
for v in ARTICLE CATEGORY TAG AUTHOR; do [ -n "${!v}" ] || { echo "demo content has no $v to check" >&2; exit 1; }; done

FEEDS=()
for base in "" "$CATEGORY" "$TAG" "$AUTHOR" "$ARTICLE" "$ARTICLE/kommentare"; do
  FEEDS+=("$base/feed" "$base/feed/atom" "$base/feed.json")
done

problems=0
xml_feeds=()
expected_items=0
for path in "${FEEDS[@]}"; do
  status=$(curl -s -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' "$BASE$path")
  type=$(grep -i '^content-type:' "$WORK/headers" | tr -d '\r' | sed 's/^[^:]*: *//')
  case "$path" in
    */atom) want="application/atom+xml;charset=UTF-8" ;;
    *.json) want="application/feed+json;charset=UTF-8" ;;
    *) want="application/rss+xml;charset=UTF-8" ;;
  esac
  if [ "$status" != 200 ] || [ "$type" != "$want" ]; then
    echo "FAIL $path: $status $type (want 200 $want)"; problems=$((problems + 1)); continue
  fi
  case "$path" in
    *.json)
      if ! python3 - "$WORK/body" <<'PY'
import json, sys
from datetime import datetime
feed = json.load(open(sys.argv[1], encoding="utf-8"))
assert feed["version"] == "https://jsonfeed.org/version/1.1", "version"
assert feed["title"], "title"
assert feed["home_page_url"].startswith("http") and feed["feed_url"].startswith("http"), "absolute urls"
for item in feed["items"]:
    assert isinstance(item["id"], str) and item["id"], "item id"
    assert "content_html" in item or "content_text" in item, "item content"
    assert item["url"].startswith("http"), "item url"
    datetime.fromisoformat(item["date_published"].replace("Z", "+00:00"))
PY
      then echo "FAIL $path: not a valid JSON Feed 1.1"; problems=$((problems + 1)); continue; fi ;;
    *)
      if ! xmllint --noout --nonet "$WORK/body" 2>"$WORK/xmllint"; then
        echo "FAIL $path: $(head -3 "$WORK/xmllint")"; problems=$((problems + 1)); continue
      fi
      items=$(xmllint --xpath "count(//*[local-name()='item' or local-name()='entry'])" "$WORK/body")
      expected_items=$((expected_items + items))
      # Item ids (RSS guid, Atom id): a reader shows an article that is in several feeds once.
      python3 -c 'import sys, xml.etree.ElementTree as E
for e in E.parse(sys.argv[1]).iter():
    if e.tag in ("guid", "{http://www.w3.org/2005/Atom}id") and e.text and not e.text.startswith("http"): print(e.text)' \
        "$WORK/body" >> "$WORK/ids"
      xml_feeds+=("$BASE$path") ;;
  esac
  etag=$(grep -i '^etag:' "$WORK/headers" | tr -d '\r' | sed 's/^[^:]*: *//')
  again=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$BASE$path?utm_source=check")
  [ "$again" = 304 ] || { echo "FAIL $path: If-None-Match answered $again, not 304"; problems=$((problems + 1)); }
done
distinct=$(sort -u "$WORK/ids" 2>/dev/null | wc -l)
echo "feeds-check: ${#FEEDS[@]} feed addresses checked, $problems problems; ${#xml_feeds[@]} XML feeds hold $expected_items items ($distinct distinct)"

if command -v newsboat >/dev/null; then
  printf '%s\n' "${xml_feeds[@]}" > "$WORK/urls"
  : > "$WORK/config"
  HOME="$WORK" newsboat -u "$WORK/urls" -c "$WORK/cache.db" -C "$WORK/config" -x reload >"$WORK/newsboat.log" 2>&1 \
    || { echo "FAIL newsboat reload: $(cat "$WORK/newsboat.log")"; problems=$((problems + 1)); }
  unread=$(HOME="$WORK" newsboat -u "$WORK/urls" -c "$WORK/cache.db" -C "$WORK/config" -x print-unread 2>&1 | grep -o '^[0-9]*' || echo 0)
  echo "newsboat $(newsboat --version | head -1 | cut -d' ' -f2): read $unread distinct items from ${#xml_feeds[@]} feeds (the feeds hold $distinct)"
  [ "$unread" = "$distinct" ] || { echo "FAIL newsboat saw $unread items, not $distinct"; problems=$((problems + 1)); }
  # Every feed must have been fetched and understood: newsboat stores its title.
  loaded=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("select count(*) from rss_feed where title <> \"\"").fetchone()[0])' "$WORK/cache.db")
  echo "newsboat loaded $loaded of ${#xml_feeds[@]} feeds with their titles"
  [ "$loaded" = "${#xml_feeds[@]}" ] || { echo "FAIL newsboat loaded only $loaded feeds"; problems=$((problems + 1)); }
else
  echo "newsboat not installed (apt-get install newsboat): reader check skipped"
fi
[ "$problems" = 0 ]
