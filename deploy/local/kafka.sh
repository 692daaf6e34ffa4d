#!/usr/bin/env bash
# Runs one real Apache Kafka broker (KRaft, combined broker + controller) from the jars that
# Maven resolves from Maven Central into ~/.m2. No Docker, no tarball downloads.
#
#   deploy/local/kafka.sh start    fetch (first time), format storage, start, wait until it answers
#   deploy/local/kafka.sh stop     stop it cleanly (SIGTERM, then wait for the controlled shutdown)
#   deploy/local/kafka.sh status   exit 0 when the broker answers on its port
#   deploy/local/kafka.sh classpath  print the class path (resolving it if needed)
#
# Environment:
#   KAFKA_PORT            client port on 127.0.0.1; the controller uses KAFKA_PORT+1. Unset: the port
#                         of KAFKA_BROKERS when that names one broker on this machine, else 9092
#   KAFKA_LOCAL_DIR       data, logs and pid file (default <repo>/.local/kafka)
#   KAFKA_HEAP_OPTS       JVM heap (default -Xms256m -Xmx768m)
#   KAFKA_START_TIMEOUT   seconds to wait for the broker to answer (default 120)
#
# A second listener, SASL_SSL with SCRAM-SHA-512 (what compose and Kubernetes run, docs/adr/0028),
# beside the plaintext one, when KAFKA_SASL_SSL_PORT is set (the libs/messaging test starts such a
# broker of its own on free ports, in its own KAFKA_LOCAL_DIR):
#   KAFKA_SASL_SSL_PORT   port of the SASL_SSL listener on 127.0.0.1
#   KAFKA_TLS_DIR         what deploy/tls/generate-certs.mjs made (kafka.p12, kafka.p12.password)
#   KAFKA_SCRAM_USERS     name=password,… : the SCRAM-SHA-512 users, created when storage is formatted
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# One rule for where the local broker is, shared with deploy/local/topics.mjs and the services:
# KAFKA_BROKERS when set, else 127.0.0.1:$KAFKA_PORT (default 9092). So `KAFKA_BROKERS=127.0.0.1:9094
# npm run kafka:start` starts the broker on 9094 and creates the topics there, as does KAFKA_PORT=9094.
loopback_port() {
  [[ "${KAFKA_BROKERS:-}" =~ ^(127\.0\.0\.1|localhost):([0-9]+)$ ]] && echo "${BASH_REMATCH[2]}"
}
port="${KAFKA_PORT:-$(loopback_port || echo 9092)}"
controller_port="$((port + 1))"
dir="${KAFKA_LOCAL_DIR:-$repo/.local/kafka}"
pid_file="$dir/kafka.pid"
log_file="$dir/server.log"
cp_file="$dir/classpath.txt"
heap="${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m}"
timeout="${KAFKA_START_TIMEOUT:-120}"

log() { printf '[kafka.sh] %s\n' "$*" >&2; }

answers() {
  # A TCP connect is enough to tell the listener is bound; readiness for clients is checked
  # by wait-for-kafka.mjs (metadata request through kafkajs).
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

classpath() {
  mkdir -p "$dir"
  local pom="$here/kafka/pom.xml"
  if [[ ! -s "$cp_file" || "$pom" -nt "$cp_file" ]]; then
    log "resolving the Kafka broker from Maven Central (cached in ~/.m2)"
    mvn -q -B -f "$pom" dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2
  fi
  cat "$cp_file"
}

running_pid() {
  [[ -f "$pid_file" ]] || return 1
  local pid; pid="$(cat "$pid_file")"
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

start() {
  if pid="$(running_pid)"; then
    log "already running (pid $pid) on 127.0.0.1:$port"
    return 0
  fi
  if answers; then
    log "something already answers on 127.0.0.1:$port; not starting a second broker"
    return 1
  fi
  if [[ -n "${KAFKA_BROKERS:-}" && -z "${KAFKA_PORT:-}" ]] && ! loopback_port >/dev/null; then
    log "KAFKA_BROKERS=$KAFKA_BROKERS is not this broker (127.0.0.1:$port): topics.mjs and the services will reach KAFKA_BROKERS; unset it, or set it to 127.0.0.1:$port"
  fi
  local cp; cp="$(classpath)"
  local conf="$dir/server.properties"
  mkdir -p "$dir/data"
  cat > "$conf" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
delete.topic.enable=true
PROPS
  local scram_args=()
  if [[ -n "${KAFKA_SASL_SSL_PORT:-}" ]]; then
    # Later keys win in a properties file: these extend the listeners above.
    local tls_dir="${KAFKA_TLS_DIR:?KAFKA_TLS_DIR: the directory deploy/tls/generate-certs.mjs wrote}"
    local store_password; store_password="$(tr -d '\n' < "$tls_dir/kafka.p12.password")"
    cat >> "$conf" <<PROPS
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port,SASL_SSL://127.0.0.1:$KAFKA_SASL_SSL_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$port,SASL_SSL://127.0.0.1:$KAFKA_SASL_SSL_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL
sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
ssl.keystore.type=PKCS12
ssl.keystore.location=$tls_dir/kafka.p12
ssl.keystore.password=$store_password
ssl.key.password=$store_password
PROPS
    chmod 600 "$conf"
    local user
    IFS=',' read -r -a users <<< "${KAFKA_SCRAM_USERS:-}"
    for user in "${users[@]}"; do
      [[ -n "$user" ]] && scram_args+=(--add-scram "SCRAM-SHA-512=[name=${user%%=*},password=${user#*=}]")
    done
  fi
  if [[ ! -f "$dir/data/meta.properties" ]]; then
    local cluster_id; cluster_id="$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
    log "formatting KRaft storage (cluster $cluster_id)"
    java -cp "$cp" kafka.tools.StorageTool format -t "$cluster_id" -c "$conf" "${scram_args[@]}" >>"$log_file" 2>&1
  fi
  log "starting the broker on 127.0.0.1:$port (log: $log_file)"
  local started=$SECONDS
  # shellcheck disable=SC2086
  nohup java $heap -XX:+UseG1GC -Djava.awt.headless=true \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=info \
    -Dorg.slf4j.simpleLogger.showDateTime=true \
    -cp "$cp" kafka.Kafka "$conf" >>"$log_file" 2>&1 < /dev/null &
  echo $! > "$pid_file"
  until answers; do
    if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      log "the broker exited during start-up; last lines of $log_file:"
      tail -n 40 "$log_file" >&2
      return 1
    fi
    if (( SECONDS - started > timeout )); then
      log "the broker did not answer within ${timeout}s"
      tail -n 40 "$log_file" >&2
      stop || true
      return 1
    fi
    sleep 0.5
  done
  log "listening after $((SECONDS - started))s (pid $(cat "$pid_file"))"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    log "not running"
    rm -f "$pid_file"
    return 0
  fi
  log "stopping pid $pid"
  kill -TERM "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pid_file"; log "stopped"; return 0; }
    sleep 0.5
  done
  log "no clean stop within 30s; killing"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pid_file"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) answers ;;
  classpath) classpath ;;
  reset) stop; rm -rf "$dir/data" ;;
  *) echo "usage: $0 start|stop|status|classpath|reset" >&2; exit 2 ;;
esac
