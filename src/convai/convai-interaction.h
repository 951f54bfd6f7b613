/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CONVAI_TYPE_INTERACTION (convai_interaction_get_type ())
G_DECLARE_FINAL_TYPE (ConvaiInteraction, convai_interaction, CONVAI, INTERACTION, GObject)

/* One exchange of chatHistory/details: a timestamp, the messages in order
 * (speaker "User" or "Character", and text) and "is-trigger-input".
 * Properties: "timestamp", "n-messages", "is-trigger-input". */
ConvaiInteraction *convai_interaction_new_from_json      (JsonNode           *node,
                                                           GError            **error);
JsonNode          *convai_interaction_to_json            (ConvaiInteraction  *self);
const char        *convai_interaction_get_timestamp      (ConvaiInteraction  *self);
gboolean           convai_interaction_get_is_trigger_input (ConvaiInteraction *self);
guint              convai_interaction_get_n_messages     (ConvaiInteraction  *self);
const char        *convai_interaction_get_speaker        (ConvaiInteraction  *self,
                                                           guint               position);
const char        *convai_interaction_get_text           (ConvaiInteraction  *self,
                                                           guint               position);
/* The first message by @speaker ("User"/"Character"), or NULL. */
const char        *convai_interaction_find_text          (ConvaiInteraction  *self,
                                                           const char         *speaker);

/* The whole chatHistory/details reply (a JSON array). */
GListModel        *convai_interaction_list_from_json     (JsonNode           *node,
                                                           GError            **error);
/* The same, skipping malformed entries instead of failing: @n_skipped
 * (may be NULL) says how many. Fails only when the reply is no array. */
GListModel *convai_interaction_list_from_json_skipping (JsonNode  *node,
                                               guint     *n_skipped,
                                               GError   **error);

G_END_DECLS
