# Sourced by the benchmarks that drive the real host over HTTP: start_release_host starts the
# built Release host (single node, embedded storage in a temporary directory, a random admin key,
# free-ish ports from a random base) and waits until it answers; it sets work, key, port, host
# (the pid) and mqtt_port, and stops the host and removes the directory when the script exits.
start_release_host() {
  work=$(mktemp -d)
  key="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  port=18${RANDOM:0:3}
  mqtt_port=$((port + 3000))
  dotnet src/TwinApi/bin/Release/net10.0/UrbanTwin.TwinApi.dll --Urls=http://127.0.0.1:$port \
    --Storage:DataDirectory="$work/data" --Auth:AdminKey="$key" --Mqtt:Port=$mqtt_port --Mqtt:TlsPort=0 \
    --Orleans:SiloPort=$((port + 1000)) --Orleans:GatewayPort=$((port + 2000)) --Logging:LogLevel:Default=Warning > "$work/host.log" 2>&1 &
  host=$!
  trap 'kill $host 2>/dev/null; wait $host 2>/dev/null; rm -rf "$work"' EXIT
  for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$port/health/live" && break; sleep 0.5; done
}
