/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The conversation starters of an empty session: asked for as a stream,
 * each shown as a button that sends itself as it arrives. */
#define G_LOG_DOMAIN "troupe-chat-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-chat-pane-private.h"

void
troupe_chat_pane_clear_starters (TroupeChatPane *self)
{
  GtkWidget *child;

  if (self->starters_stream != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->starters_stream, self);
      convai_text_stream_cancel (self->starters_stream);
      g_clear_object (&self->starters_stream);
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->starters_box))) != NULL)
    gtk_box_remove (self->starters_box, child);
  g_ptr_array_set_size (self->starters, 0);
  g_ptr_array_add (self->starters, NULL);
}

static void
starter_delta_cb (ConvaiTextStream *stream,
                  const char       *data,
                  TroupeChatPane   *self)
{
  g_autofree char *text = g_strstrip (g_strdup (data));
  GtkWidget *button, *label;

  if (*text == '\0')
    return;
  g_ptr_array_insert (self->starters, self->starters->len - 1, g_strdup (text));
  /* The label wraps: a starter is a sentence, not a word. */
  label = g_object_new (GTK_TYPE_LABEL, "label", text, "wrap", TRUE, "wrap-mode", PANGO_WRAP_WORD_CHAR,
                        "xalign", 0.0f, NULL);
  button = g_object_new (GTK_TYPE_BUTTON, "child", label, "action-name", "chat.send-starter",
                         "action-target", g_variant_new_string (text), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_box_append (self->starters_box, button);
  troupe_chat_pane_update_content (self);
}

static void
starters_finished_cb (ConvaiTextStream *stream,
                      const GError     *error,
                      TroupeChatPane   *self)
{
  g_signal_handlers_disconnect_by_data (stream, self);
  g_clear_object (&self->starters_stream);
  /* Starters are a help, not the conversation: without them the person
   * can still type, so a failure is noted, not shown as a problem. */
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("No conversation starters: %s", error->message);
}

void
troupe_chat_pane_load_starters (TroupeChatPane *self)
{
  ConvaiClient *client = troupe_context_get_client (self->context);

  troupe_chat_pane_clear_starters (self);
  if (client == NULL || self->character == NULL || troupe_chat_pane_get_session_id (self) != NULL)
    {
      troupe_chat_pane_update_content (self);
      return;
    }
  self->starters_stream = convai_client_stream_starters (client, troupe_chat_pane_character_id (self), "-1", NULL);
  g_signal_connect (self->starters_stream, "delta", G_CALLBACK (starter_delta_cb), self);
  g_signal_connect (self->starters_stream, "finished", G_CALLBACK (starters_finished_cb), self);
  convai_text_stream_start (self->starters_stream);
  troupe_chat_pane_update_content (self);
}

