#!/bin/bash
# usage: before.sh kind file [query-series date]
set -u
db=/tmp/ing/b.duckdb; cp /work/full-store.duckdb $db
npx tidewatch import $1 $2 --db $db > /tmp/ing/out.txt 2>&1; code=$?
echo "== import $1 $(basename $2): exit $code"; tail -4 /tmp/ing/out.txt | cut -c1-250
