# Sourced by the toolchain scripts (ensure-pulumi.sh, ensure-node.sh); defines `with_heartbeat`.
#
#   with_heartbeat TAG WHAT COMMAND [ARGS...]
#
# Runs COMMAND with its stdout sent to stderr (the scripts print only their result on stdout) and, while it runs,
# writes "[TAG] still WHAT: 40s so far" on stderr every HEARTBEAT_SECONDS (default 10), so whoever waits for a
# build of several minutes sees that it is alive. Returns COMMAND's exit status.

with_heartbeat() {
  local tag=$1 what=$2
  shift 2
  local every=${HEARTBEAT_SECONDS:-10}
  local start now next rc=0
  start=$(date +%s)
  next=$((start + every))
  "$@" >&2 &
  local pid=$!
  # Polled in this shell (no helper process), so nothing is left holding stderr open when COMMAND ends.
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    now=$(date +%s)
    if [ "$now" -ge "$next" ] && kill -0 "$pid" 2>/dev/null; then
      printf '[%s] still %s: %ss so far\n' "$tag" "$what" "$((now - start))" >&2
      next=$((now + every))
    fi
  done
  wait "$pid" || rc=$?
  return "$rc"
}
