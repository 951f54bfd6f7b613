/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Filled in where the facts are known: the status where the reply is
 * mapped, the attempts where the call ends. Errors of other domains are
 * left alone. */
void convai_error_set_status    (GError   *error,
                                 guint     status);
void convai_error_set_attempts  (GError   *error,
                                 guint     attempts,
                                 gboolean  retry_safe);
void convai_error_set_timed_out (GError   *error);

/* A streamed reply that stopped before its end; @detail (may be NULL) is
 * the transport's word for it. The streams all say it this way. */
GError *convai_error_new_cut    (const char *detail);

G_END_DECLS
