/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

#define TROUPE_TYPE_STREAM_PLAYER (troupe_stream_player_get_type ())
G_DECLARE_FINAL_TYPE (TroupeStreamPlayer, troupe_stream_player, TROUPE, STREAM_PLAYER, GObject)

/* Plays a spoken reply as its chunks arrive (each a small PCM WAV): the
 * samples are pushed into an appsrc → audioconvert → audioresample → the
 * sink, so the voice starts with the first chunk, not after the reply.
 * One reply at a time: _begin() silences the last one first, so replies
 * never overlap.
 *
 * Property "playing". Signals, on the main context the player was made in:
 *   started  ()                     the pipeline is playing the first chunk
 *   finished (const GError *error)  the reply was played to its end (NULL),
 *                                   or why it could not be; not after _stop() */
TroupeStreamPlayer *troupe_stream_player_new       (void);
/* Where sound goes, as a gst-launch description of a bin with one sink pad:
 * NULL for the default ("autoaudiosink"); tests write a WAV
 * ("wavenc ! filesink location=…"). Takes effect from the next reply. */
void                troupe_stream_player_set_sink  (TroupeStreamPlayer *self,
                                                    const char         *description);
/* A new reply: whatever is playing stops now. */
void                troupe_stream_player_begin     (TroupeStreamPlayer *self);
/* One chunk of the reply begun last. Fails on a chunk that is not 16-bit
 * PCM WAV, or whose format differs from the reply's first chunk. */
gboolean            troupe_stream_player_push      (TroupeStreamPlayer *self,
                                                    GBytes             *wav,
                                                    GError            **error);
/* No more chunks: "finished" follows when the last is heard. */
void                troupe_stream_player_end       (TroupeStreamPlayer *self);
void                troupe_stream_player_stop      (TroupeStreamPlayer *self);
gboolean            troupe_stream_player_get_playing (TroupeStreamPlayer *self);
/* The pipeline playing now, or NULL (benchmarks read its clock). */
GstElement         *troupe_stream_player_get_pipeline (TroupeStreamPlayer *self);

G_END_DECLS
