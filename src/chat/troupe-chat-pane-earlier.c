/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The earlier turns of a session that goes on (after a restart, or on
 * coming back to a character): read with the chat history call when the
 * pane opens the character, and put in above what is shown. */
#define G_LOG_DOMAIN "troupe-chat-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-chat-pane-private.h"

/* All at once, in one splice, the view anchored at the last message before
 * it makes rows (troupe-chat-pane-follow.c), or it makes 200 for the first
 * turns and 200 more for the last. GTK 4.8's list view makes, binds, measures and
 * draws a row for each of some 200 items around its anchor in the frame
 * that first shows them, whatever the window holds: that frame is the
 * longest of opening a long session, 25 to 35 ms of the main thread's time
 * on the shared machine (chat-long-session). Tried and measured worse:
 * - batches put in a frame at a time, from the end backwards, the view
 *   anchored at the last message (each splice above the rows already made
 *   still costs 27 to 38 ms of the main thread: 9 frames that long);
 * - a one-column grid view, which keeps 30 rows instead of 200: GTK 4.8's
 *   grid view gives rows of differing heights a height of 6 px;
 * - a row drawing only its parts on screen (paint 10.3 -> 9.4 ms in one
 *   run each, not worth its code). */
void
troupe_chat_pane_put_earlier (TroupeChatPane     *self,
                              TroupeChatMessage **messages,
                              guint               n_messages)
{
  g_list_store_splice (self->messages, 0, 0, (gpointer *) messages, n_messages);
  troupe_chat_pane_update_content (self);
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
