#!/usr/bin/env bash
# A partner agency with its live key: onboard a client company, see the companies the key may act
# in (also at the AgencyHandy path), then act inside the client with X-Company-Id. Run the platform
# first (./leadwire), then:
#   examples/quickstart-partner.sh
source "$(dirname "$0")/_lib.sh"
LEADWIRE_KEY="${LEADWIRE_KEY:-$(key_from_credentials "['partner']['liveKey']")}"

company=$(call POST /v1/companies '{"name":"Quickstart Bakery"}' | field '["id"]')
echo "1. onboarded company $company"
echo "2. companies this key acts in: $(call GET /v1/accounts/companies | python3 -c 'import json,sys; print(", ".join(c["name"] for c in json.load(sys.stdin)["data"]))')"
agencyhandy=$(curl -sS "$LEADWIRE_URL/accounts/companies" -H "x-api-key: $LEADWIRE_KEY" \
  | python3 -c 'import json,sys; a=json.load(sys.stdin); print(a["message"], "first _id:", a["companies"][0]["_id"])')
echo "3. the AgencyHandy path answers in its own shape: $agencyhandy"
contact=$(call POST /v1/contacts '{"name":"Bakery Customer","phone":"254712345699"}' -H "X-Company-Id: $company" | field '["id"]')
echo "4. a contact in the company: $contact"
echo "5. the company's contacts: $(call GET /v1/contacts '' -H "X-Company-Id: $company" | field '.__len__()')"
echo "6. the partner's own contacts do not include it: $(call GET /v1/contacts | python3 -c "import json,sys; print(all(c['id'] != '$contact' for c in json.load(sys.stdin)['data']))")"
