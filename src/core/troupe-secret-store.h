/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The Convai API key in the Secret Service keyring, one per API base URL
 * (schema io.github.troupe.Troupe.ApiKey, attribute "base-url"). The key
 * never goes anywhere else: not GSettings, files or logs. */

/* The stored key, or NULL (no error) when none is stored for @base_url. */
void     troupe_secret_store_lookup_async  (const char          *base_url,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
char    *troupe_secret_store_lookup_finish (GAsyncResult        *result,
                                            GError             **error);

/* Stores @api_key for @base_url; an empty or NULL key removes it. */
void     troupe_secret_store_save_async    (const char          *base_url,
                                            const char          *api_key,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean troupe_secret_store_save_finish   (GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
