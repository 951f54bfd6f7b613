/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Spoken replies: each reply's audio chunks go to the player as they
 * arrive, so the voice starts with the first; Esc, the Stop button or
 * switching Speak Replies off silences it. */
#define G_LOG_DOMAIN "troupe-chat-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-chat-pane-private.h"

void
troupe_chat_pane_voice_chunk (TroupeChatPane *self,
                              GBytes         *wav)
{
  g_autoptr(GError) error = NULL;

  if (self->voiced == NULL || self->audio_failed)
    return;
  if (!troupe_stream_player_push (self->player, wav, &error))
    {
      /* The words still come: the voice failing is said, once. */
      self->audio_failed = TRUE;
      troupe_stream_player_stop (self->player);
      troupe_chat_pane_show_problem (self, error->message, FALSE);
    }
}

/* What the pane says follows the player. */
static void
player_started_cb (TroupeChatPane *self)
{
  if (self->voiced != NULL)
    troupe_chat_message_set_first_sound_ms (self->voiced, (g_get_monotonic_time () - self->sent_at_us) / 1000);
}

static void
player_playing_cb (TroupeChatPane *self)
{
  if (self->stream == NULL)
    troupe_chat_pane_show_status (self, troupe_stream_player_get_playing (self->player) ? _("Speaking…") : NULL);
  else
    troupe_chat_pane_show_status (self, troupe_chat_pane_get_status (self));
  troupe_chat_pane_update_actions (self);
}

static void
player_finished_cb (TroupeChatPane *self,
                    const GError   *error)
{
  if (error != NULL)
    troupe_chat_pane_show_problem (self, error->message, FALSE);
  g_clear_object (&self->voiced);
}

static void
stop_speaking_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TroupeChatPane *self = TROUPE_CHAT_PANE (widget);

  troupe_stream_player_stop (self->player);
  g_clear_object (&self->voiced);
}

static void
speak_toggled_cb (TroupeChatPane *self)
{
  /* Switched off mid-reply: silence now, not at the next turn. */
  if (!gtk_toggle_button_get_active (self->speak_button))
    stop_speaking_action (GTK_WIDGET (self), NULL, NULL);
}

void
troupe_chat_pane_voice_init (TroupeChatPane *self)
{
  self->player = troupe_stream_player_new ();
  g_signal_connect_swapped (self->player, "started", G_CALLBACK (player_started_cb), self);
  g_signal_connect_swapped (self->player, "notify::playing", G_CALLBACK (player_playing_cb), self);
  g_signal_connect_swapped (self->player, "finished", G_CALLBACK (player_finished_cb), self);
  g_signal_connect_swapped (self->speak_button, "toggled", G_CALLBACK (speak_toggled_cb), self);
}

void
troupe_chat_pane_voice_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "chat.stop-speaking", NULL, stop_speaking_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "chat.stop-speaking", NULL);
}
