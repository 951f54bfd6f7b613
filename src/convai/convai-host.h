/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The one answer to "may the API key go to this host over plain http?",
 * shared by libconvai, troupe-cli and the app so that none of them allows
 * what another refuses. TRUE for this machine only: "localhost" in any
 * case, with or without its final dot (the resolver answers it without
 * asking DNS), every address in 127.0.0.0/8, and ::1 with or without
 * brackets. Not "localhost.example": that is somebody's host. */
gboolean convai_host_is_loopback (const char *host);

G_END_DECLS
