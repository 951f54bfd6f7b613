/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-chat-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-chat-message.h"
#include "troupe-chat-pane.h"
#include "troupe-chat-pane-private.h"
#include "troupe-chat-row.h"
#include "troupe-display-name.h"
#include "troupe-error-text.h"



G_DEFINE_FINAL_TYPE (TroupeChatPane, troupe_chat_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHARACTER,
  PROP_BUSY,
  PROP_TALK_CAP_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- getters ---- */

ConvaiCharacter *
troupe_chat_pane_get_character (TroupeChatPane *self)
{
  g_return_val_if_fail (TROUPE_IS_CHAT_PANE (self), NULL);
  return self->character;
}

gboolean
troupe_chat_pane_get_busy (TroupeChatPane *self)
{
  g_return_val_if_fail (TROUPE_IS_CHAT_PANE (self), FALSE);
  return self->stream != NULL;
}

GListModel *
troupe_chat_pane_get_messages (TroupeChatPane *self)
{
  g_return_val_if_fail (TROUPE_IS_CHAT_PANE (self), NULL);
  return G_LIST_MODEL (self->messages);
}

GtkTextBuffer *
troupe_chat_pane_get_entry_buffer (TroupeChatPane *self)
{
  g_return_val_if_fail (TROUPE_IS_CHAT_PANE (self), NULL);
  return gtk_text_view_get_buffer (self->entry);
}

const char *
troupe_chat_pane_character_id (TroupeChatPane *self)
{
  return self->character != NULL ? convai_character_get_id (self->character) : NULL;
}

const char *
troupe_chat_pane_get_session_id (TroupeChatPane *self)
{
  g_return_val_if_fail (TROUPE_IS_CHAT_PANE (self), NULL);
  return troupe_chat_sessions_lookup (self->sessions, troupe_chat_pane_character_id (self));
}

const char * const *
troupe_chat_pane_get_starters (TroupeChatPane *self)
{
  g_return_val_if_fail (TROUPE_IS_CHAT_PANE (self), NULL);
  return (const char * const *) self->starters->pdata;
}

const char *
troupe_chat_pane_get_problem (TroupeChatPane *self)
{
  g_return_val_if_fail (TROUPE_IS_CHAT_PANE (self), NULL);
  return gtk_widget_get_visible (self->problem_box) ? gtk_label_get_text (self->problem_label) : NULL;
}

const char *
troupe_chat_pane_get_status (TroupeChatPane *self)
{
  g_return_val_if_fail (TROUPE_IS_CHAT_PANE (self), NULL);
  return gtk_widget_get_visible (self->status_box) ? gtk_label_get_text (self->status_label) : NULL;
}

TroupeStreamPlayer *
troupe_chat_pane_get_player (TroupeChatPane *self)
{
  g_return_val_if_fail (TROUPE_IS_CHAT_PANE (self), NULL);
  return self->player;
}

void
troupe_chat_pane_set_speak_replies (TroupeChatPane *self,
                                    gboolean        speak)
{
  g_return_if_fail (TROUPE_IS_CHAT_PANE (self));
  gtk_toggle_button_set_active (self->speak_button, speak);
}

guint
troupe_chat_pane_get_talk_cap_ms (TroupeChatPane *self)
{
  g_return_val_if_fail (TROUPE_IS_CHAT_PANE (self), 0);
  return self->talk_cap_ms;
}

/* Takes effect from the next spoken turn. */
void
troupe_chat_pane_set_talk_cap_ms (TroupeChatPane *self,
                                  guint           cap_ms)
{
  g_return_if_fail (TROUPE_IS_CHAT_PANE (self));
  g_return_if_fail (cap_ms > 0);

  if (self->talk_cap_ms == cap_ms)
    return;
  self->talk_cap_ms = cap_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TALK_CAP_MS]);
}

/* ---- what the pane shows ---- */

static char *
entry_text (TroupeChatPane *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->entry);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
entry_is_blank (TroupeChatPane *self)
{
  g_autofree char *text = entry_text (self);

  return *g_strstrip (text) == '\0';
}

void
troupe_chat_pane_update_actions (TroupeChatPane *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean ready = self->character != NULL && troupe_context_get_client (self->context) != NULL;
  gboolean busy = self->stream != NULL;

  gtk_widget_action_set_enabled (widget, "chat.send", ready && !busy && !entry_is_blank (self));
  gtk_widget_action_set_enabled (widget, "chat.send-starter", ready && !busy);
  gtk_widget_action_set_enabled (widget, "chat.new-session", ready && !busy);
  gtk_widget_action_set_enabled (widget, "chat.cancel", busy);
  gtk_widget_action_set_enabled (widget, "chat.retry", ready && !busy && (self->turn_text != NULL || self->turn_wav != NULL));
  gtk_widget_action_set_enabled (widget, "chat.stop-speaking", troupe_stream_player_get_playing (self->player));
  gtk_widget_action_set_enabled (widget, "chat.start-talking", ready && !troupe_recorder_get_recording (self->recorder));
  gtk_widget_action_set_enabled (widget, "chat.stop-talking", troupe_recorder_get_recording (self->recorder));
}

/* One line saying what the pane is doing; the spinner turns only while it
 * is shown (an idle pane wakes nothing). */
void
troupe_chat_pane_show_status (TroupeChatPane *self,
                              const char     *status)
{
  gboolean listening = self->recorder != NULL && troupe_recorder_get_recording (self->recorder);

  gtk_widget_set_visible (self->status_box, status != NULL);
  gtk_label_set_text (self->status_label, status != NULL ? status : "");
  /* While listening the meter moves instead of the spinner. */
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), !listening);
  gtk_spinner_set_spinning (self->spinner, status != NULL && !listening);
  gtk_widget_set_visible (GTK_WIDGET (self->level_bar), listening);
  if (listening)
    gtk_widget_add_css_class (GTK_WIDGET (self->mic_button), "destructive-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->mic_button), "destructive-action");
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), self->stream != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->stop_speaking_button), troupe_stream_player_get_playing (self->player));
  if (status != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_box),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, status, -1);
}

void
troupe_chat_pane_show_problem (TroupeChatPane *self,
              const char     *problem,
              gboolean        can_retry)
{
  gtk_widget_set_visible (self->problem_box, problem != NULL);
  gtk_label_set_text (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), can_retry);
}

void
troupe_chat_pane_update_content (TroupeChatPane *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->messages)) == 0;
  gboolean continuing = troupe_chat_pane_get_session_id (self) != NULL;

  gtk_stack_set_visible_child_name (self->content_stack, empty ? "empty" : "messages");
  if (self->character == NULL)
    {
      gtk_label_set_text (self->empty_title, _("No Character Open"));
      gtk_label_set_text (self->empty_label, _("Open a character to talk to it."));
    }
  else if (continuing)
    {
      gtk_label_set_text (self->empty_title, _("Continuing the Last Session"));
      gtk_label_set_text (self->empty_label,
                          _("The character remembers your last conversation. New Session starts afresh."));
    }
  else
    {
      gtk_label_set_text (self->empty_title, _("Talk to the Character"));
      gtk_label_set_text (self->empty_label, self->starters->len > 1
                                             ? _("Type a message below, or begin with one of these.")
                                             : _("Type a message below."));
    }
}

/* ---- one turn ---- */

void
troupe_chat_pane_stop_turn (TroupeChatPane *self)
{
  troupe_stream_player_stop (self->player);
  g_clear_object (&self->voiced);
  if (self->stream == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->stream, self);
  convai_chat_stream_cancel (self->stream);
  g_clear_object (&self->stream);
  if (self->reply != NULL && troupe_chat_message_get_state (self->reply) == TROUPE_CHAT_MESSAGE_STREAMING)
    troupe_chat_message_set_state (self->reply, TROUPE_CHAT_MESSAGE_INTERRUPTED);
  g_clear_object (&self->reply);
  troupe_chat_pane_show_status (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
stream_session_id_cb (ConvaiChatStream *stream,
                      const char       *session_id,
                      TroupeChatPane   *self)
{
  troupe_chat_sessions_set (self->sessions, troupe_chat_pane_character_id (self), session_id);
}

static void
stream_user_query_cb (ConvaiChatStream *stream,
                      const char       *transcript,
                      TroupeChatPane   *self)
{
  if (self->said == NULL)
    return;
  troupe_chat_message_set_text (self->said, *transcript != '\0' ? transcript
                                : _("(nothing the server could make out)"));
  troupe_chat_message_set_state (self->said, TROUPE_CHAT_MESSAGE_DONE);
  troupe_chat_pane_show_status (self, _("Thinking…"));
}

static void
stream_text_delta_cb (ConvaiChatStream *stream,
                      const char       *delta,
                      TroupeChatPane   *self)
{
  if (troupe_chat_message_get_first_word_ms (self->reply) < 0)
    {
      troupe_chat_message_set_first_word_ms (self->reply, (g_get_monotonic_time () - self->sent_at_us) / 1000);
      /* The words are the news now; Cancel stays until the end. */
      troupe_chat_pane_show_status (self, _("Replying…"));
    }
  troupe_chat_message_set_text (self->reply, convai_chat_stream_get_text (stream));
}

static void
stream_audio_chunk_cb (ConvaiChatStream *stream,
                       GBytes           *wav,
                       guint             sample_rate,
                       TroupeChatPane   *self)
{
  troupe_chat_pane_voice_chunk (self, wav);
}

/* The turn's messages go, and its words come back to the entry: nothing
 * typed is lost when the server turns it away. */
static void
give_back_turn (TroupeChatPane *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->messages));

  if (n >= 2)
    g_list_store_splice (self->messages, n - 2, 2, NULL, 0);
  if (self->turn_text != NULL && entry_is_blank (self))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->entry), self->turn_text, -1);
  g_clear_pointer (&self->turn_text, g_free);
  g_clear_object (&self->turn_wav);
  troupe_chat_pane_update_content (self);
}

static void
stream_finished_cb (ConvaiChatStream *stream,
                    const GError     *error,
                    TroupeChatPane   *self)
{
  g_autoptr(ConvaiChatStream) done = g_steal_pointer (&self->stream);
  g_autoptr(TroupeChatMessage) reply = g_steal_pointer (&self->reply);
  gboolean got_words = *convai_chat_stream_get_text (stream) != '\0';

  g_signal_handlers_disconnect_by_data (stream, self);
  /* Parts of the reply that could not be read were skipped: say so under
   * it, so a gap in the words is not a mystery. */
  troupe_chat_message_set_n_skipped (reply, convai_chat_stream_get_n_skipped (stream));
  if (self->said != NULL && troupe_chat_message_get_state (self->said) == TROUPE_CHAT_MESSAGE_STREAMING)
    {
      troupe_chat_message_set_text (self->said, _("(spoken)"));
      troupe_chat_message_set_state (self->said, TROUPE_CHAT_MESSAGE_DONE);
    }
  g_clear_object (&self->said);
  /* The voice plays on to the end of what arrived, unless cancelled. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    troupe_stream_player_stop (self->player);
  else
    troupe_stream_player_end (self->player);
  troupe_chat_pane_show_status (self, troupe_stream_player_get_playing (self->player) ? _("Speaking…") : NULL);
  if (error == NULL)
    {
      troupe_chat_message_set_state (reply, TROUPE_CHAT_MESSAGE_DONE);
      g_clear_pointer (&self->turn_text, g_free);
      g_clear_object (&self->turn_wav);
      troupe_chat_pane_show_problem (self, NULL, FALSE);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (got_words)
        troupe_chat_message_set_state (reply, TROUPE_CHAT_MESSAGE_INTERRUPTED);
      else
        give_back_turn (self);
    }
  else if (got_words)
    {
      g_autofree char *text = troupe_error_text (_("The reply was interrupted"), error);

      /* What arrived stays, marked; Retry asks again. */
      troupe_chat_message_set_state (reply, TROUPE_CHAT_MESSAGE_INTERRUPTED);
      troupe_chat_pane_show_problem (self, text, TRUE);
    }
  else
    {
      g_autofree char *text = troupe_error_text (_("The character could not answer"), error);

      give_back_turn (self);
      troupe_chat_pane_show_problem (self, text, FALSE);
    }
  troupe_chat_pane_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
troupe_chat_pane_start_turn (TroupeChatPane *self,
                             const char     *text,
                             GFile          *wav)
{
  ConvaiClient *client = troupe_context_get_client (self->context);
  const char *char_id = troupe_chat_pane_character_id (self);
  const char *session_id = troupe_chat_pane_get_session_id (self);
  g_autoptr(ConvaiChatRequest) request = NULL;

  g_return_if_fail (self->stream == NULL);
  g_return_if_fail ((text == NULL) != (wav == NULL));
  if (client == NULL || self->character == NULL)
    return;

  if (text != self->turn_text)
    {
      g_free (self->turn_text);
      self->turn_text = g_strdup (text);
    }
  g_set_object (&self->turn_wav, wav);
  troupe_chat_pane_clear_starters (self);
  troupe_chat_pane_show_problem (self, NULL, FALSE);

  /* A spoken turn's words are the server's transcript, when it comes. */
  g_clear_object (&self->said);
  self->said = troupe_chat_message_new (TROUPE_CHAT_ROLE_USER, text);
  if (wav != NULL)
    troupe_chat_message_set_state (self->said, TROUPE_CHAT_MESSAGE_STREAMING);
  self->reply = troupe_chat_message_new (TROUPE_CHAT_ROLE_CHARACTER, NULL);
  troupe_chat_message_set_speaker (self->reply, troupe_character_display_name (self->character));
  troupe_chat_message_set_state (self->reply, TROUPE_CHAT_MESSAGE_STREAMING);
  self->follow_end = TRUE;
  g_list_store_append (self->messages, self->said);
  g_list_store_append (self->messages, self->reply);

  request = wav != NULL ? convai_chat_request_new_audio (char_id, session_id, wav)
                        : convai_chat_request_new_text (char_id, session_id, text);
  /* A new turn silences the last reply's voice: they never overlap. */
  troupe_stream_player_begin (self->player);
  g_clear_object (&self->voiced);
  self->audio_failed = FALSE;
  request->voice_response = gtk_toggle_button_get_active (self->speak_button);
  if (request->voice_response)
    self->voiced = g_object_ref (self->reply);
  self->stream = convai_client_stream_response (client, request, NULL);
  g_signal_connect (self->stream, "session-id", G_CALLBACK (stream_session_id_cb), self);
  g_signal_connect (self->stream, "user-query", G_CALLBACK (stream_user_query_cb), self);
  g_signal_connect (self->stream, "text-delta", G_CALLBACK (stream_text_delta_cb), self);
  g_signal_connect (self->stream, "audio-chunk", G_CALLBACK (stream_audio_chunk_cb), self);
  g_signal_connect (self->stream, "finished", G_CALLBACK (stream_finished_cb), self);
  self->sent_at_us = g_get_monotonic_time ();
  convai_chat_stream_start (self->stream);

  troupe_chat_pane_show_status (self, wav != NULL ? _("Sending…") : _("Thinking…"));
  troupe_chat_pane_update_content (self);
  troupe_chat_pane_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* ---- actions ---- */

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TroupeChatPane *self = TROUPE_CHAT_PANE (widget);
  g_autofree char *text = entry_text (self);

  g_strstrip (text);
  if (*text == '\0' || self->stream != NULL)
    return;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->entry), "", -1);
  troupe_chat_pane_start_turn (self, text, NULL);
}

static void
send_starter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TroupeChatPane *self = TROUPE_CHAT_PANE (widget);

  if (self->stream == NULL)
    troupe_chat_pane_start_turn (self, g_variant_get_string (parameter, NULL), NULL);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TroupeChatPane *self = TROUPE_CHAT_PANE (widget);
  g_autoptr(GFile) wav = self->turn_wav != NULL ? g_object_ref (self->turn_wav) : NULL;
  g_autofree char *text = g_strdup (self->turn_text);

  if (self->stream == NULL && (text != NULL || wav != NULL))
    troupe_chat_pane_start_turn (self, wav == NULL ? text : NULL, wav);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TroupeChatPane *self = TROUPE_CHAT_PANE (widget);

  if (self->stream != NULL)
    convai_chat_stream_cancel (self->stream);
}

static void
new_session_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TroupeChatPane *self = TROUPE_CHAT_PANE (widget);

  if (self->character == NULL)
    return;
  troupe_chat_pane_stop_turn (self);
  troupe_chat_pane_cancel_earlier (self);
  troupe_chat_sessions_set (self->sessions, troupe_chat_pane_character_id (self), NULL);
  troupe_chat_pane_clear_messages (self);
  g_clear_pointer (&self->turn_text, g_free);
  troupe_chat_pane_show_problem (self, NULL, FALSE);
  troupe_chat_pane_load_starters (self);
  troupe_chat_pane_update_actions (self);
}

void
troupe_chat_pane_continue_session (TroupeChatPane *self,
                                   const char     *session_id)
{
  g_return_if_fail (TROUPE_IS_CHAT_PANE (self));
  g_return_if_fail (session_id != NULL && *session_id != '\0');

  if (self->character == NULL)
    return;
  /* Already the conversation on screen: nothing to read again. */
  if (g_strcmp0 (troupe_chat_pane_get_session_id (self), session_id) == 0 &&
      g_list_model_get_n_items (G_LIST_MODEL (self->messages)) > 0)
    return;
  troupe_chat_pane_talk_cancel (self);
  troupe_chat_pane_stop_turn (self);
  troupe_chat_pane_cancel_earlier (self);
  troupe_chat_sessions_set (self->sessions, troupe_chat_pane_character_id (self), session_id);
  troupe_chat_pane_clear_messages (self);
  g_clear_pointer (&self->turn_text, g_free);
  troupe_chat_pane_show_problem (self, NULL, FALSE);
  troupe_chat_pane_load_earlier (self);
  troupe_chat_pane_load_starters (self);
  troupe_chat_pane_update_actions (self);
}

/* Enter sends; Shift+Enter is a new line (the text view's own). */
static gboolean
entry_key_pressed_cb (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      TroupeChatPane        *self)
{
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return FALSE;
  if (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), "chat.send", NULL);
  return TRUE;
}

/* ---- following the character and the client ---- */

void
troupe_chat_pane_set_character (TroupeChatPane  *self,
                                ConvaiCharacter *character)
{
  g_return_if_fail (TROUPE_IS_CHAT_PANE (self));
  g_return_if_fail (character == NULL || CONVAI_IS_CHARACTER (character));

  if (self->character == character)
    return;
  /* The same character, refetched after a save: the conversation goes on. */
  if (self->character != NULL && character != NULL &&
      g_strcmp0 (troupe_chat_pane_character_id (self), convai_character_get_id (character)) == 0)
    {
      g_set_object (&self->character, character);
      return;
    }
  /* What was said to the last character is not for this one. */
  troupe_chat_pane_talk_cancel (self);
  troupe_chat_pane_stop_turn (self);
  g_set_object (&self->character, character);
  troupe_chat_pane_clear_messages (self);
  g_clear_pointer (&self->turn_text, g_free);
  troupe_chat_pane_show_problem (self, NULL, FALSE);
  troupe_chat_pane_load_earlier (self);
  troupe_chat_pane_load_starters (self);
  troupe_chat_pane_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHARACTER]);
}

static void
client_changed_cb (TroupeChatPane *self)
{
  /* What ran against the old endpoint belongs to it. */
  troupe_chat_pane_talk_cancel (self);
  troupe_chat_pane_stop_turn (self);
  /* A pane opened before there was a client reads its earlier turns now. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->messages)) == 0)
    troupe_chat_pane_load_earlier (self);
  else
    troupe_chat_pane_cancel_earlier (self);
  troupe_chat_pane_load_starters (self);
  troupe_chat_pane_update_actions (self);
}

/* ---- GObject ---- */

TroupeChatPane *
troupe_chat_pane_new_with_sessions (TroupeContext      *context,
                                    TroupeChatSessions *sessions)
{
  TroupeChatPane *self;

  g_return_val_if_fail (TROUPE_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (TROUPE_IS_CHAT_SESSIONS (sessions), NULL);

  self = g_object_new (TROUPE_TYPE_CHAT_PANE, NULL);
  self->context = g_object_ref (context);
  self->sessions = g_object_ref (sessions);
  g_signal_connect_object (context, "notify::client", G_CALLBACK (client_changed_cb), self, G_CONNECT_SWAPPED);
  troupe_chat_pane_update_content (self);
  troupe_chat_pane_update_actions (self);
  return self;
}

TroupeChatPane *
troupe_chat_pane_new (TroupeContext *context)
{
  static TroupeChatSessions *shared;

  /* One per process: two windows writing one file in turn would lose each
   * other's sessions. */
  if (shared == NULL)
    shared = troupe_chat_sessions_new_default ();
  return troupe_chat_pane_new_with_sessions (context, shared);
}

static void
troupe_chat_pane_dispose (GObject *object)
{
  TroupeChatPane *self = TROUPE_CHAT_PANE (object);

  troupe_chat_pane_stop_turn (self);
  troupe_chat_pane_cancel_earlier (self);
  troupe_chat_pane_clear_messages (self);
  troupe_chat_pane_clear_starters (self);
  troupe_chat_pane_talk_dispose (self);
  troupe_chat_pane_follow_dispose (self);
  if (self->player != NULL)
    g_signal_handlers_disconnect_by_data (self->player, self);
  g_clear_object (&self->player);
  g_clear_pointer (&self->preloaded_icons, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), TROUPE_TYPE_CHAT_PANE);
  g_clear_object (&self->character);
  g_clear_object (&self->context);
  g_clear_object (&self->sessions);
  g_clear_object (&self->messages);
  g_clear_pointer (&self->earlier, g_ptr_array_unref);
  g_clear_pointer (&self->turn_text, g_free);
  g_clear_object (&self->turn_wav);
  g_clear_object (&self->said);
  g_clear_pointer (&self->starters, g_ptr_array_unref);

  G_OBJECT_CLASS (troupe_chat_pane_parent_class)->dispose (object);
}

static void
troupe_chat_pane_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TroupeChatPane *self = TROUPE_CHAT_PANE (object);

  switch (prop_id)
    {
    case PROP_CHARACTER: g_value_set_object (value, self->character); break;
    case PROP_BUSY: g_value_set_boolean (value, self->stream != NULL); break;
    case PROP_TALK_CAP_MS: g_value_set_uint (value, self->talk_cap_ms); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_chat_pane_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_CHARACTER:
      troupe_chat_pane_set_character (TROUPE_CHAT_PANE (object), g_value_get_object (value));
      break;
    case PROP_TALK_CAP_MS:
      troupe_chat_pane_set_talk_cap_ms (TROUPE_CHAT_PANE (object), g_value_get_uint (value));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_chat_pane_class_init (TroupeChatPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = troupe_chat_pane_dispose;
  object_class->get_property = troupe_chat_pane_get_property;
  object_class->set_property = troupe_chat_pane_set_property;

  properties[PROP_CHARACTER] = g_param_spec_object ("character", NULL, NULL, CONVAI_TYPE_CHARACTER,
                                                    G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The longest spoken turn: 60 s, as the issue says; tests shorten it. */
  properties[PROP_TALK_CAP_MS] = g_param_spec_uint ("talk-cap-ms", NULL, NULL, 1, G_MAXUINT, 60000,
                                                    G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/troupe/Troupe/troupe-chat-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, TroupeChatPane, box);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatPane, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatPane, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatPane, empty_label);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatPane, empty_title);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatPane, entry);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatPane, list_view);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatPane, new_session_button);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatPane, problem_box);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatPane, problem_label);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatPane, retry_button);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatPane, scroller);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatPane, send_button);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatPane, speak_button);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatPane, spinner);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatPane, level_bar);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatPane, mic_button);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatPane, starters_box);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatPane, status_box);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatPane, status_label);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatPane, stop_speaking_button);

  gtk_widget_class_install_action (widget_class, "chat.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "chat.send-starter", "s", send_starter_action);
  gtk_widget_class_install_action (widget_class, "chat.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "chat.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "chat.new-session", NULL, new_session_action);
  troupe_chat_pane_voice_class_init (widget_class);
  troupe_chat_pane_talk_class_init (widget_class);
}

/* An icon is read and drawn the first time it is painted, in that frame:
 * the spinner's 10 to 15 ms in the frame that shows the sent message, each
 * message's Copy icon in the frame that first shows messages (a restored
 * session's). Loading them in the icon theme's own thread when the pane is
 * first shown (and holding them, so the theme's cache keeps them) takes
 * that off the frames. */
static void
preload_icons_cb (TroupeChatPane *self)
{
  const char *names[] = { "process-working-symbolic", "edit-copy-symbolic" };
  GtkIconTheme *theme;

  if (self->preloaded_icons != NULL)
    return;
  theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));
  self->preloaded_icons = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_ptr_array_add (self->preloaded_icons,
                     gtk_icon_theme_lookup_icon (theme, names[i], NULL, 16,
                                                 gtk_widget_get_scale_factor (GTK_WIDGET (self)),
                                                 GTK_TEXT_DIR_NONE, GTK_ICON_LOOKUP_PRELOAD));
}

static void
troupe_chat_pane_init (TroupeChatPane *self)
{
  g_autoptr(GtkListItemFactory) factory = troupe_chat_row_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->messages = g_list_store_new (TROUPE_TYPE_CHAT_MESSAGE);
  self->earlier = g_ptr_array_new_with_free_func (g_object_unref);
  self->starters = g_ptr_array_new_with_free_func (g_free);
  self->talk_cap_ms = 60000;
  g_ptr_array_add (self->starters, NULL);
  troupe_chat_pane_voice_init (self);
  troupe_chat_pane_talk_init (self);

  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->messages)));
  gtk_grid_view_set_factory (self->list_view, factory);
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  troupe_chat_pane_follow_init (self);

  g_signal_connect (self, "map", G_CALLBACK (preload_icons_cb), NULL);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (entry_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->entry), "changed",
                            G_CALLBACK (troupe_chat_pane_update_actions), self);
}
