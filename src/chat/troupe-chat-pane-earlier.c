/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The earlier turns of a session that goes on (after a restart, or on
 * coming back to a character): read with the chat history call when the
 * pane opens the character, and put in above what is shown. */
#define G_LOG_DOMAIN "troupe-chat-pane"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "troupe-chat-pane-private.h"

/* The conversation is a one-column grid view (troupe-chat-pane.ui), which
 * keeps rows for the 30 items around its anchor; GTK 4.8's list view kept
 * 200, and made them all at once when a long session went in (45 ms of
 * the main thread, then a 25-35 ms frame). Rows kept are also rows GTK
 * styles again: a row made above others has every node of every row
 * below it styled anew (its new parent is passed on to later siblings as
 * a change, gtk_css_node_propagate_pending_changes()), which with 200 rows
 * made opening and scrolling frames of 10-16 ms (chat-long-session).
 * So the last messages go in at once, and the earlier ones a batch between
 * two frames, the view anchored at the end (troupe-chat-pane-follow.c),
 * until the view has made all the rows it keeps; from there an item put in
 * above makes no row, and the rest go in at once. */
#define REVEAL_BATCH 24
/* More than the grid view keeps rows for (GTK_GRID_VIEW_MAX_VISIBLE_ROWS
 * and one above and below). */
#define REVEAL_ROWS_KEPT 40

static void reveal_next (TroupeChatPane *self);

static gboolean
reveal_idle_cb (gpointer user_data)
{
  TroupeChatPane *self = user_data;

  self->reveal_idle = 0;
  reveal_next (self);
  return G_SOURCE_REMOVE;
}

/* A frame began: the next batch once it is painted. */
static gboolean
reveal_tick_cb (GtkWidget     *view,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  TroupeChatPane *self = user_data;

  self->reveal_tick = 0;
  self->reveal_idle = g_idle_add (reveal_idle_cb, self);
  return G_SOURCE_REMOVE;
}

static void
reveal_next (TroupeChatPane *self)
{
  guint left = self->earlier->len;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->messages));
  guint n = shown >= REVEAL_ROWS_KEPT ? left : MIN (left, REVEAL_BATCH);

  g_list_store_splice (self->messages, 0, 0, self->earlier->pdata + left - n, n);
  g_ptr_array_remove_range (self->earlier, left - n, n);
  if (self->earlier->len == 0)
    return;
  /* Not on screen: no frame to wait for. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    self->reveal_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), reveal_tick_cb, self, NULL);
  else
    self->reveal_idle = g_idle_add (reveal_idle_cb, self);
}

void
troupe_chat_pane_put_earlier (TroupeChatPane     *self,
                              TroupeChatMessage **messages,
                              guint               n_messages)
{
  guint waiting = self->earlier->len;

  /* Before those still to come: they are later than these. */
  g_ptr_array_set_size (self->earlier, waiting + n_messages);
  memmove (self->earlier->pdata + n_messages, self->earlier->pdata, waiting * sizeof (gpointer));
  for (guint i = 0; i < n_messages; i++)
    self->earlier->pdata[i] = g_object_ref (messages[i]);
  if (waiting == 0)
    reveal_next (self);
  troupe_chat_pane_update_content (self);
}

gboolean
troupe_chat_pane_is_revealing (TroupeChatPane *self)
{
  return self->earlier->len > 0;
}

void
troupe_chat_pane_clear_messages (TroupeChatPane *self)
{
  if (self->reveal_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->reveal_tick);
  self->reveal_tick = 0;
  g_clear_handle_id (&self->reveal_idle, g_source_remove);
  g_ptr_array_set_size (self->earlier, 0);
  g_list_store_remove_all (self->messages);
}

void
troupe_chat_pane_cancel_earlier (TroupeChatPane *self)
{
  g_cancellable_cancel (self->earlier_cancellable);
  g_clear_object (&self->earlier_cancellable);
}

static void
session_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TroupeChatPane *self = user_data;
  g_autoptr(GListModel) interactions = NULL;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  const char *name;
  guint skipped = 0;

  interactions = convai_client_get_session_skipping_finish (CONVAI_CLIENT (source), result, &skipped, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->earlier_cancellable);
  if (interactions == NULL)
    {
      g_autofree char *problem = g_strdup_printf (_("The earlier messages of this session could not be read: %s"),
                                                  error->message);

      troupe_chat_pane_show_problem (self, problem, FALSE);
      return;
    }
  name = convai_character_get_name (self->character);
  for (guint i = 0; i < g_list_model_get_n_items (interactions); i++)
    {
      g_autoptr(ConvaiInteraction) interaction = g_list_model_get_item (interactions, i);

      for (guint m = 0; m < convai_interaction_get_n_messages (interaction); m++)
        {
          gboolean user = g_strcmp0 (convai_interaction_get_speaker (interaction, m), "User") == 0;
          TroupeChatMessage *message = troupe_chat_message_new (user ? TROUPE_CHAT_ROLE_USER : TROUPE_CHAT_ROLE_CHARACTER,
                                                                convai_interaction_get_text (interaction, m));

          if (!user)
            troupe_chat_message_set_speaker (message, name);
          g_ptr_array_add (messages, message);
        }
    }
  troupe_chat_pane_put_earlier (self, (TroupeChatMessage **) messages->pdata, messages->len);
  if (skipped > 0)
    {
      g_autofree char *problem = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u earlier message could not be read",
                                                               "%u earlier messages could not be read", skipped),
                                                  skipped);

      troupe_chat_pane_show_problem (self, problem, FALSE);
    }
}

void
troupe_chat_pane_load_earlier (TroupeChatPane *self)
{
  ConvaiClient *client = troupe_context_get_client (self->context);
  const char *session_id = troupe_chat_pane_get_session_id (self);

  troupe_chat_pane_cancel_earlier (self);
  if (client == NULL || self->character == NULL || session_id == NULL)
    return;
  self->earlier_cancellable = g_cancellable_new ();
  convai_client_get_session_skipping_async (client, troupe_chat_pane_character_id (self), session_id,
                                            self->earlier_cancellable, session_read_cb, self);
}
