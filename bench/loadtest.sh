#!/usr/bin/env bash
# gunicorn + PostgreSQL with N statements, then bench/loadtest.py. Everything on 127.0.0.1.
#   bench/loadtest.sh [statements] [clients] [seconds] [think]
# think: each client's mean pause between requests in seconds (0 = closed loop, the server's ceiling)
set -euo pipefail
cd "$(dirname "$0")/.."
STATEMENTS=${1:-100000}; CLIENTS=${2:-50}; SECONDS_=${3:-60}; THINK=${4:-2}; PORT=${PORT:-8765}
DB=factcheck_load
export DATABASE_URL="postgres://root@127.0.0.1:5432/$DB" SECRET_KEY="load-test-$(date +%s)-not-for-production" \
       ALLOWED_HOSTS=127.0.0.1,localhost STATIC_MANIFEST=true LOGIN_ATTEMPTS=1000
dropdb -h 127.0.0.1 -U root --if-exists "$DB"; createdb -h 127.0.0.1 -U root "$DB"
.venv/bin/python manage.py migrate -v0
.venv/bin/python manage.py collectstatic --no-input -v0
.venv/bin/python manage.py seed_bench --statements "$STATEMENTS"
.venv/bin/gunicorn factcheck.wsgi -b "127.0.0.1:$PORT" --workers 5 --threads 2 --log-level warning &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null; wait $GUNICORN 2>/dev/null; dropdb -h 127.0.0.1 -U root --if-exists "$DB"' EXIT
for _ in $(seq 30); do curl -fs "http://127.0.0.1:$PORT/health/" >/dev/null && break; sleep 1; done
.venv/bin/python bench/loadtest.py --url "http://127.0.0.1:$PORT" --clients "$CLIENTS" --seconds "$SECONDS_" --think "$THINK" --statements "$STATEMENTS"
