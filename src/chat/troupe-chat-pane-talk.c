/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Push-to-talk: hold Space (when the message entry does not have the
 * focus) or hold the microphone button, release to send; or, with the
 * push-to-talk-toggle setting, press once to start and again to send. Key
 * auto-repeat and modifier combinations are ignored, a turn is capped at
 * 60 seconds ("talk-cap-ms"), and losing the window's focus stops listening without
 * sending. */
#define G_LOG_DOMAIN "troupe-chat-pane"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "troupe-chat-pane-private.h"

static gboolean
toggle_mode (TroupeChatPane *self)
{
  GSettings *settings = troupe_context_get_settings (self->context);

  return settings != NULL && g_settings_get_boolean (settings, "push-to-talk-toggle");
}

static gboolean
listening (TroupeChatPane *self)
{
  return troupe_recorder_get_recording (self->recorder);
}

static void
stop_watching_focus (TroupeChatPane *self)
{
  if (self->active_window != NULL)
    g_clear_signal_handler (&self->active_handler, self->active_window);
  g_clear_object (&self->active_window);
}

static void
stop_listening (TroupeChatPane *self,
                const char     *why)
{
  g_clear_handle_id (&self->talk_cap_timeout, g_source_remove);
  stop_watching_focus (self);
  self->space_held = FALSE;
  troupe_recorder_cancel (self->recorder);
  troupe_chat_pane_show_status (self, NULL);
  if (why != NULL)
    troupe_chat_pane_show_problem (self, why, FALSE);
  troupe_chat_pane_update_actions (self);
}

void
troupe_chat_pane_talk_cancel (TroupeChatPane *self)
{
  if (listening (self))
    stop_listening (self, NULL);
}

static void
window_active_cb (GtkWindow      *window,
                  GParamSpec     *pspec,
                  TroupeChatPane *self)
{
  /* A key released in another window never comes back here: stop now
   * rather than record on unseen. */
  if (!gtk_window_is_active (window) && listening (self))
    stop_listening (self, _("Stopped listening: the window lost the focus. Nothing was sent."));
}

static gboolean
turn_cap_cb (gpointer user_data)
{
  TroupeChatPane *self = user_data;

  self->talk_cap_timeout = 0;
  /* What was said so far is sent, as if the key had been released. */
  troupe_recorder_stop (self->recorder);
  troupe_chat_pane_show_status (self, _("Sending…"));
  return G_SOURCE_REMOVE;
}

static void
start_talking (TroupeChatPane *self)
{
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (listening (self) || self->character == NULL || troupe_context_get_client (self->context) == NULL)
    return;
  /* Talking interrupts the character, words and voice. */
  troupe_chat_pane_stop_turn (self);
  troupe_chat_pane_show_problem (self, NULL, FALSE);
  gtk_level_bar_set_value (self->level_bar, 0.0);
  if (!troupe_recorder_start (self->recorder, self->recording, &error))
    {
      troupe_chat_pane_show_problem (self, error->message, FALSE);
      return;
    }
  self->talk_cap_timeout = g_timeout_add (self->talk_cap_ms, turn_cap_cb, self);
  if (GTK_IS_WINDOW (root))
    {
      self->active_window = GTK_WIDGET (g_object_ref (root));
      self->active_handler = g_signal_connect (root, "notify::is-active", G_CALLBACK (window_active_cb), self);
    }
  troupe_chat_pane_show_status (self, _("Listening…"));
  troupe_chat_pane_update_actions (self);
}

static void
stop_talking (TroupeChatPane *self)
{
  if (!listening (self))
    return;
  g_clear_handle_id (&self->talk_cap_timeout, g_source_remove);
  troupe_recorder_stop (self->recorder);
  troupe_chat_pane_show_status (self, _("Sending…"));
}

static void
recorder_level_cb (TroupeRecorder *recorder,
                   double          level,
                   TroupeChatPane *self)
{
  gtk_level_bar_set_value (self->level_bar, level);
}

static void
recorder_finished_cb (TroupeRecorder *recorder,
                      const GError   *error,
                      TroupeChatPane *self)
{
  g_clear_handle_id (&self->talk_cap_timeout, g_source_remove);
  stop_watching_focus (self);
  self->space_held = FALSE;
  troupe_chat_pane_show_status (self, NULL);
  if (error != NULL)
    troupe_chat_pane_show_problem (self, error->message, FALSE);
  else if (self->stream == NULL)
    troupe_chat_pane_start_turn (self, NULL, self->recording);
  troupe_chat_pane_update_actions (self);
}

/* ---- keys, button, actions ---- */

static gboolean
is_plain_space (guint           keyval,
                GdkModifierType state)
{
  return keyval == GDK_KEY_space
         && (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK)) == 0;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TroupeChatPane        *self)
{
  if (!is_plain_space (keyval, state) || gtk_widget_has_focus (GTK_WIDGET (self->entry)))
    return FALSE;
  /* Held down, the key repeats: only the first press counts. */
  if (self->space_held)
    return TRUE;
  self->space_held = TRUE;
  if (toggle_mode (self) && listening (self))
    stop_talking (self);
  else
    start_talking (self);
  return TRUE;
}

static void
key_released_cb (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 TroupeChatPane        *self)
{
  if (keyval != GDK_KEY_space || !self->space_held)
    return;
  self->space_held = FALSE;
  if (!toggle_mode (self))
    stop_talking (self);
}

static void
mic_pressed_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                TroupeChatPane  *self)
{
  /* The press is ours: the button's own click would come only on release. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (toggle_mode (self) && listening (self))
    stop_talking (self);
  else
    start_talking (self);
}

static void
mic_released_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 TroupeChatPane  *self)
{
  if (!toggle_mode (self))
    stop_talking (self);
}

/* Keyboard and screen reader users activate the button: it toggles. */
static void
mic_clicked_cb (TroupeChatPane *self)
{
  if (listening (self))
    stop_talking (self);
  else
    start_talking (self);
}

static void
start_talking_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  start_talking (TROUPE_CHAT_PANE (widget));
}

static void
stop_talking_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  stop_talking (TROUPE_CHAT_PANE (widget));
}

void
troupe_chat_pane_talk_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "chat.start-talking", NULL, start_talking_action);
  gtk_widget_class_install_action (widget_class, "chat.stop-talking", NULL, stop_talking_action);
}

void
troupe_chat_pane_talk_init (TroupeChatPane *self)
{
  g_autofree char *folder = g_build_filename (g_get_user_cache_dir (), "troupe", NULL);
  g_autofree char *path = g_build_filename (folder, "spoken-turn.wav", NULL);
  GtkEventController *keys;
  GtkGesture *press;

  /* One small local mkdir, once; the recording is written by GStreamer's
   * own thread. */
  g_mkdir_with_parents (folder, 0700);
  self->recording = g_file_new_for_path (path);
  self->recorder = troupe_recorder_new ();
  g_signal_connect (self->recorder, "level", G_CALLBACK (recorder_level_cb), self);
  g_signal_connect (self->recorder, "finished", G_CALLBACK (recorder_finished_cb), self);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  g_signal_connect (keys, "key-released", G_CALLBACK (key_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  press = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (press), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (press), GTK_PHASE_CAPTURE);
  g_signal_connect (press, "pressed", G_CALLBACK (mic_pressed_cb), self);
  g_signal_connect (press, "released", G_CALLBACK (mic_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->mic_button), GTK_EVENT_CONTROLLER (press));
  g_signal_connect_swapped (self->mic_button, "clicked", G_CALLBACK (mic_clicked_cb), self);
}

void
troupe_chat_pane_talk_dispose (TroupeChatPane *self)
{
  g_clear_handle_id (&self->talk_cap_timeout, g_source_remove);
  stop_watching_focus (self);
  if (self->recorder != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->recorder, self);
      troupe_recorder_cancel (self->recorder);
    }
  g_clear_object (&self->recorder);
  g_clear_object (&self->recording);
}
