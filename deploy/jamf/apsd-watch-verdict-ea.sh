#!/bin/sh
# Jamf Pro extension attribute (Data Type: String): apsd-watch's verdict level on this Mac,
# "ok", "watch" or "alert", from `apsd-watch status --json`. Smart groups can then match
# "alert" to find Macs with a trust failure or a sustained FIN_WAIT_1 pile-up.
# Adjust the paths to where node and apsd-watch are installed (or set them in the environment).
NODE=${APSD_WATCH_NODE:-/usr/local/bin/node}
APSD_WATCH=${APSD_WATCH_CLI:-/usr/local/lib/node_modules/apsd-watch/bin/apsd-watch.mjs}
DATA_DIR=${APSD_WATCH_DATA_DIR:-/Library/Application Support/apsd-watch}

if [ ! -x "$NODE" ] || [ ! -f "$APSD_WATCH" ]; then
  echo "<result>not installed</result>"
  exit 0
fi
level=$("$NODE" "$APSD_WATCH" status --json --data-dir "$DATA_DIR" 2>/dev/null |
  "$NODE" -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{process.stdout.write(String(JSON.parse(s).verdict.level))}catch{process.stdout.write("error")}})')
echo "<result>${level:-error}</result>"
