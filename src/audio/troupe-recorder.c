/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-recorder"

#include "config.h"

#include <math.h>
#include <gst/gst.h>

#include "troupe-recorder.h"

#define LEVEL_INTERVAL_MS 50
/* The default source records silence when no sound server runs: a first
 * second quieter than this is no microphone at all. */
#define SILENCE_DB -70.0
#define SILENCE_CHECK_MS 1000

struct _TroupeRecorder
{
  GObject     parent_instance;

  char       *source_description;
  GstElement *pipeline;
  guint       bus_watch;
  guint       heard_ms;
  double      loudest_db;
  gboolean    stopping;
};

G_DEFINE_FINAL_TYPE (TroupeRecorder, troupe_recorder, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RECORDING,
  N_PROPS
};

enum {
  SIGNAL_RUNNING,
  SIGNAL_LEVEL,
  SIGNAL_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

TroupeRecorder *
troupe_recorder_new (void)
{
  return g_object_new (TROUPE_TYPE_RECORDER, NULL);
}

void
troupe_recorder_set_source (TroupeRecorder *self,
                            const char     *description)
{
  g_return_if_fail (TROUPE_IS_RECORDER (self));

  g_free (self->source_description);
  self->source_description = g_strdup (description);
}

gboolean
troupe_recorder_get_recording (TroupeRecorder *self)
{
  g_return_val_if_fail (TROUPE_IS_RECORDER (self), FALSE);
  return self->pipeline != NULL;
}

static void
tear_down (TroupeRecorder *self)
{
  gboolean was_recording = self->pipeline != NULL;

  g_clear_handle_id (&self->bus_watch, g_source_remove);
  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);
  g_clear_object (&self->pipeline);
  self->stopping = FALSE;
  if (was_recording)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORDING]);
}

static void
finish_with (TroupeRecorder *self,
             GError         *error)
{
  g_autoptr(GError) owned = error;

  g_object_ref (self);
  tear_down (self);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, error);
  g_object_unref (self);
}

/* The loudest channel's peak of one level message, in dB. */
static double
peak_db (const GstStructure *structure)
{
  const GValue *peaks = gst_structure_get_value (structure, "peak");
  double loudest = -G_MAXDOUBLE;
  GValueArray *array;

  /* level still posts a GValueArray, one double per channel. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (peaks == NULL || G_VALUE_TYPE (peaks) != g_value_array_get_type ())
    return loudest;
  array = g_value_get_boxed (peaks);
  for (guint i = 0; array != NULL && i < array->n_values; i++)
    {
      const GValue *value = g_value_array_get_nth (array, i);

      if (G_VALUE_HOLDS_DOUBLE (value))
        loudest = MAX (loudest, g_value_get_double (value));
    }
G_GNUC_END_IGNORE_DEPRECATIONS
  return loudest;
}

static gboolean
handle_level (TroupeRecorder     *self,
              const GstStructure *structure)
{
  double db = peak_db (structure);

  self->loudest_db = MAX (self->loudest_db, db);
  self->heard_ms += LEVEL_INTERVAL_MS;
  /* -60 dB … 0 dB on the meter, as a person hears it. */
  g_signal_emit (self, signals[SIGNAL_LEVEL], 0, CLAMP ((db + 60.0) / 60.0, 0.0, 1.0));
  if (self->heard_ms >= SILENCE_CHECK_MS && self->loudest_db < SILENCE_DB)
    {
      finish_with (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                              "The microphone gives only silence: check that one is "
                                              "connected, not muted, and that the sound server runs"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
bus_cb (GstBus     *bus,
        GstMessage *message,
        gpointer    user_data)
{
  TroupeRecorder *self = user_data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ELEMENT:
      if (gst_message_has_name (message, "level"))
        {
          if (!handle_level (self, gst_message_get_structure (message)))
            return G_SOURCE_REMOVE;
        }
      break;
    case GST_MESSAGE_STATE_CHANGED:
      if (GST_MESSAGE_SRC (message) == GST_OBJECT (self->pipeline))
        {
          GstState old_state, new_state;

          gst_message_parse_state_changed (message, &old_state, &new_state, NULL);
          if (new_state == GST_STATE_PLAYING && old_state != GST_STATE_PLAYING)
            g_signal_emit (self, signals[SIGNAL_RUNNING], 0);
        }
      break;
    case GST_MESSAGE_EOS:
      self->bus_watch = 0;
      finish_with (self, NULL);
      return G_SOURCE_REMOVE;
    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) gst_error = NULL;
        g_autofree char *debug = NULL;

        gst_message_parse_error (message, &gst_error, &debug);
        g_debug ("Recording failed: %s", debug);
        self->bus_watch = 0;
        finish_with (self, g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                                        "Could not record from the microphone (%s): check that one is "
                                        "connected and that Troupe may use it", gst_error->message));
        return G_SOURCE_REMOVE;
      }
    default:
      break;
    }
  return G_SOURCE_CONTINUE;
}

gboolean
troupe_recorder_start (TroupeRecorder  *self,
                       GFile           *file,
                       GError         **error)
{
  g_autofree char *path = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GError) parse_error = NULL;
  GstElement *filesink;
  GstStateChangeReturn ret;

  g_return_val_if_fail (TROUPE_IS_RECORDER (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  tear_down (self);
  path = g_file_get_path (file);
  description = g_strdup_printf ("%s ! audioconvert ! audioresample ! "
                                 "audio/x-raw,format=S16LE,rate=16000,channels=1 ! "
                                 "level interval=%u post-messages=true ! wavenc ! filesink name=out",
                                 self->source_description != NULL ? self->source_description : "autoaudiosrc",
                                 LEVEL_INTERVAL_MS * 1000000u);
  /* A missing element is a "recoverable" error with a pipeline returned
   * anyway, without it: for a recorder it is not recoverable. */
  self->pipeline = gst_parse_launch (description, &parse_error);
  if (self->pipeline != NULL)
    gst_object_ref_sink (self->pipeline);
  if (parse_error != NULL)
    {
      g_clear_object (&self->pipeline);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "Could not set up the microphone: %s (install gstreamer1.0-plugins-good and "
                   "gstreamer1.0-pulseaudio)", parse_error->message);
      return FALSE;
    }
  filesink = gst_bin_get_by_name (GST_BIN (self->pipeline), "out");
  g_object_set (filesink, "location", path, NULL);
  gst_object_unref (filesink);

  self->heard_ms = 0;
  self->loudest_db = -G_MAXDOUBLE;
  bus = gst_element_get_bus (self->pipeline);
  self->bus_watch = gst_bus_add_watch (bus, bus_cb, self);
  ret = gst_element_set_state (self->pipeline, GST_STATE_PLAYING);
  if (ret == GST_STATE_CHANGE_FAILURE)
    {
      tear_down (self);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "No microphone could be opened: check that one is connected and that "
                           "Troupe may use it");
      return FALSE;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORDING]);
  return TRUE;
}

void
troupe_recorder_stop (TroupeRecorder *self)
{
  g_return_if_fail (TROUPE_IS_RECORDER (self));

  if (self->pipeline == NULL || self->stopping)
    return;
  self->stopping = TRUE;
  /* The end flows through wavenc, which then writes the real lengths. */
  gst_element_send_event (self->pipeline, gst_event_new_eos ());
}

void
troupe_recorder_cancel (TroupeRecorder *self)
{
  g_return_if_fail (TROUPE_IS_RECORDER (self));
  tear_down (self);
}

static void
troupe_recorder_dispose (GObject *object)
{
  TroupeRecorder *self = TROUPE_RECORDER (object);

  tear_down (self);
  g_clear_pointer (&self->source_description, g_free);
  G_OBJECT_CLASS (troupe_recorder_parent_class)->dispose (object);
}

static void
troupe_recorder_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_RECORDING: g_value_set_boolean (value, TROUPE_RECORDER (object)->pipeline != NULL); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_recorder_class_init (TroupeRecorderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = troupe_recorder_dispose;
  object_class->get_property = troupe_recorder_get_property;

  properties[PROP_RECORDING] = g_param_spec_boolean ("recording", NULL, NULL, FALSE,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_RUNNING] = g_signal_new ("running", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_LEVEL] = g_signal_new ("level", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
troupe_recorder_init (TroupeRecorder *self)
{
}
