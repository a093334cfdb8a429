/* A full human-readable decode of one captured frame, line by line. */
#ifndef VMNW_DESCRIBE_H
#define VMNW_DESCRIBE_H

#include <stddef.h>
#include <stdint.h>

/* Receives each line; text is sanitized; indent counts levels. */
typedef void describe_line_fn(void *ctx, int indent, const char *text);

/*
 * Describe the frame layer by layer: link, IPv4, UDP, every BOOTP field
 * and every DHCP option (known ones interpreted, the rest in hex), and
 * each decode error where it was found.
 */
void describe_frame(int linktype, const uint8_t *data, size_t caplen,
    describe_line_fn *line, void *ctx);

#endif
