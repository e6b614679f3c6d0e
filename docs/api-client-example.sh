#!/bin/sh
# An information system using SecureBase without a browser (issue 15): it asks for an access token with its client
# secret (OAuth 2.0 client credentials), imports the pupils file (columns as in docs/import-format.md) and reads the
# waiting list. Register the client at /admin/api-clients with "Import pupils, parents and carers, and staff" and
# "Read the waiting list"; the page shows its id and secret once.
#
#   SECUREBASE_URL=https://securebase.example.sch.uk SECUREBASE_CLIENT_ID=... SECUREBASE_CLIENT_SECRET=... \
#     sh docs/api-client-example.sh pupils.csv
#
# Needs curl and jq.
set -eu

base="${SECUREBASE_URL:?set SECUREBASE_URL, e.g. https://securebase.example.sch.uk}"
id="${SECUREBASE_CLIENT_ID:?set SECUREBASE_CLIENT_ID}"
secret="${SECUREBASE_CLIENT_SECRET:?set SECUREBASE_CLIENT_SECRET}"
pupils="${1:?give the pupils CSV file}"

# 1. A token for 10 minutes. The secret goes in HTTP Basic (curl -u), never in the address.
token=$(curl --silent --show-error --fail-with-body -u "$id:$secret" \
    --data-urlencode "grant_type=client_credentials" "$base/oauth/token" | jq -r .access_token)

# 2. Import the pupils. All or nothing: a rejected line answers 400 with every reason in "report".
curl --silent --show-error --fail-with-body -H "Authorization: Bearer $token" -H "X-SecureBase-Client: example-script" \
    -F "file=@$pupils;type=text/csv" "$base/api/v1/imports/pupils" \
    | jq -r '"Imported: " + (.imported | tostring) + " (" + (.files[0].records | "\(.new) new, \(.updated) updated, \(.unchanged) unchanged") + ")"'

# 3. Read the waiting list: most urgent priority first, then longest wait.
curl --silent --show-error --fail-with-body -H "Authorization: Bearer $token" "$base/api/v1/waiting-list" \
    | jq -r '"Waiting: \(length) pupil(s)", (.[] | "  \(.pupil): \(.discipline), priority \(.priority), \(.weeksWaited) weeks")'
