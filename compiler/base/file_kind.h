/* file_kind.h — what a path that is not a regular file is, in words, for
 * the messages that refuse it ("… is a FIFO (a named pipe)"). */
#ifndef REPORTC_FILE_KIND_H
#define REPORTC_FILE_KIND_H

#include <sys/stat.h>

static inline const char *file_kind_name(mode_t m)
{
    return S_ISDIR(m)  ? "a directory"
         : S_ISFIFO(m) ? "a FIFO (a named pipe)"
         : S_ISSOCK(m) ? "a socket"
         : S_ISCHR(m)  ? "a character device"
         : S_ISBLK(m)  ? "a block device"
                       : "not a regular file";
}

#endif
