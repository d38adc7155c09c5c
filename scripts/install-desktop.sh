#!/usr/bin/env bash
# Put the packaged app (scripts/build-app.sh) in the desktop's application menu, for this user
# only: the desktop entry goes to $XDG_DATA_HOME/applications (default ~/.local/share) and the
# icon to $XDG_DATA_HOME/icons/hicolor/scalable/apps. Nothing is copied out of the build, so
# rebuild in place and the menu entry keeps working.
#   scripts/install-desktop.sh [APP]      # APP: the built executable (default dist/mockloop/mockloop)
#   scripts/install-desktop.sh --uninstall
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
ENTRY="$DATA/applications/mockloop.desktop"
ICON="$DATA/icons/hicolor/scalable/apps/mockloop.svg"

refresh_caches() {  # optional helpers of desktop environments; fine if missing
  command -v update-desktop-database >/dev/null 2>&1 &&
    update-desktop-database -q "$DATA/applications" 2>/dev/null || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 &&
    gtk-update-icon-cache -q -t "$DATA/icons/hicolor" 2>/dev/null || true
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -f "$ENTRY" "$ICON"
  refresh_caches
  echo "removed $ENTRY and $ICON"
  exit 0
fi

APP="${1:-$ROOT/dist/mockloop/mockloop}"
if [ ! -x "$APP" ]; then
  echo "install-desktop: no built app at $APP; build it first with scripts/build-app.sh" >&2
  exit 1
fi
APP="$(cd "$(dirname "$APP")" && pwd)/$(basename "$APP")"

# Desktop Entry spec: in Exec, a path with spaces is double-quoted and `"`, `` ` ``, `$` and
# `\` are escaped; in TryExec the path is plain; `%` is doubled in Exec.
quoted="$(printf '%s' "$APP" | sed -e 's/[\\"`$]/\\\\&/g' -e 's/%/%%/g')"
mkdir -p "$(dirname "$ENTRY")" "$(dirname "$ICON")"
install -m644 "$ROOT/packaging/mockloop.svg" "$ICON"
tmp="$(mktemp "$ENTRY.XXXXXX")"
sed -e "s|^Exec=.*|Exec=\"$(printf '%s' "$quoted" | sed 's/[|&\\]/\\&/g')\"|" \
  -e "/^Exec=/a TryExec=$(printf '%s' "$APP" | sed 's/[|&\\]/\\&/g')" \
  "$ROOT/packaging/mockloop.desktop" >"$tmp"
chmod 644 "$tmp"
mv "$tmp" "$ENTRY"
refresh_caches
echo "installed $ENTRY (runs $APP) and $ICON"
