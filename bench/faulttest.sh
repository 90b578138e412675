#!/usr/bin/env bash
# Fault tests on 127.0.0.1, against PostgreSQL:
#  1. kill -9 the background worker in the middle of a bulk import: no half-imported article,
#     and the job resumes to the end once re-queued;
#  2. stop PostgreSQL while gunicorn serves: a clear 503 page, then recovery when it returns,
#     with nothing lost.
#   bench/faulttest.sh [articles]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-300}; PORT=${PORT:-8766}; DB=factcheck_fault
CLUSTER="$(ls /etc/postgresql | head -1)"
export DATABASE_URL="postgres://root@127.0.0.1:5432/$DB" TASKS_BACKEND=database SECRET_KEY="fault-test-$(date +%s)" \
       ALLOWED_HOSTS=127.0.0.1,localhost
PY=.venv/bin/python
TMP=$(mktemp -d)
pg_up() { pg_ctlcluster --skip-systemctl-redirect "$CLUSTER" main start 2>/dev/null || true
          for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 && return; sleep 1; done; }
cleanup() { pg_up; kill "${WORKER:-}" "${GUNICORN:-}" 2>/dev/null || true; dropdb -h 127.0.0.1 -U root --if-exists "$DB"; rm -rf "$TMP"; }
trap cleanup EXIT
dropdb -h 127.0.0.1 -U root --if-exists "$DB"; createdb -h 127.0.0.1 -U root "$DB"
$PY manage.py migrate -v0
$PY - "$N" > "$TMP/bulk.jsonl" <<'PYEOF'
import json, sys
body = open("../shared/samples/000_0635789064aeac8f.txt").read() if __import__("os").path.exists("../shared/samples/000_0635789064aeac8f.txt") else "The minister said 3 bases were ready. " * 40
for i in range(int(sys.argv[1])):
    # Each line a distinct article: a word of the sample's own text changes (the cleaner drops
    # what follows its boilerplate), or the fallback text gets a sentence.
    text = body.replace("Wednesday", f"Wednesday {i}") if "Wednesday" in body else f"{body} Report {i}."
    print(json.dumps({"url": f"https://fault.example/{i}", "text": text}))
PYEOF

echo "== 1. killing the worker in the middle of a bulk import"
$PY manage.py import_articles --background "$TMP/bulk.jsonl"
$PY manage.py db_worker --interval 0.2 > "$TMP/worker.log" 2>&1 & WORKER=$!
# psql, not manage.py shell: a poll must take milliseconds, or a fast import ends before the kill.
for _ in $(seq 1200); do
  done_=$(psql -h 127.0.0.1 -U root -d "$DB" -tAc "SELECT coalesce(max(processed), 0) FROM factcheck_importjob")
  [ "$done_" -ge $((N / 10 + 3)) ] && break; sleep 0.05
done
kill -9 $WORKER; wait $WORKER 2>/dev/null || true; WORKER=
$PY manage.py shell -v 0 -c "
from factcheck.models import Article, ImportJob, Statement
job = ImportJob.objects.get()
articles = Article.objects.count()
empty = Article.objects.filter(statements__isnull=True).count()
print(f'killed at {job.processed}/{job.total} lines: {articles} articles, {empty} without statements')
assert job.processed < job.total, 'the import finished before the kill; use more articles'
assert empty == 0, 'an article was stored without its statements'
assert articles in (job.created, job.created + 1), 'articles and the job counter disagree'
"
$PY manage.py resume_imports --stale-minutes 0
$PY manage.py db_worker --interval 0.2 > "$TMP/worker2.log" 2>&1 & WORKER=$!
for _ in $(seq 240); do
  state=$($PY manage.py shell -v 0 -c "from factcheck.models import ImportJob; print(ImportJob.objects.get().state)")
  [ "$state" = done ] && break; sleep 0.5
done
kill $WORKER; wait $WORKER 2>/dev/null || true; WORKER=
$PY manage.py shell -v 0 -c "
from factcheck.models import Article, ImportJob
job = ImportJob.objects.get()
print(f'resumed: {job.state}, {job.processed}/{job.total} lines, {Article.objects.count()} articles, {job.duplicates} already there')
assert job.state == 'done' and Article.objects.count() == job.total
"

echo "== 2. stopping PostgreSQL while serving"
.venv/bin/gunicorn factcheck.wsgi -b "127.0.0.1:$PORT" --workers 2 --log-level warning & GUNICORN=$!
for _ in $(seq 30); do curl -fs "http://127.0.0.1:$PORT/health/" >/dev/null && break; sleep 1; done
before=$($PY manage.py shell -v 0 -c "from factcheck.models import Article; print(Article.objects.count())")
pg_ctlcluster --skip-systemctl-redirect "$CLUSTER" main stop -m fast
health=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health/")
login=$(curl -s -o "$TMP/down.html" -w '%{http_code}' "http://127.0.0.1:$PORT/accounts/login/")
echo "while down: /health/ $health, sign-in page $login"
pg_up
sleep 1
after_health=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health/")
after=$($PY manage.py shell -v 0 -c "from factcheck.models import Article; print(Article.objects.count())")
echo "after restart: /health/ $after_health, articles $before -> $after"
[ "$health" = 503 ] && [ "$after_health" = 200 ] && [ "$before" = "$after" ]

echo "== 3. backup and a tested restore"
pg_dump -h 127.0.0.1 -U root -Fc -d "$DB" -f "$TMP/backup.dump"
dropdb -h 127.0.0.1 -U root --if-exists "${DB}_restored"; createdb -h 127.0.0.1 -U root "${DB}_restored"
pg_restore -h 127.0.0.1 -U root -d "${DB}_restored" "$TMP/backup.dump"
counts() { psql -h 127.0.0.1 -U root -d "$1" -tAc "SELECT (SELECT count(*) FROM factcheck_article), (SELECT count(*) FROM factcheck_statement), (SELECT count(*) FROM factcheck_change)"; }
original=$(counts "$DB"); restored=$(counts "${DB}_restored")
dropdb -h 127.0.0.1 -U root "${DB}_restored"
echo "articles|statements|changes: original $original, restored $restored"
[ "$original" = "$restored" ]
echo "fault tests passed"
