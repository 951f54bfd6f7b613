/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-stream-player"

#include "config.h"

#include <gio/gio.h>

#include "troupe-stream-player.h"
#include "troupe-wav-pcm.h"

struct _TroupeStreamPlayer
{
  GObject     parent_instance;

  char       *sink_description;
  GstElement *pipeline;
  GstElement *appsrc;
  guint       bus_watch;
  guint       rate;
  guint       channels;
  guint64     frames_pushed;
  gboolean    ended;           /* _end() was called for this reply */
  gboolean    started;
  gboolean    playing;
};

G_DEFINE_FINAL_TYPE (TroupeStreamPlayer, troupe_stream_player, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PLAYING,
  N_PROPS
};

enum {
  SIGNAL_STARTED,
  SIGNAL_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

TroupeStreamPlayer *
troupe_stream_player_new (void)
{
  return g_object_new (TROUPE_TYPE_STREAM_PLAYER, NULL);
}

void
troupe_stream_player_set_sink (TroupeStreamPlayer *self,
                               const char         *description)
{
  g_return_if_fail (TROUPE_IS_STREAM_PLAYER (self));

  g_free (self->sink_description);
  self->sink_description = g_strdup (description);
}

gboolean
troupe_stream_player_get_playing (TroupeStreamPlayer *self)
{
  g_return_val_if_fail (TROUPE_IS_STREAM_PLAYER (self), FALSE);
  return self->playing;
}

GstElement *
troupe_stream_player_get_pipeline (TroupeStreamPlayer *self)
{
  g_return_val_if_fail (TROUPE_IS_STREAM_PLAYER (self), NULL);
  return self->pipeline;
}

static void
set_playing (TroupeStreamPlayer *self,
             gboolean            playing)
{
  if (self->playing == playing)
    return;
  self->playing = playing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

static void
tear_down (TroupeStreamPlayer *self)
{
  g_clear_handle_id (&self->bus_watch, g_source_remove);
  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);
  g_clear_object (&self->appsrc);
  g_clear_object (&self->pipeline);
  self->rate = 0;
  self->channels = 0;
  self->frames_pushed = 0;
  self->started = FALSE;
}

void
troupe_stream_player_stop (TroupeStreamPlayer *self)
{
  g_return_if_fail (TROUPE_IS_STREAM_PLAYER (self));

  tear_down (self);
  self->ended = FALSE;
  set_playing (self, FALSE);
}

void
troupe_stream_player_begin (TroupeStreamPlayer *self)
{
  g_return_if_fail (TROUPE_IS_STREAM_PLAYER (self));

  /* The last reply is cut off, never played over. */
  troupe_stream_player_stop (self);
}

static void
finish_with (TroupeStreamPlayer *self,
             GError             *error)
{
  g_autoptr(GError) owned = error;

  g_object_ref (self);
  tear_down (self);
  self->ended = FALSE;
  set_playing (self, FALSE);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, error);
  g_object_unref (self);
}

static gboolean
bus_cb (GstBus     *bus,
        GstMessage *message,
        gpointer    user_data)
{
  TroupeStreamPlayer *self = user_data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_STATE_CHANGED:
      if (GST_MESSAGE_SRC (message) == GST_OBJECT (self->pipeline) && !self->started)
        {
          GstState new_state;

          gst_message_parse_state_changed (message, NULL, &new_state, NULL);
          if (new_state == GST_STATE_PLAYING)
            {
              self->started = TRUE;
              g_signal_emit (self, signals[SIGNAL_STARTED], 0);
            }
        }
      break;
    case GST_MESSAGE_EOS:
      finish_with (self, NULL);
      return G_SOURCE_REMOVE;
    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) gst_error = NULL;
        g_autofree char *debug = NULL;

        gst_message_parse_error (message, &gst_error, &debug);
        g_debug ("Playback failed: %s", debug);
        self->bus_watch = 0;
        finish_with (self, g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                                        "Could not play the reply: %s", gst_error->message));
        return G_SOURCE_REMOVE;
      }
    default:
      break;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
build (TroupeStreamPlayer  *self,
       guint                rate,
       guint                channels,
       GError             **error)
{
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GstBus) bus = NULL;
  GstElement *convert, *resample, *sink;
  const char *description = self->sink_description != NULL ? self->sink_description : "autoaudiosink";

  convert = gst_element_factory_make ("audioconvert", NULL);
  resample = gst_element_factory_make ("audioresample", NULL);
  self->appsrc = gst_element_factory_make ("appsrc", NULL);
  if (convert == NULL || resample == NULL || self->appsrc == NULL)
    {
      g_clear_object (&convert);
      g_clear_object (&resample);
      g_clear_object (&self->appsrc);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "Spoken replies need GStreamer's base plugins (gstreamer1.0-plugins-base)");
      return FALSE;
    }
  gst_object_ref_sink (self->appsrc);
  if ((sink = gst_parse_bin_from_description (description, TRUE, error)) == NULL)
    {
      gst_object_unref (convert);
      gst_object_unref (resample);
      g_clear_object (&self->appsrc);
      return FALSE;
    }
  caps = gst_caps_new_simple ("audio/x-raw", "format", G_TYPE_STRING, "S16LE", "layout", G_TYPE_STRING, "interleaved",
                              "rate", G_TYPE_INT, (int) rate, "channels", G_TYPE_INT, (int) channels, NULL);
  g_object_set (self->appsrc, "caps", caps, "format", GST_FORMAT_TIME, "is-live", FALSE, NULL);

  self->pipeline = gst_object_ref_sink (gst_pipeline_new ("troupe-reply"));
  gst_bin_add_many (GST_BIN (self->pipeline), gst_object_ref (self->appsrc), convert, resample, sink, NULL);
  if (!gst_element_link_many (self->appsrc, convert, resample, sink, NULL))
    {
      tear_down (self);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not connect the audio output");
      return FALSE;
    }
  bus = gst_element_get_bus (self->pipeline);
  self->bus_watch = gst_bus_add_watch (bus, bus_cb, self);
  self->rate = rate;
  self->channels = channels;
  gst_element_set_state (self->pipeline, GST_STATE_PLAYING);
  return TRUE;
}

gboolean
troupe_stream_player_push (TroupeStreamPlayer  *self,
                           GBytes              *wav,
                           GError             **error)
{
  TroupeWavPcm pcm;
  GstFlowReturn flow = GST_FLOW_OK;
  GstBuffer *buffer;
  guint64 frames;

  g_return_val_if_fail (TROUPE_IS_STREAM_PLAYER (self), FALSE);
  g_return_val_if_fail (wav != NULL, FALSE);

  if (!troupe_wav_pcm_parse (wav, &pcm, error))
    return FALSE;
  if (self->pipeline == NULL && !build (self, pcm.rate, pcm.channels, error))
    {
      troupe_wav_pcm_clear (&pcm);
      return FALSE;
    }
  if (pcm.rate != self->rate || pcm.channels != self->channels)
    {
      troupe_wav_pcm_clear (&pcm);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "A chunk of the reply changed its audio format mid-way");
      return FALSE;
    }
  frames = g_bytes_get_size (pcm.samples) / (2 * pcm.channels);
  buffer = gst_buffer_new_wrapped_bytes (pcm.samples);
  GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (self->frames_pushed, GST_SECOND, self->rate);
  GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (frames, GST_SECOND, self->rate);
  self->frames_pushed += frames;
  troupe_wav_pcm_clear (&pcm);
  /* appsrc's action signal: libgstapp is not linked for one call. */
  g_signal_emit_by_name (self->appsrc, "push-buffer", buffer, &flow);
  gst_buffer_unref (buffer);
  set_playing (self, TRUE);
  return TRUE;
}

void
troupe_stream_player_end (TroupeStreamPlayer *self)
{
  GstFlowReturn flow = GST_FLOW_OK;

  g_return_if_fail (TROUPE_IS_STREAM_PLAYER (self));

  if (self->appsrc == NULL)
    return;
  self->ended = TRUE;
  g_signal_emit_by_name (self->appsrc, "end-of-stream", &flow);
}

static void
troupe_stream_player_dispose (GObject *object)
{
  TroupeStreamPlayer *self = TROUPE_STREAM_PLAYER (object);

  tear_down (self);
  g_clear_pointer (&self->sink_description, g_free);

  G_OBJECT_CLASS (troupe_stream_player_parent_class)->dispose (object);
}

static void
troupe_stream_player_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_PLAYING: g_value_set_boolean (value, TROUPE_STREAM_PLAYER (object)->playing); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_stream_player_class_init (TroupeStreamPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = troupe_stream_player_dispose;
  object_class->get_property = troupe_stream_player_get_property;

  properties[PROP_PLAYING] = g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_STARTED] =
    g_signal_new ("started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
troupe_stream_player_init (TroupeStreamPlayer *self)
{
}
