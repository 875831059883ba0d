# Sourced by the bench scripts: runs a benchmark program in its own process group and temporary
# directory, so Ctrl-C or a failure stops every server it started and removes what it wrote.
#   run_isolated <name> <program.dll> [args...]   (exits with the program's status)
run_isolated() {
  local name=$1 dll=$2
  shift 2
  work="$(mktemp -d -t "urbantwin-$name.XXXXXX")"
  bench=""
  cleanup() {
    if [ -n "$bench" ]; then
      # The benchmark leads its own process group: every server it started is in it.
      kill -TERM -- "-$bench" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 -- "-$bench" 2>/dev/null || break; sleep 0.2; done
      kill -KILL -- "-$bench" 2>/dev/null || true
    fi
    rm -rf "$work"
  }
  trap cleanup EXIT
  trap 'exit 130' INT TERM

  # Every temporary directory of the run (servers' data, logs, the host's data) lives under $work.
  TMPDIR="$work" setsid dotnet "$dll" "$@" &
  bench=$!
  local status=0
  wait "$bench" || status=$?
  exit "$status"
}
