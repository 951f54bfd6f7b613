/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <convai.h>

#include "troupe-history-index.h"
#include "troupe-history-session.h"

G_BEGIN_DECLS

#define TROUPE_TYPE_HISTORY_TRANSCRIPT (troupe_history_transcript_get_type ())
G_DECLARE_FINAL_TYPE (TroupeHistoryTranscript, troupe_history_transcript, TROUPE, HISTORY_TRANSCRIPT, AdwBin)

/* One session's transcript as a conversation: each exchange with its time,
 * its trigger flag, the speakers and their words, and a Copy button; the
 * session's memory flag above them. It reads the session
 * (chatHistory/details) itself, and drops a reply for a session it no
 * longer shows.
 *
 * Property "state": "none", "loading", "error", "empty" or "transcript".
 * Signals "loaded" (session id, GListModel of ConvaiInteraction) and
 * "gone" (session id: the server no longer has it, 404).
 * Actions: "transcript.copy-turn" (u: the exchange's position),
 * "transcript.retry". */
TroupeHistoryTranscript *troupe_history_transcript_new              (void);
/* Reads and shows @session of @char_id; @character_name names the
 * character's lines. */
void                     troupe_history_transcript_show             (TroupeHistoryTranscript *self,
                                                                     ConvaiClient            *client,
                                                                     const char              *char_id,
                                                                     const char              *character_name,
                                                                     TroupeHistorySession    *session);
/* Brings exchange @position into view, now or once the transcript arrives. */
void                     troupe_history_transcript_scroll_to        (TroupeHistoryTranscript *self,
                                                                     guint                    position);
void                     troupe_history_transcript_clear            (TroupeHistoryTranscript *self);
const char              *troupe_history_transcript_get_session_id   (TroupeHistoryTranscript *self);
const char              *troupe_history_transcript_get_state        (TroupeHistoryTranscript *self);
/* Where a transcript the server cannot give now is read from instead. */
void                     troupe_history_transcript_set_index        (TroupeHistoryTranscript *self,
                                                                     TroupeHistoryIndex      *index);
/* Whether the transcript shown is the index's copy (the server was not
 * reached); the summary line says so. */
gboolean                 troupe_history_transcript_get_cached       (TroupeHistoryTranscript *self);
/* The line above the exchanges: when, the memory flag, what was left out. */
const char              *troupe_history_transcript_get_summary      (TroupeHistoryTranscript *self);
/* Malformed exchanges the reply held, left out of the transcript. */
guint                    troupe_history_transcript_get_n_skipped    (TroupeHistoryTranscript *self);
GListModel              *troupe_history_transcript_get_interactions (TroupeHistoryTranscript *self);
/* What Copy puts on the clipboard for exchange @position. */
char                    *troupe_history_transcript_turn_text        (TroupeHistoryTranscript *self,
                                                                     guint                    position);

G_END_DECLS
