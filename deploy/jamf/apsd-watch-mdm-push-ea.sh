#!/bin/sh
# Jamf Pro extension attribute (Data Type: String): this Mac's MDM push channel as apsd itself
# lists it (`apsctl status`, read by `apsd-watch services --json`): "connected, last MDM push
# <time>", "not connected (<client>: <status>)...", "no MDM push client on this Mac", or
# "not read (apsctl status <why>)". Smart groups can match "not connected".
# Adjust the paths to where node and apsd-watch are installed (or set them in the environment).
NODE=${APSD_WATCH_NODE:-/usr/local/bin/node}
APSD_WATCH=${APSD_WATCH_CLI:-/usr/local/lib/node_modules/apsd-watch/bin/apsd-watch.mjs}
DATA_DIR=${APSD_WATCH_DATA_DIR:-/Library/Application Support/apsd-watch}

if [ ! -x "$NODE" ] || [ ! -f "$APSD_WATCH" ]; then
  echo "<result>not installed</result>"
  exit 0
fi
# `services` exits 1 when apsctl cannot be read; its JSON still says why.
status=$("$NODE" "$APSD_WATCH" services --json --data-dir "$DATA_DIR" 2>/dev/null |
  "$NODE" -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{process.stdout.write(String(JSON.parse(s).mdmPush.text))}catch{process.stdout.write("error")}})')
echo "<result>${status:-error}</result>"
