#!/bin/sh
# xgettext.sh OUT.pot — extracts reportc's messages from compiler/ (make pot).
#
# Call sites pass English literals to the diagnostics functions, which
# translate them (base/diag.c); xgettext finds them through these functions'
# arguments: the hint (not a printf format) and the message format (one).
# xgettext takes one argument per function in a pass, hence two passes
# merged.  Text built elsewhere is marked _("…") or N_("…") (base/i18n.h).
set -e
out=${1:-compiler/po/reportc.pot}
cd "$(dirname "$0")/../.."
srcs=$(find compiler -name '*.c' -o -name '*.h' | LC_ALL=C sort)
common="--from-code=UTF-8 --language=C --add-comments=TRANSLATORS: --sort-output --no-wrap
  --package-name=reportc --msgid-bugs-address=reportc-issues --keyword=_ --keyword=N_"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Pass 1: hints, and messages that are the first translated argument.
xgettext $common -o "$tmp/1.pot" \
  --keyword=diag_error:3 --flag=diag_error:3:no-c-format \
  --keyword=diag_warning:3 --flag=diag_warning:3:no-c-format \
  --keyword=parse_error:3 --flag=parse_error:3:no-c-format \
  --keyword=error_at:3 --flag=error_at:3:no-c-format \
  --keyword=quote_fail:3 --flag=quote_fail:3:no-c-format \
  --keyword=rest_empty:4 --flag=rest_empty:4:no-c-format \
  --keyword=bad_byte:8 --flag=bad_byte:8:no-c-format \
  --keyword=template_add_blocks:4 --flag=template_add_blocks:4:no-c-format \
  --keyword=usage_error:1 --flag=usage_error:1:no-c-format \
  --keyword=diag_failure:2 --flag=diag_failure:2:c-format \
  --keyword=diag_internal:3 --flag=diag_internal:3:c-format \
  --keyword=refuse:3 --flag=refuse:3:c-format \
  --keyword=jpeg_refuse:2 --flag=jpeg_refuse:2:c-format \
  $srcs
# Pass 2: message formats after a hint.
xgettext $common -o "$tmp/2.pot" \
  --keyword=diag_error:4 --flag=diag_error:4:c-format \
  --keyword=diag_warning:4 --flag=diag_warning:4:c-format \
  --keyword=parse_error:4 --flag=parse_error:4:c-format \
  --keyword=error_at:4 --flag=error_at:4:c-format \
  --keyword=quote_fail:4 --flag=quote_fail:4:no-c-format \
  --keyword=rest_empty:5 --flag=rest_empty:5:no-c-format \
  --keyword=template_add_blocks:5 --flag=template_add_blocks:5:no-c-format \
  $srcs
# "%s" and "%s%s" pass text through; they are not messages.
msgcat --sort-output --no-wrap "$tmp/1.pot" "$tmp/2.pot" |
  msggrep --invert-match --msgid -E -e '^(%s|%s%s|%s: %s%s|%s: %s)$' --no-wrap -o "$out"
