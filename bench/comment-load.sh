#!/usr/bin/env bash
# Comment submission under load: wrk POSTs comments from many networks (a random X-Forwarded-For per
# request, trusted from the loopback proxy), each with its own valid form token. Afterwards it counts:
# every comment that was acknowledged (302 to the article) must be in the database.
#
#   bench/comment-load.sh [seconds=10] [connections=16]
#
# Needs: a built jar (./mvnw -DskipTests package), wrk, python3, psql and the local PostgreSQL
# (127.0.0.1:5432, trust, database "test"); a schema of its own is created and dropped.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_RUN=${1:-10}
CONNECTIONS=${2:-16}
PORT=18090
SCHEMA="bench_comments_$$"
WORK=$(mktemp -d)
JAR=$(ls target/depesche-*.jar 2>/dev/null | grep -v original | head -1)
[ -n "$JAR" ] || { echo "build first: ./mvnw -DskipTests package" >&2; exit 1; }
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
PSQL=(psql -h 127.0.0.1 -U postgres -d test -qtA)
cleanup() { kill "${APP:-}" 2>/dev/null || true; sleep 1; "${PSQL[@]}" -c "drop schema if exists $SCHEMA cascade" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

"${PSQL[@]}" -c "create schema $SCHEMA" >/dev/null
DEPESCHE_DATA_DIR="$WORK/data" DEPESCHE_DEMO_CONTENT=always SERVER_PORT=$PORT DEPESCHE_FORWARD_HEADERS=native \
DEPESCHE_DB_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA" DEPESCHE_DB_USER=postgres \
  "$JAVA" -Xmx1g -jar "$JAR" > "$WORK/app.log" 2>&1 &
APP=$!
for _ in $(seq 1 90); do curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
ARTICLE=$(curl -fs "http://127.0.0.1:$PORT/" | grep -o '<h2><a href="/[a-z0-9-]*"' | head -1 | sed 's/.*href="//; s/"//')
ARTICLE_ID=$(curl -fs "http://127.0.0.1:$PORT$ARTICLE" | grep -o 'name="article" value="[0-9]*"' | head -1 | grep -o '[0-9]*')

# One valid token per request: every delivery of the (cached) article page carries a fresh one.
NEEDED=$(( SECONDS_RUN * 2500 ))
echo "collecting $NEEDED form tokens ..." >&2
python3 bench/lib/collect_tokens.py "http://127.0.0.1:$PORT$ARTICLE" "$NEEDED" > "$WORK/tokens.txt"
sleep 3.5   # the minimum fill-in time of a form

cat > "$WORK/post.lua" <<LUA
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  tokens = {}
  local i = 0
  for line in io.lines("$WORK/tokens.txt") do
    if i % 2 == id then table.insert(tokens, line) end
    i = i + 1
  end
  next_token = 1
  ok = 0
  refused = 0
  ids = ""
end
function request()
  local token = tokens[next_token] or "exhausted"
  next_token = next_token + 1
  local n = id .. "-" .. next_token
  local body = "article=$ARTICLE_ID&token=" .. token .. "&name=Leser+" .. n .. "&email=leser-" .. n
    .. "%40example.org&consent=true&text=Kommentar+Nummer+" .. n .. "+zum+Thema+der+Meldung"
  local ip = math.random(1, 223) .. "." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
  return wrk.format("POST", "/kommentare", {["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Forwarded-For"] = ip}, body)
end
function response(status, headers, body)
  if status == 302 then
    ok = ok + 1
    local id = string.match(headers["Location"] or "", "kommentar%-(%d+)")
    ids = ids .. (id or "0") .. "\n"
  else
    refused = refused + 1
  end
end
function done(summary, latency, requests)
  local acknowledged, other = 0, 0
  for _, t in ipairs(threads) do
    acknowledged = acknowledged + t:get("ok")
    other = other + t:get("refused")
  end
  print("ACKNOWLEDGED " .. acknowledged .. " " .. other)
  local f = io.open("$WORK/ids.txt", "w")
  for _, t in ipairs(threads) do f:write(t:get("ids")) end
  f:close()
end
LUA
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" -s "$WORK/post.lua" "http://127.0.0.1:$PORT" | tee "$WORK/wrk.txt" >&2
sleep 2
read -r ACK OTHER < <(awk '/^ACKNOWLEDGED/ {print $2, $3}' "$WORK/wrk.txt")
STORED=$("${PSQL[@]}" -c "select count(*) from $SCHEMA.comment where article_id = $ARTICLE_ID")
"${PSQL[@]}" -c "create table $SCHEMA.acknowledged (id bigint)" >/dev/null
"${PSQL[@]}" -c "\\copy $SCHEMA.acknowledged from '$WORK/ids.txt'" >/dev/null
FOUND=$("${PSQL[@]}" -c "select count(*) from $SCHEMA.acknowledged a join $SCHEMA.comment c on c.id = a.id")
QUEUED=$("${PSQL[@]}" -c "select count(*) from $SCHEMA.moderation_queue where article_id = $ARTICLE_ID")
RPS=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
echo
echo "comment submission, $CONNECTIONS connections, ${SECONDS_RUN}s, random client networks:"
echo "  requests/s:            $RPS"
echo "  acknowledged (302):    $ACK"
echo "  refused (other):       $OTHER"
echo "  comments in database:  $STORED (the rest were in flight when wrk stopped counting)"
echo "  acknowledged and found: $FOUND"
echo "  in moderation queue:   $QUEUED (assessed after commit)"
if [ "$ACK" = "$FOUND" ] && [ "$ACK" -gt 0 ]; then echo "  every acknowledged comment is stored: yes"; else echo "  MISSING: acknowledged $ACK, found $FOUND"; exit 1; fi
