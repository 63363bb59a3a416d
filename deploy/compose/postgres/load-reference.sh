#!/usr/bin/env bash
# Loads the reference database (sql/, mounted at /reference) into the trial's Postgres on its
# first start, as the README's "Reference database" section does, and gives the gateway's login
# role the password the gateway is configured with (network connections use scram-sha-256).
set -euo pipefail
psql=(psql -X -q -v ON_ERROR_STOP=1 --username "$POSTGRES_USER")
"${psql[@]}" -d postgres -c 'create database stripe_api' -c 'create database fdw_gateway'
"${psql[@]}" -d postgres -f /reference/00-roles.sql
"${psql[@]}" -d stripe_api -f /reference/10-stripe-api.sql
"${psql[@]}" -d fdw_gateway -f /reference/20-gateway.sql
echo "alter role authenticator password :'password'" | "${psql[@]}" -d postgres -v password="$AUTHENTICATOR_PASSWORD"
