#!/usr/bin/env bash
# Every step of the pipeline recipe (examples/ci/infrastructure.yml): a rehearsal of a stack's preview, up and destroy
# against the local Atlas emulator on pull requests, and the real preview and up against Atlas on the main branch.
#
#   pulumi-against-emulator.sh start      # the emulator in the background; its URL and pid go to $STATE_DIR
#   pulumi-against-emulator.sh preview    # pulumi preview of $STACK
#   pulumi-against-emulator.sh up         # pulumi up, then the stack's outputs
#   pulumi-against-emulator.sh destroy    # pulumi destroy
#   pulumi-against-emulator.sh stop       # stops the emulator started by `start`
#   pulumi-against-emulator.sh rehearse   # start, preview, up, destroy, stop (stop even when a step fails)
#
# Environment:
#   PROGRAM_DIR   the Pulumi program; its node_modules hold pulumi-atlas-private-endpoint. Default: the current folder.
#   STACK         the stack. Default: `emulator` (ATLAS_TARGET=emulator), required for ATLAS_TARGET=atlas.
#   ATLAS_TARGET  `emulator` (default): the stack's state goes to a file backend in $STATE_DIR and its config to
#                 $STATE_DIR/Pulumi.$STACK.yaml, pointing at the emulator, so a rehearsal never touches real state,
#                 config or Atlas. `atlas`: no emulator; the stack's own backend (PULUMI_BACKEND_URL or
#                 PULUMI_ACCESS_TOKEN), its Pulumi.$STACK.yaml, and credentials from MONGODB_ATLAS_* variables.
#   STATE_DIR     where the rehearsal keeps its files. Default: ${RUNNER_TEMP:-/tmp}/atlas-emulator-rehearsal.
#   EMULATOR_CLUSTERS  the clusters the program connects to (PrivateConnectionStrings), declared in the emulator,
#                 space-separated, each NAME:TYPE:PROVIDER/REGION[,PROVIDER/REGION…], e.g.
#                 "Cluster0:REPLICASET:AWS/us-east-1 orders:SHARDED:AWS/us-east-1,AWS/eu-west-1". Default: none.
set -euo pipefail

command=${1:-}
PROGRAM_DIR=$(cd -- "${PROGRAM_DIR:-.}" && pwd -P)
ATLAS_TARGET=${ATLAS_TARGET:-emulator}
STATE_DIR=${STATE_DIR:-${RUNNER_TEMP:-/tmp}/atlas-emulator-rehearsal}
export PULUMI_SKIP_UPDATE_CHECK=true

log() { printf '[pulumi-against-emulator] %s\n' "$*" >&2; }
die() {
  log "$*"
  exit 1
}

case "$ATLAS_TARGET" in
emulator)
  STACK=${STACK:-emulator}
  mkdir -p "$STATE_DIR/backend"
  export PULUMI_BACKEND_URL="file://$STATE_DIR/backend"
  # The rehearsal's secrets (the emulator's key) are worth nothing; any passphrase will do.
  export PULUMI_CONFIG_PASSPHRASE=${PULUMI_CONFIG_PASSPHRASE:-emulator-rehearsal}
  config_args=(--config-file "$STATE_DIR/Pulumi.$STACK.yaml")
  ;;
atlas)
  [ -n "${STACK:-}" ] || die "ATLAS_TARGET=atlas needs STACK (the stack to deploy)"
  config_args=()
  ;;
*) die "ATLAS_TARGET must be emulator or atlas, got \"$ATLAS_TARGET\"" ;;
esac

pulumi_in_program() { (cd "$PROGRAM_DIR" && pulumi "$@" --stack "$STACK" --non-interactive); }

start_emulator() {
  [ "$ATLAS_TARGET" = emulator ] || die "start: ATLAS_TARGET is $ATLAS_TARGET; the emulator is for rehearsals only"
  local bin="$PROGRAM_DIR/node_modules/.bin/atlas-emulator"
  [ -x "$bin" ] || die "$bin is missing: install the program's dependencies (npm ci) first"
  rm -f "$STATE_DIR/emulator.url" "$STATE_DIR/emulator.pid"
  # Its own session, so the step that started it can end while it keeps serving the next steps.
  local cluster_args=()
  for cluster in ${EMULATOR_CLUSTERS:-}; do cluster_args+=(--cluster "$cluster"); done
  setsid "$bin" --port 0 --provision-seconds 1 --deleting-seconds 0.5 --cluster-update-seconds 1 "${cluster_args[@]}" \
    --quiet >"$STATE_DIR/emulator.log" 2>&1 &
  echo $! >"$STATE_DIR/emulator.pid"
  local line=""
  for _ in $(seq 1 100); do
    line=$(head -n 1 "$STATE_DIR/emulator.log" 2>/dev/null || true)
    case "$line" in "Atlas emulator listening on "*) break ;; esac
    kill -0 "$(cat "$STATE_DIR/emulator.pid")" 2>/dev/null || die "the emulator exited: $(cat "$STATE_DIR/emulator.log")"
    sleep 0.1
  done
  local url=${line#Atlas emulator listening on }
  [ "$url" != "$line" ] || die "the emulator did not start within 10 s: $(cat "$STATE_DIR/emulator.log")"
  echo "$url" >"$STATE_DIR/emulator.url"
  log "emulator at $url (pid $(cat "$STATE_DIR/emulator.pid"))"

  # `stack select --create` writes the passphrase's salt to the program's Pulumi.$STACK.yaml; it moves to $STATE_DIR
  # with the rest of the rehearsal's config, so the program folder is left as it was.
  local program_config="$PROGRAM_DIR/Pulumi.$STACK.yaml"
  [ ! -e "$program_config" ] || die "$program_config exists; pick a STACK name of the rehearsal's own"
  pulumi_in_program stack select --create >/dev/null
  if [ -f "$program_config" ]; then mv "$program_config" "$STATE_DIR/Pulumi.$STACK.yaml"; fi
  pulumi_in_program config set "${config_args[@]}" mongodbatlas:baseUrl "$url"
  pulumi_in_program config set "${config_args[@]}" mongodbatlas:publicKey abcdefgh
  # From stdin, so the key never shows in a process list.
  printf '%s' 11111111-2222-3333-4444-555555555555 |
    pulumi_in_program config set "${config_args[@]}" --secret mongodbatlas:privateKey
  pulumi_in_program config set "${config_args[@]}" atlasPrivateEndpoint:pollTimeScale 0.01
}

stop_emulator() {
  local pidfile="$STATE_DIR/emulator.pid"
  [ -f "$pidfile" ] || {
    log "no emulator was started"
    return 0
  }
  local pid
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -f "$pidfile" "$STATE_DIR/emulator.url"
  log "emulator stopped"
}

require_emulator() {
  [ "$ATLAS_TARGET" = emulator ] || return 0
  [ -f "$STATE_DIR/emulator.url" ] || die "no emulator is running: run \`$0 start\` first"
}

case "$command" in
start) start_emulator ;;
stop) stop_emulator ;;
preview)
  require_emulator
  pulumi_in_program preview "${config_args[@]}" --diff
  ;;
up)
  require_emulator
  pulumi_in_program up "${config_args[@]}" --yes --skip-preview
  pulumi_in_program stack output
  ;;
destroy)
  require_emulator
  pulumi_in_program destroy "${config_args[@]}" --yes --skip-preview
  ;;
rehearse)
  [ "$ATLAS_TARGET" = emulator ] || die "rehearse runs against the emulator only"
  trap stop_emulator EXIT
  "$0" start
  "$0" preview
  "$0" up
  "$0" destroy
  ;;
*) die "usage: $0 start|preview|up|destroy|stop|rehearse (see the header of this script)" ;;
esac
