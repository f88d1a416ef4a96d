#!/usr/bin/env bash
# Serves one article page from Depesche and the very same HTML as a static file from nginx, loads
# both with wrk (same connections, threads and duration, one after the other in one run) and prints
# both throughputs and their ratio.
#
#   bench/article-vs-nginx.sh [connections=32] [seconds=20]
#
# Needs: a built jar (./mvnw -DskipTests package), nginx and wrk (apt-get install nginx-light wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${1:-32}
SECONDS_PER_RUN=${2:-20}
THREADS=2
APP_PORT=18080
NGINX_PORT=18081
WORK=$(mktemp -d)
chmod 755 "$WORK"
cleanup() {
  kill "${APP_PID:-}" 2>/dev/null || true
  nginx -p "$WORK/nginx" -c nginx.conf -s stop 2>/dev/null || true
  sleep 1
  rm -rf "$WORK" 2>/dev/null || true
}
trap cleanup EXIT

for tool in wrk nginx; do command -v $tool >/dev/null || { echo "missing $tool: apt-get install nginx-light wrk" >&2; exit 1; }; done
JAR=$(ls target/depesche-*.jar 2>/dev/null | grep -v original | head -1)
[ -n "$JAR" ] || { echo "build first: ./mvnw -DskipTests package" >&2; exit 1; }
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

DEPESCHE_DATA_DIR="$WORK/data" DEPESCHE_DEMO_CONTENT=always SERVER_PORT=$APP_PORT \
  "$JAVA" -Xmx1g -jar "$JAR" > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 90); do curl -fs "http://127.0.0.1:$APP_PORT/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
ARTICLE=$(curl -fs "http://127.0.0.1:$APP_PORT/" | grep -o '<h2><a href="/[a-z0-9-]*"' | head -1 | sed 's/.*href="//; s/"//')
[ -n "$ARTICLE" ] || { echo "no article found on the home page" >&2; cat "$WORK/app.log" >&2; exit 1; }

mkdir -p "$WORK/nginx/html" "$WORK/nginx/logs"
curl -fs "http://127.0.0.1:$APP_PORT$ARTICLE" > "$WORK/nginx/html/article.html"
chmod -R a+rX "$WORK/nginx"
cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  default_type text/html;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/nginx/html; location / { try_files /article.html =404; } }
}
CONF
nginx -p "$WORK/nginx" -c nginx.conf

run() {
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = 200 ] || { echo "not a 200: $1" >&2; exit 1; }
  wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s "$1" | tee "$WORK/$2.txt" >&2
  if grep -q "Non-2xx" "$WORK/$2.txt"; then echo "errors while loading $1" >&2; exit 1; fi
  awk '/Requests\/sec/ {print $2}' "$WORK/$2.txt"
}
echo "warming up Depesche (JIT, page cache) ..." >&2
wrk -t$THREADS -c$CONNECTIONS -d10s "http://127.0.0.1:$APP_PORT$ARTICLE" >/dev/null
echo "== Depesche $ARTICLE ($(wc -c < "$WORK/nginx/html/article.html") bytes)" >&2
DEPESCHE_RPS=$(run "http://127.0.0.1:$APP_PORT$ARTICLE" depesche)
echo "== nginx, same HTML as a static file" >&2
NGINX_RPS=$(run "http://127.0.0.1:$NGINX_PORT/article.html" nginx)
RATIO=$(awk -v a="$DEPESCHE_RPS" -v b="$NGINX_RPS" 'BEGIN {printf "%.1f", 100 * a / b}')
echo
echo "article page, $CONNECTIONS connections, ${SECONDS_PER_RUN}s each:"
echo "  Depesche: $DEPESCHE_RPS requests/s"
echo "  nginx:    $NGINX_RPS requests/s"
echo "  ratio:    $RATIO % of nginx"
