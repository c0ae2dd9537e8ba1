#!/usr/bin/env bash
# Rebuild Tòa soạn's message catalogues (see docs/i18n.md).
#
#   scripts/i18n_update.sh          extract, merge and compile everything
#
# What it does, for each domain (django = templates + Python, djangojs = our own JS):
#   vi: our own strings are written in Vietnamese, so they are extracted fresh with
#       makemessages and given msgstr = msgid (msgen); the hand-made Vietnamese translations of
#       Wagtail's and Django's strings live in toasoan/locale/vi/upstream/<domain>.po (never
#       touched by makemessages) and are merged in with msgcat. Result:
#       toasoan/locale/vi/LC_MESSAGES/<domain>.po + .mo
#   en: makemessages merges new own strings into toasoan/locale/en/LC_MESSAGES/<domain>.po,
#       keeping the English translations already there; untranslated entries fall back to the
#       Vietnamese source text.
# Needs GNU gettext (msgfmt, msgcat, msgen, msgattrib): apt-get install gettext.
set -euo pipefail

cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
LOCALE_DIR=toasoan/locale
IGNORE=(
    --ignore=.venv --ignore=node_modules --ignore=var --ignore=static_collected
    --ignore=media --ignore=test-artifacts --ignore=bench --ignore='*.egg-info'
    --ignore=toasoan/locale --ignore=tests
)

for tool in msgfmt msgcat msgen msgattrib xgettext; do
    if ! command -v "$tool" >/dev/null; then
        echo "i18n_update: '$tool' not found; install GNU gettext (apt-get install gettext)" >&2
        exit 2
    fi
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# makemessages merges into an existing vi catalogue; the committed one also holds the upstream
# entries, so move it aside and let makemessages extract our own strings from scratch.
for domain in django djangojs; do
    po="$LOCALE_DIR/vi/LC_MESSAGES/$domain.po"
    if [[ -f "$po" ]]; then
        mv "$po" "$tmp/previous-$domain.po"
    fi
done
restore() {
    for domain in django djangojs; do
        if [[ -f "$tmp/previous-$domain.po" && ! -f "$LOCALE_DIR/vi/LC_MESSAGES/$domain.po" ]]; then
            mv "$tmp/previous-$domain.po" "$LOCALE_DIR/vi/LC_MESSAGES/$domain.po"
        fi
    done
    rm -rf "$tmp"
}
trap restore EXIT

export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-toasoan.settings.dev}"
"$PYTHON" manage.py makemessages -l vi -l en --domain django --no-obsolete \
    --add-location file "${IGNORE[@]}"
"$PYTHON" manage.py makemessages -l vi -l en --domain djangojs --no-obsolete \
    --add-location file "${IGNORE[@]}"

for domain in django djangojs; do
    po="$LOCALE_DIR/vi/LC_MESSAGES/$domain.po"
    upstream="$LOCALE_DIR/vi/upstream/$domain.po"
    inputs=("$upstream")
    if [[ -f "$po" ]]; then
        # Source language: the translation of each own string is the string itself.
        # Vietnamese has one plural form: keep msgid_plural (msgen writes two forms).
        msgattrib --no-obsolete --clear-fuzzy "$po" | msgen - | awk '
            /^msgstr\[0\]/ { skip = 1; next }
            /^msgstr\[1\]/ { skip = 0; sub(/^msgstr\[1\]/, "msgstr[0]"); print; next }
            /^"/ { if (!skip) print; next }
            { skip = 0; print }
        ' >"$tmp/own-$domain.po"
        inputs+=("$tmp/own-$domain.po")
    fi
    # Upstream first: its header (nplurals=1) wins; no own Vietnamese msgid collides with an
    # English upstream msgid in a way that matters (both sides would be the same text).
    msgcat --use-first --sort-output "${inputs[@]}" -o "$po"
    msgfmt --check --statistics -o "${po%.po}.mo" "$po"
done

for po in "$LOCALE_DIR"/en/LC_MESSAGES/*.po; do
    [[ -f "$po" ]] || continue
    msgfmt --check --statistics -o "${po%.po}.mo" "$po"
done

"$PYTHON" scripts/i18n_coverage.py
