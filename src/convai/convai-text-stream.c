/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-text-stream.h"

#include "convai-error.h"
#include "convai-sse-request-private.h"
#include "convai-stream-private.h"

#include <string.h>

struct _ConvaiTextStream
{
  GObject          parent_instance;
  ConvaiSseRequest request;
  GString         *text;
  GPtrArray       *lines;          /* NULL-terminated */
  GError          *pending_error;  /* a bad event: it stops the reading */
  GError          *error;
  gboolean         finished;
};

G_DEFINE_FINAL_TYPE (ConvaiTextStream, convai_text_stream, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_FINISHED,
  N_PROPS
};

enum {
  SIGNAL_DELTA,
  SIGNAL_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
convai_text_stream_dispose (GObject *object)
{
  ConvaiTextStream *self = CONVAI_TEXT_STREAM (object);

  convai_sse_request_stop (&self->request);
  G_OBJECT_CLASS (convai_text_stream_parent_class)->dispose (object);
}

static void
convai_text_stream_finalize (GObject *object)
{
  ConvaiTextStream *self = CONVAI_TEXT_STREAM (object);

  convai_sse_request_clear (&self->request);
  g_string_free (self->text, TRUE);
  g_ptr_array_unref (self->lines);
  g_clear_error (&self->pending_error);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (convai_text_stream_parent_class)->finalize (object);
}

static void
convai_text_stream_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ConvaiTextStream *self = CONVAI_TEXT_STREAM (object);

  switch (prop_id)
    {
    case PROP_TEXT: g_value_set_string (value, self->text->str); break;
    case PROP_FINISHED: g_value_set_boolean (value, self->finished); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convai_text_stream_class_init (ConvaiTextStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = convai_text_stream_dispose;
  object_class->finalize = convai_text_stream_finalize;
  object_class->get_property = convai_text_stream_get_property;

  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, "", ro);
  properties[PROP_FINISHED] = g_param_spec_boolean ("finished", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_DELTA] =
    g_signal_new ("delta", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
convai_text_stream_init (ConvaiTextStream *self)
{
  self->text = g_string_new (NULL);
  self->lines = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->lines, NULL);
}

ConvaiTextStream *
convai_text_stream_new (ConvaiClient *client,
                        SoupMessage  *message,
                        GError       *error,
                        GCancellable *cancellable)
{
  ConvaiTextStream *self = g_object_new (CONVAI_TYPE_TEXT_STREAM, NULL);

  convai_sse_request_init (&self->request, client, message, error, cancellable);
  return self;
}

static void
add_lines (ConvaiTextStream *self,
           const char       *data)
{
  g_auto(GStrv) lines = g_strsplit (data, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] != '\0')
        g_ptr_array_insert (self->lines, self->lines->len - 1, g_strdup (lines[i]));
    }
}

static void
event_cb (const char *event_type,
          const char *data,
          gsize       len,
          gpointer    user_data)
{
  ConvaiTextStream *self = user_data;

  if (self->pending_error != NULL)
    return;
  /* An event stream is UTF-8 text: anything else is not what was asked. */
  if (!g_utf8_validate (data, len, NULL))
    {
      self->pending_error = g_error_new_literal (CONVAI_ERROR, CONVAI_ERROR_PROTOCOL,
                                                 "The server’s reply is not text (not UTF-8)");
      g_cancellable_cancel (self->request.cancellable);
      return;
    }
  g_string_append_len (self->text, data, len);
  add_lines (self, data);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  g_signal_emit (self, signals[SIGNAL_DELTA], 0, data);
}

static void
finish_with (ConvaiTextStream *self,
             GError           *error)
{
  g_assert (!self->finished);
  self->finished = TRUE;
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, error);
}

static void
done_cb (const GError *error,
         gpointer      user_data)
{
  ConvaiTextStream *self = CONVAI_TEXT_STREAM (user_data);

  if (self->pending_error != NULL)
    finish_with (self, g_steal_pointer (&self->pending_error));
  else
    finish_with (self, error ? g_error_copy (error) : NULL);
}

void
convai_text_stream_start (ConvaiTextStream *self)
{
  g_return_if_fail (CONVAI_IS_TEXT_STREAM (self));
  g_return_if_fail (!self->request.started);

  /* Both generators are documented as event streams, and nothing else:
   * a body of another type is a protocol error, never taken as text. */
  convai_sse_request_start (&self->request, G_OBJECT (self), event_cb, NULL, done_cb);
}

void
convai_text_stream_cancel (ConvaiTextStream *self)
{
  g_return_if_fail (CONVAI_IS_TEXT_STREAM (self));
  g_cancellable_cancel (self->request.cancellable);
}

const char *
convai_text_stream_get_text (ConvaiTextStream *self)
{
  g_return_val_if_fail (CONVAI_IS_TEXT_STREAM (self), NULL);
  return self->text->str;
}

const char * const *
convai_text_stream_get_lines (ConvaiTextStream *self)
{
  g_return_val_if_fail (CONVAI_IS_TEXT_STREAM (self), NULL);
  return (const char * const *) self->lines->pdata;
}

gboolean
convai_text_stream_get_finished (ConvaiTextStream *self)
{
  g_return_val_if_fail (CONVAI_IS_TEXT_STREAM (self), FALSE);
  return self->finished;
}

const GError *
convai_text_stream_get_error (ConvaiTextStream *self)
{
  g_return_val_if_fail (CONVAI_IS_TEXT_STREAM (self), NULL);
  return self->error;
}
