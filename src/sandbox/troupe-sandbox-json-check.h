/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How deep a request body may nest: json-glib's parser is recursive and
 * overflows the stack near 80,000 levels. */
#define TROUPE_SANDBOX_JSON_MAX_DEPTH 512

/* A scan of the text before json-glib sees it: one value (json-glib 1.6
 * keeps parsing after the first and leaks each one it replaces, so
 * "{}{}{}..." grows for good) nested at most MAX_DEPTH levels. Anything
 * else json-glib itself judges. FALSE with a message for a 400. */
gboolean troupe_sandbox_json_check (const char  *data,
                                    gsize        len,
                                    char       **error_message);

G_END_DECLS
