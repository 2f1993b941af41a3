#!/usr/bin/env bash
# Sets up what is missing, builds a release and runs OrderLink on a SQLite file
# with demo data at http://127.0.0.1:${PORT:-3000} (dev mode: SMS goes to
# /dev/outbox, WeChat is the local simulator on 127.0.0.1:3900).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
scripts/build-release.sh
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:${PORT:-3000}}"
export DATABASE_URL="${DATABASE_URL:-sqlite://data/orderlink.db}"
export ORDERLINK_DEMO="${ORDERLINK_DEMO:-1}"
export ORDERLINK_DEV="${ORDERLINK_DEV:-1}"
if [ "$ORDERLINK_DEV" = 1 ] && [ -z "${ORDERLINK_WECHAT_APPID:-}" ]; then
  # WeChat cannot be reached from a dev machine: the simulator stands in.
  export ORDERLINK_WECHAT_APPID=wxlitedev ORDERLINK_WECHAT_SECRET=lite-dev-secret
  export ORDERLINK_WECHAT_WEB_APPID=wxwebdev ORDERLINK_WECHAT_WEB_SECRET=web-dev-secret
  export ORDERLINK_WECHAT_SIM_ADDR="${ORDERLINK_WECHAT_SIM_ADDR:-127.0.0.1:3900}"
  export ORDERLINK_WECHAT_API="http://$ORDERLINK_WECHAT_SIM_ADDR"
  export ORDERLINK_WECHAT_OPEN="http://$ORDERLINK_WECHAT_SIM_ADDR"
  # The third-party platform behind "upgrade to your own mini-program"; the
  # simulator pushes its ticket to the app's event URL.
  export ORDERLINK_WECHAT_COMPONENT_APPID=wxcomponentdev ORDERLINK_WECHAT_COMPONENT_SECRET=component-dev-secret
  export ORDERLINK_WECHAT_COMPONENT_TOKEN=component-dev-token
  export ORDERLINK_WECHAT_COMPONENT_AES_KEY=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG
  export ORDERLINK_WECHAT_MP="http://$ORDERLINK_WECHAT_SIM_ADDR"
  ORDERLINK_WECHAT_SIM_EVENT_URL="http://$LEPTOS_SITE_ADDR/wechat/component/events" target/release/server wechat-sim &
  trap 'kill $! 2>/dev/null' EXIT
  echo "==> WeChat simulator on $ORDERLINK_WECHAT_API"
fi
echo "==> OrderLink on http://$LEPTOS_SITE_ADDR/s/demo"
target/release/server
