/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

#define TROUPE_AUDIO_PLAYER_ERROR (troupe_audio_player_error_quark ())

typedef enum
{
  TROUPE_AUDIO_PLAYER_ERROR_MISSING_PLUGIN,  /* names the Debian package */
  TROUPE_AUDIO_PLAYER_ERROR_FAILED,          /* GStreamer's own message */
} TroupeAudioPlayerError;

#define TROUPE_TYPE_AUDIO_PLAYER (troupe_audio_player_get_type ())
G_DECLARE_FINAL_TYPE (TroupeAudioPlayer, troupe_audio_player, TROUPE, AUDIO_PLAYER, GObject)

/* Plays one URI at a time (file://, http(s)://) with GStreamer's playbin.
 * Property "playing". Signal "finished" (const GError *error): NULL at the
 * end of the stream, the reason when playback failed; not emitted by
 * _stop(). Signals arrive on the main context the player was made in. */
GQuark             troupe_audio_player_error_quark    (void);
TroupeAudioPlayer *troupe_audio_player_new            (void);
/* Where sound goes: NULL for the system default (autoaudiosink); tests
 * pass a fakesink. Takes effect from the next _play_uri(). */
void               troupe_audio_player_set_audio_sink (TroupeAudioPlayer  *self,
                                                       GstElement         *sink);
gboolean           troupe_audio_player_play_uri       (TroupeAudioPlayer  *self,
                                                       const char         *uri,
                                                       GError            **error);
void               troupe_audio_player_stop           (TroupeAudioPlayer  *self);
gboolean           troupe_audio_player_get_playing    (TroupeAudioPlayer  *self);
const char        *troupe_audio_player_get_uri        (TroupeAudioPlayer  *self);

G_END_DECLS
