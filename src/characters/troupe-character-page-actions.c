/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-character-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "troupe-character-page-private.h"
#include "troupe-confirm-dialog.h"
#include "troupe-display-name.h"
#include "troupe-report.h"

static ConvaiClient *
client_of (TroupeCharacterPage *self)
{
  return troupe_character_store_get_client (self->store);
}

/* A call about one character, holding what its callback needs even if the
 * editor moved on to another character meanwhile. */
typedef struct
{
  TroupeCharacterPage *self;
  ConvaiCharacter       *character;
  char                  *char_id;   /* what the request is about */
  TroupeCharacterDraft  *draft;
  gboolean               with_kb;
} CallData;

/* A request about the open character, or NULL when the form is not what
 * it was filled from: nothing is sent then, rather than to the wrong id. */
static CallData *
call_data_new (TroupeCharacterPage *self)
{
  CallData *data;

  if (self->character == NULL || client_of (self) == NULL)
    return NULL;
  if (!troupe_character_page_shows (self, convai_character_get_id (self->character)))
    {
      g_critical ("The form was filled from %s but the editor holds %s; nothing is sent",
                  self->form_id, convai_character_get_id (self->character));
      return NULL;
    }
  data = g_new0 (CallData, 1);
  data->self = g_object_ref (self);
  data->character = g_object_ref (self->character);
  data->char_id = g_strdup (self->form_id);
  troupe_character_page_hold_busy (self);
  return data;
}

/* The list's object for the character now: a reload may have replaced it. */
static ConvaiCharacter *
listed_character (CallData *data)
{
  ConvaiCharacter *listed = troupe_character_store_lookup (data->self->store, data->char_id);

  return listed != NULL ? listed : data->character;
}

static void
call_data_free (CallData *data)
{
  troupe_character_page_release_busy (data->self);
  g_clear_object (&data->self);
  g_clear_object (&data->character);
  g_clear_pointer (&data->char_id, g_free);
  g_clear_pointer (&data->draft, troupe_character_draft_free);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CallData, call_data_free)

/* ---- save and revert ---- */

static void
stop_saving_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TroupeCharacterPage *self = TROUPE_CHARACTER_PAGE (widget);

  if (self->save_cancellable == NULL)
    return;
  self->save_stopped = TRUE;
  g_cancellable_cancel (self->save_cancellable);
}

static void
update_character_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CallData) data = user_data;
  TroupeCharacterPage *self = data->self;
  g_autoptr(GError) error = NULL;

  gboolean ok = convai_client_update_character_finish (CONVAI_CLIENT (object), result, &error);
  gboolean stopped = self->save_stopped;

  /* Cancelled without a person asking: the editor is going away. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !stopped)
    return;
  self->save_stopped = FALSE;
  g_clear_object (&self->save_cancellable);
  troupe_character_page_set_saving (self, FALSE);
  if (!ok)
    {
      g_autofree char *failed = NULL;

      if (stopped)
        {
          troupe_report_problem (GTK_WIDGET (self), _("Saving was stopped; your changes are kept "
                                                      "as a draft. The server may have them already: "
                                                      "reopen the character to see."));
          troupe_character_page_flush_draft (self);
          return;
        }
      /* Nothing typed is lost: the form keeps it and the draft is on disk. */
      failed = g_strdup_printf (_("Could not save “%s”; your changes are kept as a draft"),
                                troupe_character_display_name (data->character));
      troupe_report_error (GTK_WIDGET (self), failed, error);
      if (troupe_character_page_shows (self, data->char_id))
        troupe_character_page_flush_draft (self);
      return;
    }

  troupe_character_draft_apply (data->draft, data->character);
  if (listed_character (data) != data->character)
    troupe_character_draft_apply (data->draft, listed_character (data));
  troupe_character_store_renamed (self->store, listed_character (data));
  if (troupe_character_page_shows (self, data->char_id))
    {
      troupe_character_page_saved (self);
      troupe_report_toast (GTK_WIDGET (self), _("Saved"));
    }
  else
    {
      troupe_draft_store_remove (self->drafts, data->char_id);
    }
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TroupeCharacterPage *self = TROUPE_CHARACTER_PAGE (widget);
  g_autoptr(ConvaiCharacterPatch) patch = NULL;
  CallData *data;

  if (self->character == NULL || !self->dirty || client_of (self) == NULL)
    return;
  patch = troupe_character_draft_make_patch (self->draft, self->character);
  if (convai_character_patch_is_empty (patch) || (data = call_data_new (self)) == NULL)
    return;
  /* The draft is on disk before the request leaves, so a crash or a
   * failure mid-save loses nothing. */
  g_clear_handle_id (&self->draft_timeout, g_source_remove);
  troupe_draft_store_save (self->drafts, data->char_id, self->draft);
  data->draft = troupe_character_draft_copy (self->draft);
  self->saves_sent++;
  /* Its own cancellable, so Stop Saving ends this request alone. */
  g_clear_object (&self->save_cancellable);
  self->save_cancellable = g_cancellable_new ();
  g_signal_connect_object (self->cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                           self->save_cancellable, G_CONNECT_SWAPPED);
  troupe_character_page_set_saving (self, TRUE);
  convai_client_update_character_async (client_of (self), data->char_id,
                                        patch, self->save_cancellable, update_character_cb, data);
}

static void
revert_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TroupeCharacterPage *self = TROUPE_CHARACTER_PAGE (widget);

  if (self->character == NULL)
    return;
  troupe_character_page_stop_generating (self);
  troupe_character_draft_free (self->draft);
  self->draft = troupe_character_draft_new_from_character (self->character);
  troupe_character_page_fill_form (self);
  troupe_character_page_saved (self);
}

/* ---- clone ---- */

static void
get_clone_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CallData) data = user_data;
  g_autoptr(ConvaiCharacter) clone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  clone = convai_client_get_character_finish (CONVAI_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      troupe_report_error (GTK_WIDGET (data->self), _("The clone was made but could not be loaded"), error);
      troupe_character_store_reload (data->self->store);
      return;
    }
  troupe_character_store_add (data->self->store, clone);
  message = g_strdup_printf (_("Cloned as “%s”"), troupe_character_display_name (clone));
  troupe_character_page_emit_open_requested (data->self, clone);
  troupe_report_toast (GTK_WIDGET (data->self), message);
}

static void
clone_character_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CallData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *clone_id = NULL;
  GCancellable *cancellable;

  clone_id = convai_client_clone_character_finish (CONVAI_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      g_autofree char *failed = g_strdup_printf (_("Could not clone “%s”"), troupe_character_display_name (data->character));

      troupe_report_error (GTK_WIDGET (data->self), failed, error);
      return;
    }
  cancellable = data->self->cancellable;
  convai_client_get_character_async (CONVAI_CLIENT (object), clone_id, cancellable,
                                     get_clone_cb, g_steal_pointer (&data));
}

static void
clone_confirmed_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TroupeCharacterPage *self = TROUPE_CHARACTER_PAGE (widget);
  CallData *data;

  if ((data = call_data_new (self)) == NULL)
    return;
  data->with_kb = g_variant_get_boolean (parameter);
  convai_client_clone_character_async (client_of (self), data->char_id,
                                       data->with_kb, self->cancellable, clone_character_cb, data);
}

static void
clone_response_cb (AdwMessageDialog      *dialog,
                   const char            *response,
                   TroupeCharacterPage *self)
{
  GtkCheckButton *check = GTK_CHECK_BUTTON (adw_message_dialog_get_extra_child (dialog));

  if (g_str_equal (response, "clone"))
    gtk_widget_activate_action (GTK_WIDGET (self), "character.clone-confirmed", "b",
                                gtk_check_button_get_active (check));
}

static void
clone_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TroupeCharacterPage *self = TROUPE_CHARACTER_PAGE (widget);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *check;

  if (self->character == NULL)
    return;
  heading = g_strdup_printf (_("Clone “%s”?"), troupe_character_display_name (self->character));
  dialog = troupe_confirm_dialog_new (widget, heading,
                                      self->dirty
                                      ? _("The copy is made from the saved character; unsaved changes stay here.")
                                      : _("The copy gets the same backstory, voice, languages and actions."),
                                      "clone", _("C_lone"), ADW_RESPONSE_SUGGESTED);
  check = gtk_check_button_new_with_mnemonic (_("Include _knowledge bank"));
  gtk_widget_set_halign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, _("Connect the same knowledge documents to the copy"));
  adw_message_dialog_set_extra_child (dialog, check);
  g_signal_connect_object (dialog, "response", G_CALLBACK (clone_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- delete ---- */

static void
delete_character_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CallData) data = user_data;
  g_autoptr(GError) error = NULL;
  const char *char_id = data->char_id;
  g_autofree char *message = NULL;

  if (!convai_client_delete_character_finish (CONVAI_CLIENT (object), result, &error))
    {
      g_autofree char *failed = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      failed = g_strdup_printf (_("Could not delete “%s”"), troupe_character_display_name (data->character));
      troupe_report_error (GTK_WIDGET (data->self), failed, error);
      return;
    }
  message = g_strdup_printf (_("“%s” was deleted"), troupe_character_display_name (data->character));
  if (troupe_character_page_shows (data->self, char_id))
    {
      g_clear_handle_id (&data->self->draft_timeout, g_source_remove);
      troupe_character_page_set_character (data->self, NULL);
    }
  troupe_draft_store_remove (data->self->drafts, char_id);
  troupe_character_store_remove (data->self->store, char_id);
  troupe_report_toast (GTK_WIDGET (data->self), message);
  troupe_character_page_emit_deleted (data->self, char_id);
}

static void
delete_confirmed_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  TroupeCharacterPage *self = TROUPE_CHARACTER_PAGE (widget);
  CallData *data;

  if ((data = call_data_new (self)) == NULL)
    return;
  convai_client_delete_character_async (client_of (self), data->char_id,
                                        self->cancellable, delete_character_cb, data);
}

static void
delete_response_cb (AdwMessageDialog      *dialog,
                    const char            *response,
                    TroupeCharacterPage *self)
{
  if (g_str_equal (response, "delete"))
    gtk_widget_activate_action (GTK_WIDGET (self), "character.delete-confirmed", NULL);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TroupeCharacterPage *self = TROUPE_CHARACTER_PAGE (widget);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (self->character == NULL)
    return;
  heading = g_strdup_printf (_("Delete “%s”?"), troupe_character_display_name (self->character));
  body = g_strdup_printf (_("“%s”, with its backstory, voice, actions and chat history, "
                            "is deleted from the server. This cannot be undone."),
                          troupe_character_display_name (self->character));
  dialog = troupe_confirm_dialog_new (widget, heading, body, "delete", _("_Delete"),
                                      ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- generate a backstory ---- */

static void
backstory_delta_cb (TroupeCharacterPage *self,
                    const char            *delta)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->backstory_view);
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, delta, -1);
}

static void
backstory_finished_cb (TroupeCharacterPage *self,
                       const GError          *error)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->backstory_view);
  g_autoptr(GError) copy = error != NULL ? g_error_copy (error) : NULL;

  troupe_character_page_stop_generating (self);
  if (copy == NULL || g_error_matches (copy, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* A half-written backstory is worse than the one before it. */
  if (gtk_text_buffer_get_can_undo (buffer))
    gtk_text_buffer_undo (buffer);
  troupe_report_error (GTK_WIDGET (self), _("Could not generate a backstory; the previous one is back"), copy);
}

static void
generate_backstory_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  TroupeCharacterPage *self = TROUPE_CHARACTER_PAGE (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->backstory_view);
  const char *input = g_variant_get_string (parameter, NULL);
  GtkTextIter start, end;

  if (self->character == NULL || self->generating || client_of (self) == NULL)
    return;
  if (*input == '\0')
    input = self->draft->name;

  self->backstory_stream = convai_client_stream_backstory (client_of (self), input, self->draft->name,
                                                           self->character_cancellable);
  g_signal_connect_object (self->backstory_stream, "delta", G_CALLBACK (backstory_delta_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->backstory_stream, "finished", G_CALLBACK (backstory_finished_cb), self, G_CONNECT_SWAPPED);

  /* The whole generation, from clearing the old text to the last delta,
   * is one user action: one Undo brings the old backstory back. */
  troupe_character_page_set_generating (self, TRUE);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_view_set_editable (self->backstory_view, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->generate_spinner), TRUE);
  gtk_spinner_set_spinning (self->generate_spinner, TRUE);
  troupe_character_page_update_actions (self);
  convai_text_stream_start (self->backstory_stream);
}

static void
ask_backstory_response_cb (AdwMessageDialog      *dialog,
                           const char            *response,
                           TroupeCharacterPage *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  if (g_str_equal (response, "generate"))
    gtk_widget_activate_action (GTK_WIDGET (self), "character.generate-backstory", "s",
                                gtk_editable_get_text (entry));
}

static void
ask_backstory_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TroupeCharacterPage *self = TROUPE_CHARACTER_PAGE (widget);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (self->character == NULL)
    return;
  dialog = troupe_confirm_dialog_new (widget, _("Generate a Backstory"),
                                      _("Describe the character in a few words. The backstory is written "
                                        "into the editor as it arrives, replacing the current one; Undo "
                                        "(Ctrl+Z) brings the current one back."),
                                      "generate", _("_Generate"), ADW_RESPONSE_SUGGESTED);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("A retired lighthouse keeper who loves storms"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Description"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (ask_backstory_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- voice preview ---- */

static void
preview_voice_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TroupeCharacterPage *self = TROUPE_CHARACTER_PAGE (widget);
  ConvaiVoice *voice = adw_combo_row_get_selected_item (self->voice_row);
  g_autoptr(GError) error = NULL;

  if (troupe_audio_player_get_playing (self->player))
    {
      troupe_audio_player_stop (self->player);
      return;
    }
  if (voice == NULL || convai_voice_get_sample_link (voice) == NULL)
    return;
  if (!troupe_audio_player_play_uri (self->player, convai_voice_get_sample_link (voice), &error))
    troupe_report_error (GTK_WIDGET (self), _("Could not play the voice sample"), error);
}

/* ---- the action list ---- */

static void
set_actions (TroupeCharacterPage *self,
             GStrvBuilder          *builder)
{
  g_strfreev (self->draft->actions);
  self->draft->actions = g_strv_builder_end (builder);
  troupe_character_page_rebuild_actions (self);
  troupe_character_page_form_changed (self);
}

static void
add_action_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TroupeCharacterPage *self = TROUPE_CHARACTER_PAGE (widget);
  g_autofree char *text = g_strstrip (g_variant_dup_string (parameter, NULL));
  g_autoptr(GStrvBuilder) builder = NULL;
  GtkWidget *entry_row;

  if (self->draft == NULL || *text == '\0')
    return;
  /* The API sends actions as one comma-separated string. */
  if (strchr (text, ',') != NULL)
    {
      troupe_report_problem (GTK_WIDGET (self), _("An action cannot contain a comma: "
                                                 "Convai sends actions as one comma-separated list."));
      return;
    }
  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) self->draft->actions);
  g_strv_builder_add (builder, text);
  set_actions (self, builder);

  entry_row = gtk_widget_get_last_child (GTK_WIDGET (self->actions_list));
  if (ADW_IS_ENTRY_ROW (entry_row))
    {
      gtk_editable_set_text (GTK_EDITABLE (entry_row), "");
      gtk_widget_grab_focus (entry_row);
    }
}

static void
remove_action_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TroupeCharacterPage *self = TROUPE_CHARACTER_PAGE (widget);
  int index = g_variant_get_int32 (parameter);
  g_autoptr(GStrvBuilder) builder = NULL;

  if (self->draft == NULL || index < 0 || (guint) index >= g_strv_length (self->draft->actions))
    return;
  builder = g_strv_builder_new ();
  for (int i = 0; self->draft->actions[i] != NULL; i++)
    if (i != index)
      g_strv_builder_add (builder, self->draft->actions[i]);
  set_actions (self, builder);
}

static void
swap_actions (TroupeCharacterPage *self,
              int                    a,
              int                    b)
{
  guint n = self->draft != NULL ? g_strv_length (self->draft->actions) : 0;
  char *held;

  if (a < 0 || b < 0 || (guint) a >= n || (guint) b >= n)
    return;
  held = self->draft->actions[a];
  self->draft->actions[a] = self->draft->actions[b];
  self->draft->actions[b] = held;
  troupe_character_page_rebuild_actions (self);
  troupe_character_page_form_changed (self);
}

static void
move_action_up_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  int index = g_variant_get_int32 (parameter);

  swap_actions (TROUPE_CHARACTER_PAGE (widget), index, index - 1);
}

static void
move_action_down_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  int index = g_variant_get_int32 (parameter);

  swap_actions (TROUPE_CHARACTER_PAGE (widget), index, index + 1);
}

void
troupe_character_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "character.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "character.stop-saving", NULL, stop_saving_action);
  gtk_widget_class_install_action (widget_class, "character.revert", NULL, revert_action);
  gtk_widget_class_install_action (widget_class, "character.clone", NULL, clone_action);
  gtk_widget_class_install_action (widget_class, "character.clone-confirmed", "b", clone_confirmed_action);
  gtk_widget_class_install_action (widget_class, "character.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "character.delete-confirmed", NULL, delete_confirmed_action);
  gtk_widget_class_install_action (widget_class, "character.ask-backstory", NULL, ask_backstory_action);
  gtk_widget_class_install_action (widget_class, "character.generate-backstory", "s", generate_backstory_action);
  gtk_widget_class_install_action (widget_class, "character.preview-voice", NULL, preview_voice_action);
  gtk_widget_class_install_action (widget_class, "character.add-action", "s", add_action_action);
  gtk_widget_class_install_action (widget_class, "character.remove-action", "i", remove_action_action);
  gtk_widget_class_install_action (widget_class, "character.move-action-up", "i", move_action_up_action);
  gtk_widget_class_install_action (widget_class, "character.move-action-down", "i", move_action_down_action);
}
