# Sourced by the bench scripts: builds the host and a benchmark program, and runs the program in its
# own process group and temporary directory, so Ctrl-C or a failure stops every server it started
# and removes what it wrote.
#   build_and_run_isolated <name> <bench project dir> <assembly> [--configuration Release|Debug] [--no-build] [args...]
#   run_isolated <name> <program.dll> [args...]   (exits with the program's status)

# Takes --configuration and --no-build off the arguments, builds the host and the benchmark (unless
# --no-build) and runs the benchmark isolated with the other arguments.
build_and_run_isolated() {
  local name=$1 project=$2 assembly=$3 configuration=Release build=1 args=()
  shift 3
  while [ $# -gt 0 ]; do
    case "$1" in
      --configuration) configuration=$2; shift 2 ;;
      --no-build) build=0; shift ;;
      *) args+=("$1"); shift ;;
    esac
  done

  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  if [ "$build" -eq 1 ]; then
    dotnet build src/TwinApi -c "$configuration" --nologo -v quiet -clp:ErrorsOnly
    dotnet build "$project" -c "$configuration" --nologo -v quiet -clp:ErrorsOnly
  fi

  run_isolated "$name" "$project/bin/$configuration/net10.0/$assembly.dll" ${args[@]+"${args[@]}"}
}
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
