/* i18n.h — the user's language (GNU gettext, text domain "reportc").
 *
 * Diagnostics are translated inside base/diag.c: call sites pass English
 * literals to diag_error and friends and need nothing from here.  This
 * header is for text printed or built elsewhere: _("…") translates now,
 * N_("…") marks a string for xgettext that is translated where it is used.
 * main.c picks the language (LC_ALL, LC_MESSAGES, LANG, LANGUAGE) and
 * finds the catalog; without one every string stays English.  The
 * catalog's sources are compiler/po/reportc.pot and zh_CN.po (make pot). */
#ifndef REPORTC_I18N_H
#define REPORTC_I18N_H

#include <libintl.h>

#define REPORTC_TEXT_DOMAIN "reportc"
#define _(s) gettext(s)
#define N_(s) s

#endif
