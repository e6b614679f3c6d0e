#!/bin/sh
# An information system using SecureBase without a browser (issue 15): it asks for an access token with its client
# secret (OAuth 2.0 client credentials), imports the pupils file (columns as in docs/import-format.md) and reads the
# waiting list. Register the client at /admin/api-clients with "Import pupils, parents and carers, and staff" and
# "Read the waiting list"; the page shows its id and secret once.
#
#   SECUREBASE_URL=https://securebase.example.sch.uk SECUREBASE_CLIENT_ID=... SECUREBASE_CLIENT_SECRET=... \
#     sh docs/api-client-example.sh pupils.csv
#
# If the client was also given "Send local authority referrals by UPN" (MakeReferral), as a local authority's case
# system would be, and SECUREBASE_REFERRAL_UPN is set, it then sends a referral for that pupil, naming the person who
# made it (SECUREBASE_REFERRER) and their organisation (SECUREBASE_REFERRER_ORGANISATION). It is told only "Received",
# whether or not the UPN is a pupil of the school, and can read nothing of the referral back.
#
# Needs curl and jq.
set -eu

base="${SECUREBASE_URL:?set SECUREBASE_URL, e.g. https://securebase.example.sch.uk}"
id="${SECUREBASE_CLIENT_ID:?set SECUREBASE_CLIENT_ID}"
secret="${SECUREBASE_CLIENT_SECRET:?set SECUREBASE_CLIENT_SECRET}"
pupils="${1:?give the pupils CSV file}"

# 1. A token for 10 minutes. The secret goes in HTTP Basic (curl -u), never in the address. "scope" in the answer says
#    what the token may do: the client's whole grant here (send scope=ImportData, say, for a token that may do less).
answer=$(curl --silent --show-error --fail-with-body -u "$id:$secret" \
    --data-urlencode "grant_type=client_credentials" "$base/oauth/token")
token=$(printf '%s' "$answer" | jq -r .access_token)
scope=$(printf '%s' "$answer" | jq -r .scope)

# 2. Import the pupils. All or nothing: a rejected line answers 400 with every reason in "report".
curl --silent --show-error --fail-with-body -H "Authorization: Bearer $token" -H "X-SecureBase-Client: example-script" \
    -F "file=@$pupils;type=text/csv" "$base/api/v1/imports/pupils" \
    | jq -r '"Imported: " + (.imported | tostring) + " (" + (.files[0].records | "\(.new) new, \(.updated) updated, \(.unchanged) unchanged") + ")"'

# 3. Read the waiting list: most urgent priority first, then longest wait.
curl --silent --show-error --fail-with-body -H "Authorization: Bearer $token" "$base/api/v1/waiting-list" \
    | jq -r '"Waiting: \(length) pupil(s)", (.[] | "  \(.pupil): \(.discipline), priority \(.priority), \(.weeksWaited) weeks")'

# 4. A local authority referral, when the client may send them and a UPN is given. The Idempotency-Key makes a retried
#    request (after a timeout, say) safe: the school gets one referral, and the answer is the same.
upn="${SECUREBASE_REFERRAL_UPN:-}"
case " $scope " in
*" MakeReferral "*)
    if [ -n "$upn" ]; then
        who="${SECUREBASE_REFERRER:?set SECUREBASE_REFERRER, the person at the authority who made the referral}"
        org="${SECUREBASE_REFERRER_ORGANISATION:?set SECUREBASE_REFERRER_ORGANISATION, e.g. the authority's name}"
        details="${SECUREBASE_REFERRAL_DETAILS:-The annual review of the EHCP asks for speech and language therapy input.}"
        key=$(cat /proc/sys/kernel/random/uuid 2>/dev/null || uuidgen)
        jq -n --arg upn "$upn" --arg who "$who" --arg org "$org" --arg details "$details" \
            '{upn: $upn, reasons: ["EhcpRequirement"], details: $details, urgency: "Routine", consentGiven: true,
              localAuthorityReferrer: $who, referrerOrganisation: $org}' \
            | curl --silent --show-error --fail-with-body -H "Authorization: Bearer $token" -H "Idempotency-Key: $key" \
                -H "Content-Type: application/json" --data-binary @- "$base/api/v1/referrals" \
            | jq -r '"Referral: \(.status) (UPN \(.upn))"'
    else
        echo "Referral: not sent (set SECUREBASE_REFERRAL_UPN to send one)"
    fi
    ;;
*)
    echo "Referral: not sent (this client may not send local authority referrals)"
    ;;
esac
