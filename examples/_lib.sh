# Shared by the quickstarts: call the API with curl, read answers with python3, stop at the
# first answer that is not a success. LEADWIRE_URL (default http://localhost:8080) and
# LEADWIRE_KEY (default: a key from the local platform's .leadwire/credentials.json).
set -euo pipefail
LEADWIRE_URL="${LEADWIRE_URL:-http://localhost:8080}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# call METHOD PATH [JSON-BODY] [extra curl args...]: prints the answer; fails unless success.
call() {
  local method="$1" path="$2" body="${3:-}"
  shift $(( $# > 2 ? 3 : 2 ))
  local answer
  if [ -n "$body" ]; then
    answer=$(curl -sS -X "$method" "$LEADWIRE_URL$path" -H "X-API-Key: $LEADWIRE_KEY" \
      -H 'Content-Type: application/json' -d "$body" "$@")
  else
    answer=$(curl -sS -X "$method" "$LEADWIRE_URL$path" -H "X-API-Key: $LEADWIRE_KEY" "$@")
  fi
  if ! printf '%s' "$answer" | python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin).get("success") else 1)'; then
    echo "FAILED: $method $path -> $answer" >&2
    exit 1
  fi
  printf '%s' "$answer"
}

# field EXPR: reads the answer on stdin and prints json["data"]<EXPR>, e.g. field '["id"]'.
field() {
  python3 -c "import json,sys; d=json.load(sys.stdin)['data']; print(d$1)"
}

# key_from_credentials EXPR: a key of the local platform, e.g. "['tenants'][1]['testKey']".
key_from_credentials() {
  python3 -c "import json; print(json.load(open('$HERE/../.leadwire/credentials.json'))$1)"
}
