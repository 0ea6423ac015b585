/* file_kind.h — what a path that is not a regular file is, in words, for
 * the messages that refuse it ("… is a FIFO (a named pipe)"). */
#ifndef REPORTC_FILE_KIND_H
#define REPORTC_FILE_KIND_H

#include <sys/stat.h>

#include "i18n.h"

static inline const char *file_kind_name(mode_t m)
{
    return S_ISDIR(m)  ? N_("a directory")
         : S_ISFIFO(m) ? N_("a FIFO (a named pipe)")
         : S_ISSOCK(m) ? N_("a socket")
         : S_ISCHR(m)  ? N_("a character device")
         : S_ISBLK(m)  ? N_("a block device")
                       : N_("not a regular file");
}

#endif
