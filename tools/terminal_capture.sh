#!/bin/sh
# The table as a real terminal shows it: fzcheck run in a tmux pane of 80 and of 120 columns,
# the pane captured as text (capture-pane drops the colours) into docs/terminal-80.txt and
# docs/terminal-120.txt. Run by `make terminal-docs`; tests/test_table.py checks the width.
set -eu
cd "$(dirname "$0")/.."
command -v tmux >/dev/null 2>&1 || { echo "terminal_capture: needs tmux (apt-get install tmux)" >&2; exit 2; }
REPORT=fixtures/003_64caf8860024a4f7.txt
SOCKET="fzcheck-capture-$$"   # a server of our own: never touches another tmux session
trap 'tmux -L "$SOCKET" kill-server 2>/dev/null || true' EXIT
for COLS in 80 120; do
    OUT="docs/terminal-$COLS.txt"
    tmux -L "$SOCKET" -f /dev/null new-session -d -s cap -x "$COLS" -y 50 \
        "env -u COLUMNS -u NO_COLOR -u FORCE_COLOR TERM=xterm-256color .venv/bin/fzcheck check $REPORT; tmux -L $SOCKET wait-for -S done; sleep 60"
    tmux -L "$SOCKET" set-option -g history-limit 5000 >/dev/null
    tmux -L "$SOCKET" wait-for done
    {
        echo "# make terminal-docs: a tmux pane of $COLS columns, capture-pane -p (no colours)"
        echo "\$ fzcheck check $REPORT"
        tmux -L "$SOCKET" capture-pane -p -S - -E - -t cap | sed -e 's/[[:space:]]*$//' | awk 'NF {n = NR} {line[NR] = $0} END {for (i = 1; i <= n; i++) print line[i]}'
    } > "$OUT"
    tmux -L "$SOCKET" kill-session -t cap
    echo "wrote $OUT ($(wc -l < "$OUT") lines)"
done
