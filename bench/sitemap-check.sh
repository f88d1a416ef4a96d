#!/usr/bin/env bash
# Checks the sitemaps of a running Depesche and prints how many addresses each lists and how long it
# took to serve, against robots.txt as the reference (a static answer from the same server, measured
# in the same run). Checked: well-formed XML (xmllint, no schema download), the root element and its
# namespace (sitemapindex / urlset in the sitemap namespace, the news namespace in the news sitemap),
# absolute <loc> addresses, a W3C datetime in every <lastmod> (and <news:publication_date>), one
# <lastmod> per address, at most 50,000 addresses and 50 MB per file, at most 1,000 news entries with
# name, language, title and date. An empty sitemap (a news sitemap on a quiet day) is fine.
# Usage: bench/sitemap-check.sh [base-url]   (default http://localhost:8080)
set -euo pipefail
base=${1:-http://localhost:8080}
for tool in curl xmllint awk; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install curl libxml2-utils gawk)" >&2; exit 1; }
done
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

SITEMAP_NS=http://www.sitemaps.org/schemas/sitemap/0.9
NEWS_NS=http://www.google.com/schemas/sitemap-news/0.9
W3C='^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2}))?$'

fail() { echo "FAIL: $*" >&2; exit 1; }
timed() { curl -sS -f -o "$2" -w '%{time_total}' "$1" || fail "$1 did not answer with 200"; }
xpath() { xmllint --xpath "$1" "$2" 2>/dev/null || true; }
# Occurrences (not lines: the sitemaps are written on one line); no match is 0, not an exit.
occurrences() { { grep -oE "$1" "$2" || true; } | wc -l; }
values() { { grep -oE "<$1>[^<]*</$1>" "$2" || true; } | sed -E "s#</?$1>##g"; }

ref=$(timed "$base/robots.txt" "$tmp/robots.txt")
grep -q "^Sitemap: " "$tmp/robots.txt" || fail "robots.txt names no sitemap"

# check <url> <expected root element> <expected namespace>
check() {
  local url=$1 root=$2 ns=$3 file
  file=$tmp/$(basename "$url")
  local t; t=$(timed "$url" "$file")
  xmllint --noout "$file" || fail "$url is not well-formed XML"
  [ "$(xpath 'local-name(/*)' "$file")" = "$root" ] || fail "$url: root element is not <$root>"
  [ "$(xpath 'namespace-uri(/*)' "$file")" = "$ns" ] || fail "$url: <$root> is not in the namespace $ns"
  local n; n=$(xpath "count(//*[local-name()='loc'])" "$file")
  [ "$(occurrences '<loc>' "$file")" -eq "$n" ] || fail "$url: <loc> elements outside the sitemap namespace's form"
  local loc
  while read -r loc; do
    [ -z "$loc" ] || [[ "$loc" =~ ^https?:// ]] || fail "$url: <loc> $loc is not an absolute http(s) address"
  done < <(values loc "$file")
  local lastmod
  while read -r lastmod; do
    [ -z "$lastmod" ] || [[ "$lastmod" =~ $W3C ]] || fail "$url: <lastmod> $lastmod is no W3C datetime"
  done < <(values lastmod "$file")
  if [ "$url" != "$base/sitemap-news.xml" ]; then
    [ "$(occurrences '<lastmod>' "$file")" -eq "$n" ] || fail "$url: not every address has a <lastmod>"
  fi
  [ "$n" -le 50000 ] || fail "more than 50,000 addresses in $url"
  [ "$(stat -c %s "$file")" -le 52428800 ] || fail "$url is larger than 50 MB"
  printf '%-60s %6d addresses  %6.3fs  (%sx robots.txt)\n' "$url" "$n" "$t" \
    "$(awk -v t="$t" -v r="$ref" 'BEGIN { printf "%.1f", (r > 0 ? t / r : 0) }')"
}

check "$base/sitemap.xml" sitemapindex "$SITEMAP_NS"
parts=$(values loc "$tmp/sitemap.xml")
[ -n "$parts" ] || fail "the sitemap index lists no sitemap"
for part in $parts; do
  check "$base$(echo "$part" | sed -E 's#^https?://[^/]+##')" urlset "$SITEMAP_NS"
done

news=$tmp/sitemap-news.xml
check "$base/sitemap-news.xml" urlset "$SITEMAP_NS"
[ "$(xpath "count(/*/namespace::*[.='$NEWS_NS'])" "$news")" -ge 1 ] || fail "the news sitemap does not declare $NEWS_NS"
entries=$(xpath "count(//*[local-name()='url'])" "$news")
[ "$entries" -le 1000 ] || fail "more than 1,000 entries in the news sitemap"
if [ "$entries" -gt 0 ]; then
  for field in name language title publication_date; do
    [ "$(xpath "count(//*[namespace-uri()='$NEWS_NS' and local-name()='$field'])" "$news")" -eq "$entries" ] \
      || fail "not every news entry has news:$field"
  done
  while read -r date; do
    [[ "$date" =~ $W3C ]] || fail "news:publication_date $date is no W3C datetime"
  done < <(values news:publication_date "$news")
fi
echo "all sitemaps well-formed, in their namespaces, with valid lastmod and within the limits"
