#!/usr/bin/env bash
# Crash safety of reader input: readers' browsers (bench/lib/reader_stream.py, a few keep-alive
# connections) stream comments and newsletter sign-ups at Depesche, each with its form's signed token
# and after the form's fill-in time; mid-stream the server is killed with SIGKILL and started again
# on the same database (at the earliest after the given seconds and once the round has had
# CRASH_MIN_ANSWERS=40 answers), and again for each round. After the last restart it checks:
#   - every submission that was acknowledged (comment: 302 to the article, sign-up: 200 "check your
#     mail") is in the database (its unique marker: the comment text, the sign-up address);
#   - nothing is half-written: no comment without its article, no pending comment missing from the
#     moderation queue (once the restarted node has caught up), no subscriber without subscription,
#     no subscription without subscriber, no pending e-mail sign-up without its confirmation mail in
#     the outbox;
#   - reader pages answer 200 after the restart.
# It runs on the local PostgreSQL (a schema of its own, created and dropped) and on the embedded H2
# file database (in a temporary data directory), and prints per database: sent, acknowledged, found
# after restart, missing (must be 0), half-written (must be 0). Exit code 1 when anything is missing
# or half-written.
#
#   bench/crash-safety.sh [seconds-before-kill=12] [workers=6] [rounds=2] [databases="postgres h2"]
#
# Needs: a built jar (./mvnw -DskipTests package), java 21+, python3, curl, unzip and, for the
# PostgreSQL run, psql and the local PostgreSQL (127.0.0.1:5432, trust, database "test").
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/java.sh
KILL_AFTER=${1:-12}
WORKERS=${2:-6}
ROUNDS=${3:-2}
DATABASES=${4:-postgres h2}
MIN_ANSWERS=${CRASH_MIN_ANSWERS:-40}
PORT=18097
SCHEMA="bench_crash_$$"
WORK=$(mktemp -d)
JAR=$(ls target/depesche-*.jar 2>/dev/null | grep -v original | head -1)
[ -n "$JAR" ] || { echo "build first: ./mvnw -DskipTests package" >&2; exit 1; }
PSQL=(psql -h 127.0.0.1 -U postgres -d test -qtA)
cleanup() {
  kill -9 "${APP:-}" 2>/dev/null || true; kill "${CLIENT:-}" 2>/dev/null || true; sleep 1
  if [[ " $DATABASES " == *" postgres "* ]]; then
    "${PSQL[@]}" -c "drop schema if exists $SCHEMA cascade" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# The JDBC drivers the application ships, for bench/lib/Sql.java.
mkdir -p "$WORK/lib"
unzip -q -o -j "$JAR" 'BOOT-INF/lib/h2-*.jar' 'BOOT-INF/lib/postgresql-*.jar' -d "$WORK/lib"
DRIVERS=$(ls "$WORK"/lib/*.jar | tr '\n' ':')

start_app() { # data dir, log
  env DEPESCHE_DATA_DIR="$1" DEPESCHE_DEMO_CONTENT=always SERVER_PORT=$PORT \
      DEPESCHE_COMMENTS_PER_NETWORK=1000000 DEPESCHE_COMMENTS_PER_EMAIL=1000000 \
      DEPESCHE_SUBSCRIPTIONS_REQUESTS_PER_NETWORK=1000000 DEPESCHE_NEWSLETTER_AUTO_SEND=false \
      "${DB_ENV[@]}" "$JAVA" -Xmx1g -jar "$JAR" >> "$2" 2>&1 &
  APP=$!
  for _ in $(seq 1 180); do
    curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && return 0
    kill -0 "$APP" 2>/dev/null || break
    sleep 1
  done
  echo "the application did not start" >&2; tail -50 "$2" >&2; exit 1
}
sql() { "$JAVA" -cp "$DRIVERS" bench/lib/Sql.java "$DB_URL" "$DB_USER" "$1"; }

FAILED=0
SUMMARY=()
for DB in $DATABASES; do
  DATA="$WORK/$DB-data"
  LOG="$WORK/$DB-app.log"
  RUN="$DB$$"
  ANSWERED_BEFORE_KILLS=0
  if [ "$DB" = postgres ]; then
    "${PSQL[@]}" -c "create schema $SCHEMA" >/dev/null
    DB_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA"
    DB_USER=postgres
    DB_ENV=(DEPESCHE_DB_URL="$DB_URL" DEPESCHE_DB_USER=postgres)
  else
    DB_URL="jdbc:h2:file:$DATA/db/depesche;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
    DB_USER=sa
    # The application's default (the embedded H2 file database in its data directory), or CRASH_H2_URL
    # to try other settings, e.g. without WRITE_DELAY=0.
    DB_ENV=()
    if [ -n "${CRASH_H2_URL:-}" ]; then DB_ENV=(DEPESCHE_DB_URL="${CRASH_H2_URL//\{data\}/$DATA}"); fi
  fi
  echo "== $DB: starting ..." >&2
  start_app "$DATA" "$LOG"
  ARTICLE=$(curl -fs "http://127.0.0.1:$PORT/" | grep -o '<h2><a href="/[a-z0-9-]*"' | head -1 | sed 's/.*href="//; s/"//')
  [ -n "$ARTICLE" ] || { echo "no article on the home page" >&2; exit 1; }

  : > "$WORK/$DB-sent.tsv"
  for round in $(seq 1 "$ROUNDS"); do
    # The readers stop on their own once the server has refused connections for three seconds.
    python3 bench/lib/reader_stream.py "http://127.0.0.1:$PORT" "$ARTICLE" "${RUN}r$round" 600 "$WORKERS" "$WORK/$DB-round.tsv" &
    CLIENT=$!
    # Mid-stream: after the given seconds and once this round has had MIN_ANSWERS answers (a slow,
    # busy machine answers late), at most three minutes.
    STARTED=$SECONDS
    sleep "$KILL_AFTER"
    while [ "$(wc -l < "$WORK/$DB-round.tsv")" -lt "$MIN_ANSWERS" ] && [ $((SECONDS - STARTED)) -lt 180 ]; do sleep 0.5; done
    BEFORE_KILL=$(wc -l < "$WORK/$DB-round.tsv")
    kill -9 "$APP"
    wait "$APP" 2>/dev/null || true
    echo "== $DB, round $round: killed (SIGKILL) after $((SECONDS - STARTED))s with $BEFORE_KILL answers logged; the readers keep sending ..." >&2
    wait "$CLIENT"
    CLIENT=
    cat "$WORK/$DB-round.tsv" >> "$WORK/$DB-sent.tsv"
    ANSWERED_BEFORE_KILLS=$(( ${ANSWERED_BEFORE_KILLS:-0} + BEFORE_KILL ))
    echo "== $DB, round $round: restarting on the same database ..." >&2
    start_app "$DATA" "$LOG"
  done
  PAGES_OK=0
  PAGES=("/" "$ARTICLE" "/newsletter" "/feed" "/suche?q=Kommentar" "/sitemap.xml")
  for path in "${PAGES[@]}"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$path")
    if [ "$code" = 200 ]; then PAGES_OK=$((PAGES_OK + 1)); else echo "  $path answered $code" >&2; fi
  done

  # A comment acknowledged just before the kill is assessed after its commit; the restarted node
  # finishes what was outstanding (republished events). Wait for that, up to a minute.
  UNQUEUED_SQL="select count(*) from comment c where c.status = 'PENDING' and c.body like 'Kommentar crash-%'
                and not exists (select 1 from moderation_queue q where q.comment_id = c.id)"
  if [ "$DB" = h2 ]; then
    # The H2 file is locked while the application runs: wait on its page, then stop it to look inside.
    sleep 20
    kill "$APP"; wait "$APP" 2>/dev/null || true
  else
    for _ in $(seq 1 60); do [ "$(sql "$UNQUEUED_SQL")" = 0 ] && break; sleep 1; done
  fi

  awk -F'\t' '$1 == "comment" && $3 == 302 {print $2}' "$WORK/$DB-sent.tsv" | sort > "$WORK/$DB-ack-comments"
  awk -F'\t' '$1 == "signup" && $3 == 200 {print $2}' "$WORK/$DB-sent.tsv" | sort > "$WORK/$DB-ack-signups"
  sql "select substring(body, 11, position(' zum Thema' in body) - 11) from comment where body like 'Kommentar crash-${RUN}r%'" \
    | sort > "$WORK/$DB-stored-comments"
  sql "select substring(email, 1, position('@' in email) - 1) from subscriber where email like 'crash-${RUN}r%'" \
    | sort > "$WORK/$DB-stored-signups"
  SENT=$(wc -l < "$WORK/$DB-sent.tsv")
  SENT_C=$(awk -F'\t' '$1 == "comment"' "$WORK/$DB-sent.tsv" | wc -l)
  SENT_S=$(awk -F'\t' '$1 == "signup"' "$WORK/$DB-sent.tsv" | wc -l)
  NO_ANSWER=$(awk -F'\t' '$3 == "error"' "$WORK/$DB-sent.tsv" | wc -l)
  REFUSED=$(awk -F'\t' '$3 != "error" && !(($1 == "comment" && $3 == 302) || ($1 == "signup" && $3 == 200))' "$WORK/$DB-sent.tsv" | wc -l)
  ACK_C=$(wc -l < "$WORK/$DB-ack-comments")
  ACK_S=$(wc -l < "$WORK/$DB-ack-signups")
  FOUND_C=$(comm -12 "$WORK/$DB-ack-comments" "$WORK/$DB-stored-comments" | wc -l)
  FOUND_S=$(comm -12 "$WORK/$DB-ack-signups" "$WORK/$DB-stored-signups" | wc -l)
  MISSING=$(( ACK_C - FOUND_C + ACK_S - FOUND_S ))
  UNACK_STORED=$(( $(wc -l < "$WORK/$DB-stored-comments") - FOUND_C + $(wc -l < "$WORK/$DB-stored-signups") - FOUND_S ))

  H_ORPHAN=$(sql "select count(*) from comment c where c.body like 'Kommentar crash-%' and not exists (select 1 from article a where a.id = c.article_id)")
  H_UNQUEUED=$(sql "$UNQUEUED_SQL")
  H_NOSUB=$(sql "select count(*) from subscriber s where s.email like 'crash-%' and not exists (select 1 from subscription x where x.subscriber_id = s.id)")
  H_NOSUBSCRIBER=$(sql "select count(*) from subscription x where not exists (select 1 from subscriber s where s.id = x.subscriber_id)")
  H_NOMAIL=$(sql "select count(*) from subscription x join subscriber s on s.id = x.subscriber_id
                  where s.email like 'crash-%' and x.status = 'PENDING' and x.channel = 'EMAIL'
                  and not exists (select 1 from mail_outbox m where m.idempotency_key like 'subscription-confirm:' || x.id || ':%')")
  HALF=$(( H_ORPHAN + H_UNQUEUED + H_NOSUB + H_NOSUBSCRIBER + H_NOMAIL ))

  echo
  echo "crash safety, $DB: $WORKERS readers, $ROUNDS × (SIGKILL mid-stream, restart on the same database)"
  echo "  sent:                       $SENT ($SENT_C comments, $SENT_S sign-ups)"
  echo "  acknowledged (302 / 200):   $((ACK_C + ACK_S)) ($ACK_C comments, $ACK_S sign-ups)"
  echo "  refused (4xx):              $REFUSED"
  echo "  no answer (server killed):  $NO_ANSWER"
  echo "  found after restart:        $((FOUND_C + FOUND_S)) ($FOUND_C comments, $FOUND_S sign-ups)"
  echo "  missing:                    $MISSING (must be 0)"
  echo "  stored, not acknowledged:   $UNACK_STORED (in flight at the kill)"
  echo "  half-written:               $HALF (must be 0: comment without article $H_ORPHAN, pending comment not queued $H_UNQUEUED,"
  echo "                              subscriber without subscription $H_NOSUB, subscription without subscriber $H_NOSUBSCRIBER,"
  echo "                              pending sign-up without confirmation mail $H_NOMAIL)"
  echo "  reader pages 200 after restart: $PAGES_OK of ${#PAGES[@]}"
  if [ "$MISSING" = 0 ] && [ "$HALF" = 0 ] && [ "$PAGES_OK" = "${#PAGES[@]}" ] && [ "$ANSWERED_BEFORE_KILLS" -gt 0 ] && [ "$NO_ANSWER" -gt 0 ]; then
    SUMMARY+=("PASS  $DB: $((ACK_C + ACK_S)) acknowledged, $((FOUND_C + FOUND_S)) found, 0 missing, 0 half-written")
  else
    SUMMARY+=("FAIL  $DB: missing $MISSING, half-written $HALF, pages $PAGES_OK/${#PAGES[@]}, answers before the kills $ANSWERED_BEFORE_KILLS, unanswered $NO_ANSWER")
    FAILED=1
    cp "$LOG" "${TMPDIR:-/tmp}/crash-safety.$DB.app.log" && echo "  application log: ${TMPDIR:-/tmp}/crash-safety.$DB.app.log"
  fi
  kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true
done
echo
printf '%s\n' "${SUMMARY[@]}"
exit $FAILED
