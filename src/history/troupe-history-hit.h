/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TROUPE_TYPE_HISTORY_HIT (troupe_history_hit_get_type ())
G_DECLARE_FINAL_TYPE (TroupeHistoryHit, troupe_history_hit, TROUPE, HISTORY_HIT, GObject)

/* One search result: which character, session and exchange, when, and a
 * snippet of the exchange as Pango markup with the matching words bold. */
TroupeHistoryHit *troupe_history_hit_new            (const char       *char_id,
                                                     const char       *char_name,
                                                     const char       *session_id,
                                                     guint             position,
                                                     gint64            date_us,
                                                     const char       *snippet);
const char       *troupe_history_hit_get_char_id    (TroupeHistoryHit *self);
const char       *troupe_history_hit_get_char_name  (TroupeHistoryHit *self);
const char       *troupe_history_hit_get_session_id (TroupeHistoryHit *self);
guint             troupe_history_hit_get_position   (TroupeHistoryHit *self);
gint64            troupe_history_hit_get_date_us    (TroupeHistoryHit *self);
const char       *troupe_history_hit_get_snippet    (TroupeHistoryHit *self);
/* The same exchange with the same snippet: a row showing one shows the
 * other. */
gboolean          troupe_history_hit_equal          (TroupeHistoryHit *a,
                                                     TroupeHistoryHit *b);
/* Newest session first, then by session, then by exchange. */
int               troupe_history_hit_compare        (gconstpointer     a,
                                                     gconstpointer     b,
                                                     gpointer          user_data);

G_END_DECLS
