/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Answers on a message, the way the real service words them. */

void troupe_sandbox_reply_json    (SoupServerMessage *msg,
                                   guint              status,
                                   JsonNode          *root);
void troupe_sandbox_reply_object  (SoupServerMessage *msg,
                                   guint              status,
                                   JsonObject        *object);
/* {"<key>": "<message>"}, e.g. ("ERROR", "...") or ("STATUS", "SUCCESS"). */
void troupe_sandbox_reply_message (SoupServerMessage *msg,
                                   guint              status,
                                   const char        *key,
                                   const char        *message);
void troupe_sandbox_reply_text    (SoupServerMessage *msg,
                                   guint              status,
                                   const char        *content_type,
                                   const char        *text);

G_END_DECLS
