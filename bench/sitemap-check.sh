#!/usr/bin/env bash
# Checks the sitemaps of a running Depesche with xmllint (well-formedness, no schema download) and
# prints how many addresses each lists and how long it took to serve, against robots.txt as the
# reference (a static answer from the same server, measured in the same run).
# Usage: bench/sitemap-check.sh [base-url]   (default http://localhost:8080)
set -euo pipefail
base=${1:-http://localhost:8080}
command -v xmllint >/dev/null || { echo "needs xmllint (apt-get install libxml2-utils)" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

timed() { curl -s -o "$2" -w '%{time_total}' "$1"; }
ref=$(timed "$base/robots.txt" "$tmp/robots.txt")
grep -q "^Sitemap: " "$tmp/robots.txt" || { echo "robots.txt names no sitemap" >&2; exit 1; }

check() {
  local url=$1 file=$tmp/$(basename "$1")
  local t; t=$(timed "$url" "$file")
  xmllint --noout "$file"
  local n; n=$(grep -o '<loc>' "$file" | wc -l)
  printf '%-60s %6d addresses  %6.3fs  (%.1fx robots.txt)\n' "$url" "$n" "$t" "$(echo "$t / $ref" | bc -l)"
  [ "$n" -le 50000 ] || { echo "more than 50,000 addresses in $url" >&2; exit 1; }
  [ "$(stat -c %s "$file")" -le 52428800 ] || { echo "$url is larger than 50 MB" >&2; exit 1; }
}

check "$base/sitemap.xml"
for part in $(grep -o '<loc>[^<]*</loc>' "$tmp/sitemap.xml" | sed 's/<[^>]*>//g'); do
  check "$base$(echo "$part" | sed -E 's#^https?://[^/]+##')"
done
check "$base/sitemap-news.xml"
echo "all sitemaps well-formed"
