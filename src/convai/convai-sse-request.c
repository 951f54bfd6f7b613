/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-sse-request-private.h"

static void
cancel_linked_cb (GCancellable *user,
                  gpointer      data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
}

/* A cancellable that is cancelled when @user (may be NULL) is: the stream
 * objects cancel their own without touching a caller's. */
static GCancellable *
linked_cancellable_new (GCancellable *user,
                        gulong       *handler_id)
{
  GCancellable *own = g_cancellable_new ();

  *handler_id = 0;
  if (user != NULL)
    *handler_id = g_cancellable_connect (user, G_CALLBACK (cancel_linked_cb),
                                         g_object_ref (own), g_object_unref);
  return own;
}

void
convai_sse_request_init (ConvaiSseRequest *self,
                         ConvaiClient     *client,
                         SoupMessage      *message,
                         GError           *error,
                         GCancellable     *cancellable)
{
  self->client = g_object_ref (client);
  self->message = message ? g_object_ref (message) : NULL;
  self->setup_error = error;
  self->user_cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  self->cancellable = linked_cancellable_new (cancellable, &self->cancel_handler);
}

void
convai_sse_request_stop (ConvaiSseRequest *self)
{
  g_clear_pointer (&self->reader, convai_sse_reader_free);
  if (self->cancel_handler != 0)
    g_cancellable_disconnect (self->user_cancellable, self->cancel_handler);
  self->cancel_handler = 0;
}

void
convai_sse_request_clear (ConvaiSseRequest *self)
{
  g_clear_object (&self->client);
  g_clear_object (&self->message);
  g_clear_error (&self->setup_error);
  g_clear_object (&self->user_cancellable);
  g_clear_object (&self->cancellable);
}

/* The setup error on its way to the owner; holds the owner meanwhile. */
typedef struct
{
  GObject                 *owner;
  ConvaiSseReaderDoneFunc  on_done;
  GError                  *error;
} SetupFailure;

static void
setup_failure_free (gpointer data)
{
  SetupFailure *failure = data;

  g_object_unref (failure->owner);
  g_error_free (failure->error);
  g_free (failure);
}

static gboolean
report_setup_failure_cb (gpointer data)
{
  SetupFailure *failure = data;

  failure->on_done (failure->error, failure->owner);
  return G_SOURCE_REMOVE;
}

void
convai_sse_request_start (ConvaiSseRequest         *self,
                          GObject                  *owner,
                          ConvaiSseEventFunc        on_event,
                          ConvaiSseReaderPlainFunc  on_plain,
                          ConvaiSseReaderDoneFunc   on_done)
{
  g_assert (!self->started);

  self->started = TRUE;
  if (self->setup_error != NULL)
    {
      SetupFailure *failure = g_new0 (SetupFailure, 1);

      failure->owner = g_object_ref (owner);
      failure->on_done = on_done;
      failure->error = g_steal_pointer (&self->setup_error);
      g_idle_add_full (G_PRIORITY_DEFAULT, report_setup_failure_cb, failure, setup_failure_free);
      return;
    }
  self->reader = convai_sse_reader_new (owner, on_event, on_plain, on_done);
  convai_sse_reader_start (self->reader, self->client, self->message, self->cancellable);
}
