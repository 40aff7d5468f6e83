#!/usr/bin/env bash
# A WhatsApp campaign from nothing, with a test key (the sandbox: nothing leaves the platform):
# a session, a group, a CSV import into it, the preview, a personalised campaign, its launch, its
# analytics, and what the sandbox received. Run the platform first (./leadwire), then:
#   examples/quickstart-campaign.sh
source "$(dirname "$0")/_lib.sh"
LEADWIRE_KEY="${LEADWIRE_KEY:-$(key_from_credentials "['tenants'][1]['testKey']")}"

session=$(call POST /v1/waha/sessions '{"name":"Quickstart shop","ratePerMinute":600}' | field '["id"]')
echo "1. session $session"
group=$(call POST /v1/contacts/groups '{"name":"Quickstart customers","color":"#2E86DE"}' | field '["id"]')
echo "2. group $group"
job=$(call POST /v1/contacts/import '' -F "file=@$HERE/contacts.csv" -F "group_id=$group" -F region=KE | field '["id"]')
for _ in $(seq 1 60); do
  status=$(call GET "/v1/contacts/imports/$job" | field '["status"]')
  [ "$status" = completed ] && break
  [ "$status" = failed ] && { echo "the import failed" >&2; exit 1; }
  sleep 0.5
done
echo "3. import $job: $(call GET "/v1/contacts/imports/$job" | field '["created"]') contacts created"
preview=$(call POST /v1/campaigns/preview-recipients "{\"source\":\"groups\",\"filter\":{\"group_ids\":[\"$group\"]}}")
echo "4. preview: $(printf '%s' "$preview" | field '["sendable"]') sendable"
campaign=$(call POST /v1/campaigns "{\"name\":\"Quickstart\",\"gateway_session_id\":\"$session\",
  \"recipient_source\":\"groups\",\"filter\":{\"group_ids\":[\"$group\"]},
  \"message_content\":{\"type\":\"text\",\"text\":\"Hi {{first_name}}, our {{city}} shop opens today!\"},
  \"strategy\":\"sequential\",\"rate_per_minute\":600}" | field '["id"]')
echo "5. campaign $campaign"
call POST "/v1/campaigns/$campaign/launch" > /dev/null
for _ in $(seq 1 120); do
  status=$(call GET "/v1/campaigns/$campaign" | field '["status"]')
  [ "$status" = completed ] && break
  sleep 0.5
done
echo "6. campaign $status"
echo "7. analytics: $(call GET "/v1/campaigns/$campaign/analytics" | python3 -c 'import json,sys; d=json.load(sys.stdin)["data"]; print("sent", d["sent"], "of", d["total"])')"
echo "8. the sandbox received:"
call GET "/v1/sandbox/messages?sessionId=$session" | python3 -c '
import json, sys
for m in json.load(sys.stdin)["data"]:
    print("   ", m["to"], "<-", m["request"]["path"], m["request"]["body"].get("text"))'
