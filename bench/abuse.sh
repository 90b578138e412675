#!/usr/bin/env bash
# gunicorn + PostgreSQL + one db_worker, then bench/abuse.py. Everything on 127.0.0.1.
#   bench/abuse.sh [parallel pastes]        (DB=name to choose the throw-away database)
set -euo pipefail
cd "$(dirname "$0")/.."
PARALLEL=${1:-4}; PORT=${PORT:-8766}; DB=${DB:-factcheck_abuse}
export DATABASE_URL="postgres://root@127.0.0.1:5432/$DB" SECRET_KEY="abuse-test-$(date +%s)-not-for-production" \
       ALLOWED_HOSTS=127.0.0.1,localhost STATIC_MANIFEST=true TASKS_BACKEND=database LOGIN_ATTEMPTS=1000
dropdb -h 127.0.0.1 -U root --if-exists "$DB"; createdb -h 127.0.0.1 -U root "$DB"
.venv/bin/python manage.py migrate -v0
.venv/bin/python manage.py collectstatic --no-input -v0
.venv/bin/python manage.py seed_bench --statements 2000 >/dev/null
# The production shape of the README: 3 workers x 4 threads, and a background worker.
.venv/bin/gunicorn factcheck.wsgi -b "127.0.0.1:$PORT" --workers 3 --threads 4 --timeout 1200 --log-level warning &
GUNICORN=$!
.venv/bin/python manage.py db_worker --no-reload -v0 &
WORKER=$!
trap 'kill $GUNICORN $WORKER 2>/dev/null; wait $GUNICORN $WORKER 2>/dev/null; dropdb -h 127.0.0.1 -U root --if-exists "$DB"' EXIT
for _ in $(seq 30); do curl -fs "http://127.0.0.1:$PORT/health/" >/dev/null && break; sleep 1; done
.venv/bin/python bench/abuse.py --url "http://127.0.0.1:$PORT" --parallel "$PARALLEL"
