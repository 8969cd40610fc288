#!/usr/bin/env bash
# Brings up (and down) a single-node Slurm cluster on the loopback, for the Slurm launcher's
# integration tests and for trying `launcher: slurm` on one machine. Debian 12, as root, no systemd.
#
#   scripts/slurm-cluster.sh start    install slurmctld/slurmd/munge if missing, write the config,
#                                      start munged, slurmctld, slurmd; wait until the node is idle
#   scripts/slurm-cluster.sh stop     cancel every job, stop the daemons this script started
#   scripts/slurm-cluster.sh status   daemons, partitions and the queue
#
# Partitions: `debug` (default, MaxTime 10 min) and `short` (MaxTime 1 min, for time-limit tests;
# Slurm's limits are whole minutes and it checks them about every 30 s, so a job there ends 60-90 s in).
set -euo pipefail

STATE=/var/lib/sweep-slurm          # spool, state, logs and pid files of this cluster
CONF=/etc/slurm/slurm.conf
MARK="# written by sweep scripts/slurm-cluster.sh"

die() { echo "slurm-cluster: $*" >&2; exit 1; }

# Whether a live (not zombie) process has this name: a daemon killed -9 can stay a zombie here.
running() {
  local pid
  for pid in $(pgrep -x "$1"); do
    [[ $(ps -o stat= -p "$pid" 2>/dev/null) == Z* ]] || return 0
  done
  return 1
}

install_packages() {
  bash "$(dirname "${BASH_SOURCE[0]}")/install-deps.sh" --slurm >/dev/null
}

# Every Slurm command hangs for minutes when the host name does not resolve.
ensure_hostname_resolves() {
  local host
  host=$(hostname -s)
  getent hosts "$host" >/dev/null || echo "127.0.0.1 $host" >>/etc/hosts
}

write_config() {
  if [[ -f $CONF ]] && ! grep -qF "$MARK" "$CONF"; then
    die "$CONF exists and was not written by this script; refusing to overwrite it"
  fi
  local host cpus memory
  host=$(hostname -s)
  cpus=$(nproc)
  memory=$(($(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 512))
  mkdir -p "$STATE"/{ctld,d}
  cat >"$CONF" <<EOF
$MARK
ClusterName=sweep
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=$STATE/ctld
SlurmdSpoolDir=$STATE/d
SlurmctldPidFile=$STATE/slurmctld.pid
SlurmdPidFile=$STATE/slurmd.pid
SlurmctldLogFile=$STATE/slurmctld.log
SlurmdLogFile=$STATE/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0
EnforcePartLimits=ALL
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
ReturnToService=2
KillWait=2
OverTimeLimit=0
MinJobAge=60
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=10 State=UP
PartitionName=short Nodes=$host MaxTime=1 State=UP
EOF
}

start_munge() {
  running munged && return 0
  mkdir -p /run/munge /var/log/munge /var/lib/munge
  chown munge:munge /run/munge /var/log/munge /var/lib/munge /etc/munge
  chmod 0755 /run/munge
  [[ -f /etc/munge/munge.key ]] || { dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 2>/dev/null; }
  chown munge:munge /etc/munge/munge.key
  chmod 0400 /etc/munge/munge.key
  runuser -u munge -- /usr/sbin/munged
}

wait_until_idle() {
  local host state deadline=$((SECONDS + 30))
  host=$(hostname -s)
  while ((SECONDS < deadline)); do
    running slurmctld || die "slurmctld is not running; see $STATE/slurmctld.log"
    running slurmd || die "slurmd is not running; see $STATE/slurmd.log"
    state=$(timeout 5 sinfo --noheader --nodes="$host" --format=%T 2>/dev/null | head -n1 || true)
    if [[ $state == idle* ]]; then
      echo "slurm-cluster: node $host idle ($(nproc) CPUs); partitions debug (default), short" >&2
      return 0
    fi
    # A node left down by an earlier run comes back with an explicit resume.
    [[ $state == down* || $state == drain* ]] && scontrol update nodename="$host" state=resume 2>/dev/null || true
    sleep 0.2
  done
  die "node $host did not become idle (state: ${state:-unknown}); see $STATE/slurmctld.log and $STATE/slurmd.log"
}

start() {
  [[ $(id -u) -eq 0 ]] || die "start needs root (it installs packages and starts daemons)"
  install_packages
  ensure_hostname_resolves
  write_config
  start_munge
  # -c: forget jobs of an earlier run (a test cluster keeps no state worth keeping).
  running slurmctld || /usr/sbin/slurmctld -c
  running slurmd || /usr/sbin/slurmd -c
  wait_until_idle
}

stop_daemon() {
  local name=$1 pid_file=$2
  local pid
  running "$name" || return 0
  pid=$(cat "$pid_file" 2>/dev/null || pgrep -x "$name" | head -n1 || true)
  [[ -n $pid ]] || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    [[ $(ps -o stat= -p "$pid" 2>/dev/null) == "" || $(ps -o stat= -p "$pid") == Z* ]] && return 0
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
}

stop() {
  if running slurmctld; then
    timeout 10 scancel --full --quiet --user=root 2>/dev/null || true
    timeout 10 scancel --quiet --state=PENDING 2>/dev/null || true
  fi
  stop_daemon slurmd "$STATE/slurmd.pid"
  stop_daemon slurmctld "$STATE/slurmctld.pid"
  stop_daemon munged /run/munge/munged.pid
  echo "slurm-cluster: stopped" >&2
}

status() {
  local daemon running=0
  for daemon in munged slurmctld slurmd; do
    if running "$daemon"; then echo "$daemon: running"; running=$((running + 1)); else echo "$daemon: stopped"; fi
  done
  ((running == 3)) || return 1
  timeout 10 scontrol ping
  timeout 10 sinfo
  timeout 10 squeue
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
