/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* API base URLs the app may send a key to: https anywhere, plain http only
 * to this computer (127.0.0.0/8, ::1, localhost), where nobody can read the
 * key on the way; libconvai's convai_host_is_loopback() decides, as it does
 * for troupe-cli and the client itself. The error explains this to the user
 * (G_IO_ERROR_INVALID_ARGUMENT). */
gboolean  troupe_api_url_check         (const char  *url,
                                        GError     **error);

/* " https://x.com/ " -> "https://x.com": one spelling per server, for the
 * keyring attribute and the client. */
char     *troupe_api_url_normalize     (const char  *url);

/* "api.convai.com", "127.0.0.1:41234": the part of the URL a person
 * recognises. Falls back to the URL itself when it does not parse. */
char     *troupe_api_url_describe_host (const char  *url);

G_END_DECLS
