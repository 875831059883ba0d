# Sourced by the benchmarks that drive the real host over HTTP: start_release_host starts the
# built Release host in the background (single node, embedded storage under $work/data, the admin
# key $key, HTTP on $port, silo, gateway and MQTT on $port+1000..3000) and waits until it answers.
# What the caller has not set it makes: a temporary $work, a random $key, a random $port. It sets
# $host (the pid) and $mqtt_port, and stops the host and removes $work when the script exits.
# Called again after the host stopped, it starts it on the same data, key and ports.
start_release_host() {
  work=${work:-$(mktemp -d)}
  key=${key:-"bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"}
  port=${port:-18${RANDOM:0:3}}
  mqtt_port=$((port + 3000))
  dotnet src/TwinApi/bin/Release/net10.0/UrbanTwin.TwinApi.dll --Urls=http://127.0.0.1:$port \
    --Storage:DataDirectory="$work/data" --Auth:AdminKey="$key" --Mqtt:Port=$mqtt_port --Mqtt:TlsPort=0 \
    --Orleans:SiloPort=$((port + 1000)) --Orleans:GatewayPort=$((port + 2000)) --Logging:LogLevel:Default=Warning >> "$work/host.log" 2>&1 &
  host=$!
  trap 'kill $host 2>/dev/null; wait $host 2>/dev/null; rm -rf "$work"' EXIT
  for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$port/health/live" && break; sleep 0.5; done
}
