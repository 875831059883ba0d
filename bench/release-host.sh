# Sourced by the HTTP benchmarks (bench/api.sh, bench/adt.sh): starts the Release host in the
# background on ports from $port (HTTP), $port+1000..3000 (silo, gateway, MQTT), with embedded
# storage in $work/data and the admin key $key, waits until it answers, and stops it (and removes
# $work) when the script exits. Sets $host to its pid.
start_release_host() {
  dotnet src/TwinApi/bin/Release/net10.0/UrbanTwin.TwinApi.dll --Urls=http://127.0.0.1:$port \
    --Storage:DataDirectory="$work/data" --Auth:AdminKey="$key" --Mqtt:Port=$((port + 3000)) --Mqtt:TlsPort=0 \
    --Orleans:SiloPort=$((port + 1000)) --Orleans:GatewayPort=$((port + 2000)) --Logging:LogLevel:Default=Warning > "$work/host.log" 2>&1 &
  host=$!
  trap 'kill $host 2>/dev/null; wait $host 2>/dev/null; rm -rf "$work"' EXIT
  for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$port/health/live" && break; sleep 0.5; done
}
