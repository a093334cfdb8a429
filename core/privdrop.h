/* Giving up root once the capture is open. */
#ifndef VMNW_PRIVDROP_H
#define VMNW_PRIVDROP_H

#include <stddef.h>

/*
 * Started as root through sudo (SUDO_UID, SUDO_GID): become that user
 * for good, with HOME set to theirs, and check that root cannot be
 * regained. Not root, or real root without sudo: nothing changes.
 * Returns 0 with a note saying which, or -1 with why: the caller must
 * not go on as root by accident.
 */
int privdrop_to_invoker(char *note, size_t size);

#endif
