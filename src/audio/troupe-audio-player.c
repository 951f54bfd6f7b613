/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-audio-player"

#include "config.h"

#include "troupe-audio-player.h"

GST_DEBUG_CATEGORY_STATIC (troupe_audio_player_debug);
#define GST_CAT_DEFAULT troupe_audio_player_debug

struct _TroupeAudioPlayer
{
  GObject     parent_instance;

  GstElement *playbin;
  GstElement *audio_sink;   /* the one asked for, or NULL */
  guint       bus_watch;
  char       *uri;
  gboolean    playing;
};

G_DEFINE_FINAL_TYPE (TroupeAudioPlayer, troupe_audio_player, G_TYPE_OBJECT)
G_DEFINE_QUARK (troupe-audio-player-error-quark, troupe_audio_player_error)

enum {
  PROP_0,
  PROP_PLAYING,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_playing (TroupeAudioPlayer *self,
             gboolean           playing)
{
  if (self->playing == playing)
    return;
  self->playing = playing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

/* Back to NULL flushes the pipeline and closes the source, so a finished
 * preview holds no socket or file open. */
static void
reset_pipeline (TroupeAudioPlayer *self)
{
  if (self->playbin != NULL)
    gst_element_set_state (self->playbin, GST_STATE_NULL);
  set_playing (self, FALSE);
}

static void
finish (TroupeAudioPlayer *self,
        const GError      *error)
{
  g_autoptr(TroupeAudioPlayer) keep = g_object_ref (self);

  reset_pipeline (self);
  g_signal_emit (self, signals[FINISHED], 0, error);
}

static void
handle_error_message (TroupeAudioPlayer *self,
                      GstMessage        *message)
{
  g_autoptr(GError) gst_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *debug = NULL;

  gst_message_parse_error (message, &gst_error, &debug);
  GST_WARNING ("playing %s failed: %s (%s)", self->uri, gst_error->message, debug ? debug : "");
  if (g_error_matches (gst_error, GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN) ||
      g_error_matches (gst_error, GST_STREAM_ERROR, GST_STREAM_ERROR_CODEC_NOT_FOUND))
    error = g_error_new (TROUPE_AUDIO_PLAYER_ERROR, TROUPE_AUDIO_PLAYER_ERROR_MISSING_PLUGIN,
                         "%s (install gstreamer1.0-plugins-good and gstreamer1.0-plugins-base)",
                         gst_error->message);
  else
    error = g_error_new_literal (TROUPE_AUDIO_PLAYER_ERROR, TROUPE_AUDIO_PLAYER_ERROR_FAILED,
                                 gst_error->message);
  finish (self, error);
}

static gboolean
bus_message_cb (GstBus     *bus,
                GstMessage *message,
                gpointer    user_data)
{
  TroupeAudioPlayer *self = user_data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_EOS:
      finish (self, NULL);
      break;
    case GST_MESSAGE_ERROR:
      handle_error_message (self, message);
      break;
    default:
      break;
    }
  return G_SOURCE_CONTINUE;
}

/* GStreamer starts on the first sound, not with the window: reading its
 * plugin registry is start-up time spent for a button that may never be
 * pressed. */
static void
ensure_gstreamer (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      gst_init (NULL, NULL);
      GST_DEBUG_CATEGORY_INIT (troupe_audio_player_debug, "troupe-audio-player", 0, "Troupe audio player");
      g_once_init_leave (&initialized, 1);
    }
}

static gboolean
ensure_playbin (TroupeAudioPlayer  *self,
                GError            **error)
{
  g_autoptr(GstBus) bus = NULL;

  if (self->playbin != NULL)
    return TRUE;
  ensure_gstreamer ();
  self->playbin = gst_element_factory_make ("playbin", "troupe-preview");
  if (self->playbin == NULL)
    {
      g_set_error_literal (error, TROUPE_AUDIO_PLAYER_ERROR, TROUPE_AUDIO_PLAYER_ERROR_MISSING_PLUGIN,
                           "GStreamer's playbin is missing (install gstreamer1.0-plugins-base)");
      return FALSE;
    }
  gst_object_ref_sink (self->playbin);
  /* Audio only: a sample link is never a video. */
  g_object_set (self->playbin, "flags", 0x2 /* GST_PLAY_FLAG_AUDIO */, NULL);
  bus = gst_element_get_bus (self->playbin);
  self->bus_watch = gst_bus_add_watch (bus, bus_message_cb, self);
  return TRUE;
}

gboolean
troupe_audio_player_play_uri (TroupeAudioPlayer  *self,
                              const char         *uri,
                              GError            **error)
{
  g_return_val_if_fail (TROUPE_IS_AUDIO_PLAYER (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  ensure_gstreamer ();
  if (!gst_uri_is_valid (uri))
    {
      g_set_error (error, TROUPE_AUDIO_PLAYER_ERROR, TROUPE_AUDIO_PLAYER_ERROR_FAILED,
                   "“%s” is not a URI that can be played", uri);
      return FALSE;
    }
  if (!ensure_playbin (self, error))
    return FALSE;
  reset_pipeline (self);
  g_free (self->uri);
  self->uri = g_strdup (uri);
  g_object_set (self->playbin, "uri", uri, "audio-sink", self->audio_sink, NULL);
  if (gst_element_set_state (self->playbin, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      /* The reason, when there is one, is on the bus: report it from there. */
      gst_element_set_state (self->playbin, GST_STATE_NULL);
      g_set_error (error, TROUPE_AUDIO_PLAYER_ERROR, TROUPE_AUDIO_PLAYER_ERROR_FAILED,
                   "Could not start playing %s", uri);
      return FALSE;
    }
  set_playing (self, TRUE);
  return TRUE;
}

void
troupe_audio_player_stop (TroupeAudioPlayer *self)
{
  g_return_if_fail (TROUPE_IS_AUDIO_PLAYER (self));

  reset_pipeline (self);
}

gboolean
troupe_audio_player_get_playing (TroupeAudioPlayer *self)
{
  g_return_val_if_fail (TROUPE_IS_AUDIO_PLAYER (self), FALSE);

  return self->playing;
}

const char *
troupe_audio_player_get_uri (TroupeAudioPlayer *self)
{
  g_return_val_if_fail (TROUPE_IS_AUDIO_PLAYER (self), NULL);

  return self->uri;
}

void
troupe_audio_player_set_audio_sink (TroupeAudioPlayer *self,
                                    GstElement        *sink)
{
  g_return_if_fail (TROUPE_IS_AUDIO_PLAYER (self));
  g_return_if_fail (sink == NULL || GST_IS_ELEMENT (sink));

  if (sink != NULL)
    gst_object_ref_sink (sink);
  gst_clear_object (&self->audio_sink);
  self->audio_sink = sink;
}

TroupeAudioPlayer *
troupe_audio_player_new (void)
{
  return g_object_new (TROUPE_TYPE_AUDIO_PLAYER, NULL);
}

static void
troupe_audio_player_dispose (GObject *object)
{
  TroupeAudioPlayer *self = TROUPE_AUDIO_PLAYER (object);

  if (self->playbin != NULL)
    gst_element_set_state (self->playbin, GST_STATE_NULL);
  g_clear_handle_id (&self->bus_watch, g_source_remove);
  gst_clear_object (&self->playbin);
  gst_clear_object (&self->audio_sink);

  G_OBJECT_CLASS (troupe_audio_player_parent_class)->dispose (object);
}

static void
troupe_audio_player_finalize (GObject *object)
{
  TroupeAudioPlayer *self = TROUPE_AUDIO_PLAYER (object);

  g_clear_pointer (&self->uri, g_free);

  G_OBJECT_CLASS (troupe_audio_player_parent_class)->finalize (object);
}

static void
troupe_audio_player_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TroupeAudioPlayer *self = TROUPE_AUDIO_PLAYER (object);

  switch (prop_id)
    {
    case PROP_PLAYING: g_value_set_boolean (value, self->playing); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_audio_player_class_init (TroupeAudioPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = troupe_audio_player_dispose;
  object_class->finalize = troupe_audio_player_finalize;
  object_class->get_property = troupe_audio_player_get_property;

  properties[PROP_PLAYING] = g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FINISHED] = g_signal_new ("finished",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, G_TYPE_POINTER);

}

static void
troupe_audio_player_init (TroupeAudioPlayer *self)
{
}
