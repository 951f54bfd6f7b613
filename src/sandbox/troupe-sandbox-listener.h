/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "troupe-sandbox-limits.h"

G_BEGIN_DECLS

/* Accepts connections on a listening socket and hands them to `soup`:
 * at most max-connections at once, each closed once idle for the idle
 * timeout, and accepting again when descriptors free up. */
typedef struct _TroupeSandboxListener TroupeSandboxListener;

TroupeSandboxListener *troupe_sandbox_listener_new  (SoupServer                *soup,
                                                     GSocket                   *socket,
                                                     const TroupeSandboxLimits *limits);
void                   troupe_sandbox_listener_free (TroupeSandboxListener     *self);

/* The socket a message came on (libsoup's own getter knows none). */
GSocket               *troupe_sandbox_listener_get_socket (SoupServerMessage   *msg);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TroupeSandboxListener, troupe_sandbox_listener_free)

G_END_DECLS
