#!/usr/bin/env bash
# Subscriptions at scale, against a real SMTP conversation (bench/lib/smtp_sink.py on loopback):
#  1. 100 000 confirmed subscribers of mixed kinds; an article is published through the API:
#     time from publish to all matches found (target ≤ 300 ms) and mails handed to SMTP per second
#     (target ≥ 1 000/s);
#  2. a newsletter to 10 000 recipients: mails handed to SMTP per second from a full outbox;
#  3. another newsletter to 10 000; the process is killed (-9) mid-send and restarted: every mail must
#     arrive (distinct Message-IDs = recipients); a mail the server accepted just before the kill may
#     arrive twice with the same Message-ID, at most one per SMTP connection;
#  4. the SMTP server refuses for a minute during a send, then recovers: nothing may be lost.
#
# Each step prints PASS or FAIL for what must hold (every due mail arrived, repeats within bounds);
# the exit code is non-zero when any step failed. The timings are printed, not judged: measure them
# on an otherwise idle machine.
#
#   bench/subscription-load.sh
#   MATCHING_ONLY=1 bench/subscription-load.sh   # step 1's matching time only
#
# Needs: a built jar (./mvnw -DskipTests package), python3, psql and the local PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=18095
SMTP=2526
TOKEN=dp_bench_token_0123456789abcdefghij
CONNECTIONS=4
SCHEMA="bench_subs_$$"
WORK=$(mktemp -d)
JAR=$(ls target/depesche-*.jar 2>/dev/null | grep -v original | head -1)
[ -n "$JAR" ] || { echo "build first: ./mvnw -DskipTests package" >&2; exit 1; }
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
PSQL=(psql -h 127.0.0.1 -U postgres -d test -qtA)
q() { "${PSQL[@]}" -c "set search_path = $SCHEMA; $1"; }
cleanup() {
  kill -9 "${APP:-}" 2>/dev/null || true; kill "${SINK:-}" 2>/dev/null || true; sleep 1
  cp "$WORK/app.log" "${TMPDIR:-/tmp}/subscription-load.app.log" 2>/dev/null && echo "application log: ${TMPDIR:-/tmp}/subscription-load.app.log" >&2
  "${PSQL[@]}" -c "drop schema if exists $SCHEMA cascade" >/dev/null 2>&1 || true; rm -rf "$WORK"
}
trap cleanup EXIT

"${PSQL[@]}" -c "create schema $SCHEMA" >/dev/null
python3 bench/lib/smtp_sink.py $SMTP "$WORK/received.log" & SINK=$!

start_app() {
  DEPESCHE_DATA_DIR="$WORK/data" DEPESCHE_DEMO_CONTENT=always SERVER_PORT=$PORT DEPESCHE_ADMIN_API_TOKEN=$TOKEN \
  DEPESCHE_DB_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA" DEPESCHE_DB_USER=postgres \
  DEPESCHE_SMTP_HOST=127.0.0.1 DEPESCHE_SMTP_PORT=$SMTP DEPESCHE_MAIL_RETRY_DELAY=10s DEPESCHE_SCHEDULER_POLLING_INTERVAL=1s \
  DEPESCHE_SCHEDULER_HEARTBEAT_INTERVAL=5s DEPESCHE_MAIL_CONNECTIONS=$CONNECTIONS DEPESCHE_SUBSCRIPTIONS_MAX_MAILS_PER_HOUR=1000 DEPESCHE_SUBSCRIPTIONS_REQUESTS_PER_NETWORK=100000 DEPESCHE_NEWSLETTER_AUTO_SEND=false \
    "$JAVA" -Xmx2g -jar "$JAR" >> "$WORK/app.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && return; sleep 1; done
  echo "the application did not start" >&2; tail -50 "$WORK/app.log" >&2; exit 1
}
api() { curl -fs -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" "$@"; }
wait_for() { for _ in $(seq 1 "$2"); do [ "$(q "$1")" = "$3" ] && return 0; sleep 1; done; return 1; }
# Arrivals at the sink of the outbox rows selected by a condition: "<lines> <distinct Message-IDs>".
arrivals() {
  q "select id from mail_outbox where $1" > "$WORK/ids.txt"
  awk 'NR == FNR { ids[$1] = 1; next } ($1 in ids) { raw++; if (!seen[$2]++) distinct++ } END { print raw + 0, distinct + 0 }' \
    "$WORK/ids.txt" "$WORK/received.log"
}
FAILED=0
RESULTS=()
check() { # name, 1 when it holds, what was counted
  if [ "$2" = 1 ]; then RESULTS+=("PASS  $1: $3"); else RESULTS+=("FAIL  $1: $3"); FAILED=1; fi
}

start_app
# A site that has been up a while has published before: three articles go out before the subscribers
# are seeded, so that the measured publication is not the process's first (its first use of the
# statements, of the search and of the event pipeline). The first one's time is printed as well.
warm_body=$(q "select replace(body_markdown, '\"', '') from article order by id desc limit 1" | tr '\n' ' ' | sed 's/\\/ /g')
FIRST_LOGGED=""
for i in 1 2 3; do
  WID=$(api -X POST "http://127.0.0.1:$PORT/api/v1/articles" -d "{\"title\":\"Vorlauf $i: Neues aus der Technik\",\"lead\":\"Ein Artikel vor der Messung.\",\"body\":\"$warm_body\",\"categories\":[\"technik\"],\"status\":\"published\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  for _ in $(seq 1 60); do grep -q "Article $WID matched" "$WORK/app.log" && break; sleep 0.5; done
  [ "$i" = 1 ] && FIRST_LOGGED=$(grep -o "Article $WID matched .*published" "$WORK/app.log" | tail -1 || true)
done
echo "seeding 100 000 confirmed subscribers ..." >&2
TAGS=$(q "select string_agg(quote_literal(slug), ',') from (select slug from tag order by id limit 5) t")
ARTICLES=$(q "select string_agg(id::text, ',') from article")
q "insert into subscriber (email, manage_token, feed_token, language, created_at, confirmed_at)
   select 'bench' || g || '@example.org', md5('m' || g), md5('f' || g), 'de', now(), now() from generate_series(1, 100000) g" >/dev/null
q "insert into subscription (subscriber_id, kind, target, label, channel, status, requested_at, confirmed_at, consent_version, consent_network_hash)
   select s.id,
     case when s.id % 10 < 3 then 'CATEGORY' when s.id % 10 < 5 then 'TAG' when s.id % 10 < 6 then 'AUTHOR'
          when s.id % 10 < 7 then 'SIMILAR' when s.id % 10 < 8 then 'SEARCH' else 'NEWSLETTER' end,
     case when s.id % 10 < 3 then (array['sicherheitspolitik','technik','kuenstliche-intelligenz','cybersicherheit'])[1 + (s.id / 10) % 4]
          when s.id % 10 < 5 then (array[$TAGS])[1 + (s.id / 10) % 5]
          when s.id % 10 < 6 then 'administration'
          when s.id % 10 < 7 then ((array[$ARTICLES])[1 + (s.id / 10) % 10])::text
          when s.id % 10 < 8 then (array['Sicherheit','Chips','KI','Angriff','NATO'])[1 + (s.id / 10) % 5]
          when s.id % 10 < 9 then 'weekly' else 'daily' end,
     'Bench', 'EMAIL', 'ACTIVE', now(), now(), 'bench', 'bench'
   from subscriber s where s.email like 'bench%'" >/dev/null
echo "  $(q "select count(*) from subscription where status = 'ACTIVE'") active subscriptions" >&2
# The subscribers of a real site came over months: their tables are analysed and the bulk insert's
# dirty pages written long before an article is published. Without this the measured publication
# would race autovacuum and the checkpoint of the seeding.
"${PSQL[@]}" -c "vacuum analyze $SCHEMA.subscriber" -c "vacuum analyze $SCHEMA.subscription" -c "checkpoint" >/dev/null
sleep 2

# --- 1. publish → matches → mails ---------------------------------------------------------------
TAG1=$(q "select slug from tag order by id limit 1")
BODY=$(q "select replace(body_markdown, '\"', '') from article order by id limit 1" | tr '\n' ' ' | sed 's/\\/ /g')
RESPONSE=$(api -X POST "http://127.0.0.1:$PORT/api/v1/articles" -d "{\"title\":\"Benchmark: Neue Regeln für KI-Chips und Cyberabwehr\",\"dateline\":\"BERLIN\",\"lead\":\"Ein Artikel für die Messung.\",\"body\":\"$BODY\",\"categories\":[\"technik\"],\"tags\":[\"$TAG1\"],\"status\":\"published\"}")
ID=$(echo "$RESPONSE" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
wait_for "select count(*) > 0 from subscription_delivery where article_id = $ID" 30 t || true
sleep 3
MATCHES=$(q "select count(*) from subscription_delivery where article_id = $ID")
LOGGED=""
for _ in $(seq 1 120); do
  LOGGED=$(grep -o "Article $ID matched .*published" "$WORK/app.log" | tail -1 || true)
  [ -n "$LOGGED" ] && break
  sleep 0.5
done
MATCHES=$(q "select count(*) from subscription_delivery where article_id = $ID")
MATCH_MS=$(echo "$LOGGED" | sed -n 's/.*; \([0-9]*\) ms after it was published/\1/p')
if [ "${MATCHING_ONLY:-}" = 1 ]; then # a quick look at the matching alone
  echo "publish → all matches found: ${MATCH_MS} ms, $MATCHES matches ($LOGGED)"
  echo "first publication of the process: $FIRST_LOGGED"
  exit 0
fi
echo "waiting for $MATCHES news mails ..." >&2
wait_for "select count(*) from mail_outbox where kind = 'subscription.news' and status = 'SENT'" 900 "$MATCHES" || true
NEWS_SENT=$(q "select count(*) from mail_outbox where kind = 'subscription.news' and status = 'SENT'")
NEWS_QUEUED=$(q "select count(*) from mail_outbox where kind = 'subscription.news'")
read -r NEWS_RAW NEWS_ARRIVED < <(arrivals "kind = 'subscription.news'")
SMTP_RATE=$(q "select round(count(*) / greatest(extract(epoch from (max(sent_at) - min(sent_at))), 0.001)) from mail_outbox where kind = 'subscription.news' and status = 'SENT'")
QUEUE_RATE=$(q "select round(count(*) / greatest(extract(epoch from (max(created_at) - min(created_at))), 0.001)) from mail_outbox where kind = 'subscription.news'")

# --- 2. SMTP hand-off rate: a newsletter to 10 000 ---------------------------------------------------
newsletter() { api -X POST "http://127.0.0.1:$PORT/api/v1/newsletter/issues" -d "{\"frequency\":\"$1\",\"subject\":\"$2\"}" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }
WEEKLY=$(newsletter weekly "Bench-Woche")
wait_for "select status from newsletter_issue where id = $WEEKLY" 300 QUEUED || true
W_TOTAL=$(q "select recipients from newsletter_issue where id = $WEEKLY")
wait_for "select count(*) from mail_outbox where idempotency_key like 'newsletter:$WEEKLY:%' and status = 'SENT'" 600 "$W_TOTAL" || true
# Measured once every mail is queued, so the rate is the SMTP hand-off and not the rendering.
W_RATE=$(q "select round(count(*) / greatest(extract(epoch from (max(m.sent_at) - max(i.finished_at))), 0.001)) from mail_outbox m, newsletter_issue i
            where i.id = $WEEKLY and m.idempotency_key like 'newsletter:$WEEKLY:%' and m.status = 'SENT' and m.sent_at > i.finished_at")
W_QUEUE=$(q "select round(queued / greatest(extract(epoch from (finished_at - started_at)), 0.001)) from newsletter_issue where id = $WEEKLY")
sleep 2
read -r W_RAW W_ARRIVED < <(arrivals "idempotency_key like 'newsletter:$WEEKLY:%'")

# --- 3. kill -9 during a newsletter to 10 000 --------------------------------------------------------
: > "$WORK/received.log"
ISSUE=$(newsletter daily "Bench-Tag")
for _ in $(seq 1 1200); do [ "$(wc -l < "$WORK/received.log")" -ge 3000 ] && break; sleep 0.05; done
AT_KILL=$(wc -l < "$WORK/received.log")
kill -9 $APP; wait $APP 2>/dev/null || true
echo "killed at $AT_KILL received mails; restarting ..." >&2
start_app
wait_for "select status from newsletter_issue where id = $ISSUE" 300 QUEUED || true
NL_QUEUED=$(q "select count(*) from mail_outbox where idempotency_key like 'newsletter:$ISSUE:%'")
NL_RECIPIENTS=$(q "select recipients from newsletter_issue where id = $ISSUE")
wait_for "select count(*) from mail_outbox where idempotency_key like 'newsletter:$ISSUE:%' and status = 'SENT'" 600 "$NL_RECIPIENTS" || true
sleep 3
read -r NL_RAW NL_ARRIVED < <(arrivals "idempotency_key like 'newsletter:$ISSUE:%'")
NL_DUPLICATES=$(( NL_RAW - NL_ARRIVED ))
# A repeat is the same outbox row delivered again: with the same Message-ID, so receivers can drop it.
NL_OTHER_ID=$(awk '{ if ($1 in mid && mid[$1] != $2) n++; mid[$1] = $2 } END { print n + 0 }' "$WORK/received.log")

# --- 4. SMTP refuses for a minute ----------------------------------------------------------------
: > "$WORK/received.log"
touch "$WORK/refuse"
OUT_ACCEPTED=0
for i in $(seq 1 500); do
  if api -X POST "http://127.0.0.1:$PORT/api/v1/subscriptions" \
      -d "{\"email\":\"outage$i@example.org\",\"kind\":\"category\",\"target\":\"technik\",\"consent\":true}" >/dev/null; then
    OUT_ACCEPTED=$((OUT_ACCEPTED + 1))
  fi
done
sleep 60
rm -f "$WORK/refuse"
wait_for "select count(*) from mail_outbox where to_address like 'outage%' and status = 'SENT'" 300 500 || true
OUT_QUEUED=$(q "select count(*) from mail_outbox where to_address like 'outage%'")
OUT_SENT=$(q "select count(*) from mail_outbox where to_address like 'outage%' and status = 'SENT'")
OUT_FAILED_ATTEMPTS=$(q "select coalesce(sum(attempts - 1), 0) from mail_outbox where to_address like 'outage%'")
sleep 3
read -r OUT_RAW OUT_ARRIVED < <(arrivals "to_address like 'outage%'")

check "1. news mails" "$([ "$NEWS_QUEUED" -gt 0 ] && [ "$NEWS_ARRIVED" = "$NEWS_QUEUED" ] && echo 1)" \
  "$NEWS_QUEUED queued for $MATCHES deliveries, $NEWS_ARRIVED arrived (distinct Message-IDs), $NEWS_RAW deliveries at the sink"
check "2. newsletter to $W_TOTAL" "$([ "${W_TOTAL:-0}" -gt 0 ] && [ "$W_ARRIVED" = "$W_TOTAL" ] && echo 1)" \
  "$W_ARRIVED of $W_TOTAL arrived (distinct Message-IDs), $W_RAW deliveries at the sink"
check "3. killed mid-send, restarted" "$([ "${NL_RECIPIENTS:-0}" -gt 0 ] && [ "$NL_QUEUED" = "$NL_RECIPIENTS" ] \
  && [ "$NL_ARRIVED" = "$NL_RECIPIENTS" ] && [ "$NL_DUPLICATES" -le "$CONNECTIONS" ] && [ "$NL_OTHER_ID" = 0 ] && echo 1)" \
  "$NL_QUEUED queued for $NL_RECIPIENTS recipients, $NL_ARRIVED arrived (distinct Message-IDs), $NL_DUPLICATES repeated (at most $CONNECTIONS, one per SMTP connection), $NL_OTHER_ID repeats with another Message-ID"
check "4. SMTP refused for 60 s" "$([ "$OUT_ACCEPTED" = 500 ] && [ "$OUT_QUEUED" = 500 ] && [ "$OUT_ARRIVED" = 500 ] \
  && [ $((OUT_RAW - OUT_ARRIVED)) -le "$CONNECTIONS" ] && echo 1)" \
  "$OUT_ACCEPTED of 500 sign-ups accepted, $OUT_QUEUED confirmation mails queued, $OUT_SENT sent, $OUT_ARRIVED arrived (distinct Message-IDs), $((OUT_RAW - OUT_ARRIVED)) repeated; $OUT_FAILED_ATTEMPTS refused attempts retried"

echo
echo "Timings (judge them only on an idle machine):"
echo "  1. publish → all matches found:  ${MATCH_MS} ms (target ≤ 300 ms; matcher log: $LOGGED)"
echo "     (the process's first publication, before the subscribers were seeded: $FIRST_LOGGED)"
echo "     news mails handed to SMTP:    $NEWS_SENT at $SMTP_RATE mails/s (target ≥ 1 000/s); queued (rendered) at $QUEUE_RATE mails/s"
echo "  2. newsletter to $W_TOTAL: queued at $W_QUEUE mails/s, handed to SMTP at $W_RATE mails/s (target ≥ 1 000/s)"
echo "  3. killed with -9 at $AT_KILL received mails"
echo
echo "Delivery (must hold):"
printf '  %s\n' "${RESULTS[@]}"
exit $FAILED
