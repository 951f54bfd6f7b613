/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-character-page"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-character-page-private.h"
#include "troupe-report.h"

/* Drafts are written this long after the last change: within a second, as
 * promised, without a write per keystroke. */
#define DRAFT_DELAY_MS 500

static void troupe_character_page_page_init (TroupePageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TroupeCharacterPage, troupe_character_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (TROUPE_TYPE_PAGE, troupe_character_page_page_init))

enum {
  PROP_0,
  PROP_CHARACTER,
  PROP_DIRTY,
  PROP_BUSY,
  PROP_SAVING,
  PROP_TITLE,
  N_PROPS
};

enum {
  OPEN_REQUESTED,
  DELETED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

ConvaiCharacter *
troupe_character_page_get_character (TroupeCharacterPage *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_PAGE (self), NULL);
  return self->character;
}

gboolean
troupe_character_page_get_dirty (TroupeCharacterPage *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_PAGE (self), FALSE);
  return self->dirty;
}

/* Busy while a call runs or a generated backstory streams into the form. */
gboolean
troupe_character_page_get_busy (TroupeCharacterPage *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_PAGE (self), FALSE);
  return self->busy_count > 0 || self->generating;
}

TroupeAudioPlayer *
troupe_character_page_get_player (TroupeCharacterPage *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_PAGE (self), NULL);
  return self->player;
}

TroupeCharacterDraft *
troupe_character_page_dup_draft (TroupeCharacterPage *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_PAGE (self), NULL);
  return self->draft != NULL ? troupe_character_draft_copy (self->draft) : NULL;
}

void
troupe_character_page_hold_busy (TroupeCharacterPage *self)
{
  if (self->busy_count++ == 0 && !self->generating)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  troupe_character_page_update_actions (self);
}

void
troupe_character_page_release_busy (TroupeCharacterPage *self)
{
  g_assert (self->busy_count > 0);
  if (--self->busy_count == 0 && !self->generating)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  troupe_character_page_update_actions (self);
}

ConvaiVoice *
troupe_character_page_selected_voice (TroupeCharacterPage *self)
{
  return adw_combo_row_get_selected_item (self->voice_row);
}

void
troupe_character_page_update_actions (TroupeCharacterPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_character = self->character != NULL;
  gboolean busy = self->busy_count > 0;
  ConvaiVoice *voice = troupe_character_page_selected_voice (self);
  const char *sample = voice != NULL ? convai_voice_get_sample_link (voice) : NULL;

  gtk_widget_action_set_enabled (widget, "character.save", has_character && self->dirty && !busy && !self->generating);
  gtk_widget_action_set_enabled (widget, "character.revert", has_character && self->dirty && !self->generating);
  gtk_widget_action_set_enabled (widget, "character.clone", has_character && !busy);
  gtk_widget_action_set_enabled (widget, "character.clone-confirmed", has_character && !busy);
  gtk_widget_action_set_enabled (widget, "character.delete", has_character && !busy);
  gtk_widget_action_set_enabled (widget, "character.delete-confirmed", has_character && !busy);
  gtk_widget_action_set_enabled (widget, "character.ask-backstory", has_character && !self->generating);
  gtk_widget_action_set_enabled (widget, "character.generate-backstory", has_character && !self->generating);
  gtk_widget_action_set_enabled (widget, "character.preview-voice",
                                 (sample != NULL && *sample != '\0') ||
                                 troupe_audio_player_get_playing (self->player));
}

/* The view's header shows the name as it is typed. */
static void
update_title (TroupeCharacterPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
update_dirty (TroupeCharacterPage *self)
{
  gboolean dirty = self->character != NULL && self->draft != NULL &&
                   troupe_character_draft_differs (self->draft, self->character);

  if (dirty != self->dirty)
    {
      self->dirty = dirty;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
    }
  update_title (self);
  troupe_character_page_update_actions (self);
}

static void
write_draft_now (TroupeCharacterPage *self)
{
  g_clear_handle_id (&self->draft_timeout, g_source_remove);
  if (self->character == NULL)
    return;
  if (self->dirty)
    troupe_draft_store_save (self->drafts, convai_character_get_id (self->character), self->draft);
  else
    troupe_draft_store_remove (self->drafts, convai_character_get_id (self->character));
}

static gboolean
draft_timeout_cb (gpointer user_data)
{
  TroupeCharacterPage *self = user_data;

  self->draft_timeout = 0;
  write_draft_now (self);
  return G_SOURCE_REMOVE;
}

void
troupe_character_page_flush_draft (TroupeCharacterPage *self)
{
  g_return_if_fail (TROUPE_IS_CHARACTER_PAGE (self));

  if (self->draft_timeout != 0)
    write_draft_now (self);
}

void
troupe_character_page_flush_draft_now (TroupeCharacterPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TROUPE_IS_CHARACTER_PAGE (self));

  if (self->draft_timeout == 0 || self->character == NULL || !self->dirty)
    return;
  g_clear_handle_id (&self->draft_timeout, g_source_remove);
  if (!troupe_draft_store_save_now (self->drafts, convai_character_get_id (self->character),
                                    self->draft, &error))
    g_warning ("Could not keep the unsaved changes at exit: %s", error->message);
}

void
troupe_character_page_form_changed (TroupeCharacterPage *self)
{
  if (self->filling || self->character == NULL)
    return;
  update_dirty (self);
  g_clear_handle_id (&self->draft_timeout, g_source_remove);
  self->draft_timeout = g_timeout_add (DRAFT_DELAY_MS, draft_timeout_cb, self);
}

static guint
count_words (const char *text)
{
  guint words = 0;
  gboolean in_word = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gboolean space = g_unichar_isspace (g_utf8_get_char (p));

      if (!space && !in_word)
        words++;
      in_word = !space;
    }
  return words;
}

static void
update_word_count (TroupeCharacterPage *self)
{
  guint words = count_words (self->draft != NULL ? self->draft->backstory : "");
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words", words), words);

  gtk_label_set_text (self->word_count_label, text);
}

static void
name_changed_cb (TroupeCharacterPage *self)
{
  if (self->filling || self->draft == NULL)
    return;
  g_free (self->draft->name);
  self->draft->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  troupe_character_page_form_changed (self);
}

static void
backstory_changed_cb (TroupeCharacterPage *self,
                      GtkTextBuffer         *buffer)
{
  GtkTextIter start, end;

  if (self->filling || self->draft == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_free (self->draft->backstory);
  self->draft->backstory = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  update_word_count (self);
  troupe_character_page_form_changed (self);
}

void
troupe_character_page_emit_open_requested (TroupeCharacterPage *self,
                                              ConvaiCharacter       *character)
{
  g_signal_emit (self, signals[OPEN_REQUESTED], 0, character);
}

void
troupe_character_page_emit_deleted (TroupeCharacterPage *self,
                                      const char            *char_id)
{
  g_signal_emit (self, signals[DELETED], 0, char_id);
}

/* After a save or a revert: the form is what the server has, unless the
 * person kept typing while the save ran. */
void
troupe_character_page_saved (TroupeCharacterPage *self)
{
  gtk_revealer_set_reveal_child (self->draft_revealer, FALSE);
  troupe_report_clear (GTK_WIDGET (self));
  update_dirty (self);
  write_draft_now (self);
}

/* ---- the whole form ---- */

static gboolean
backstory_shows (TroupeCharacterPage *self,
                 const char            *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->backstory_view);
  GtkTextIter start, end;
  g_autofree char *shown = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  return g_str_equal (shown, text);
}

void
troupe_character_page_fill_form (TroupeCharacterPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->backstory_view);
  gboolean was_filling = self->filling;

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), self->draft ? self->draft->name : "");
  /* A refill that leaves the backstory as it is must not move the cursor
   * of someone typing in it. */
  if (!backstory_shows (self, self->draft ? self->draft->backstory : ""))
    {
      /* Filling is not an edit a person would undo. */
      gtk_text_buffer_begin_irreversible_action (buffer);
      gtk_text_buffer_set_text (buffer, self->draft ? self->draft->backstory : "", -1);
      gtk_text_buffer_end_irreversible_action (buffer);
    }
  troupe_character_page_sync_language_checks (self);
  troupe_character_page_refilter_voices (self);
  troupe_character_page_rebuild_actions (self);
  update_word_count (self);
  self->filling = was_filling;
  update_dirty (self);
}

void
troupe_character_page_focus_name (TroupeCharacterPage *self)
{
  g_return_if_fail (TROUPE_IS_CHARACTER_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

/* What an asynchronous reply about one character needs to find out
 * whether the form still shows that character when it arrives. */
typedef struct
{
  TroupeCharacterPage *self;
  char                  *char_id;
} ReplyFor;

static ReplyFor *
reply_for_new (TroupeCharacterPage *self)
{
  ReplyFor *reply = g_new0 (ReplyFor, 1);

  reply->self = g_object_ref (self);
  reply->char_id = g_strdup (self->form_id);
  return reply;
}

static void
reply_for_free (ReplyFor *reply)
{
  g_clear_object (&reply->self);
  g_free (reply->char_id);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReplyFor, reply_for_free)

gboolean
troupe_character_page_shows (TroupeCharacterPage *self,
                               const char            *char_id)
{
  return char_id != NULL && self->character != NULL &&
         g_strcmp0 (self->form_id, char_id) == 0 &&
         g_strcmp0 (convai_character_get_id (self->character), char_id) == 0;
}

static void
draft_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ReplyFor) reply = user_data;
  TroupeCharacterPage *self = reply->self;
  g_autoptr(TroupeCharacterDraft) draft = NULL;
  g_autoptr(GError) error = NULL;

  draft = troupe_draft_store_load_finish (TROUPE_DRAFT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      !troupe_character_page_shows (self, reply->char_id))
    return;
  if (error != NULL)
    {
      troupe_report_error (GTK_WIDGET (self), _("Could not read the unsaved changes kept for this character"), error);
      return;
    }
  /* Edits made while the draft was read are newer than the draft. */
  if (draft == NULL || self->dirty || self->character == NULL ||
      !troupe_character_draft_differs (draft, self->character))
    return;
  troupe_character_draft_free (self->draft);
  self->draft = g_steal_pointer (&draft);
  troupe_character_page_fill_form (self);
  gtk_revealer_set_reveal_child (self->draft_revealer, TRUE);
}

/* The list's copy of a character may be older than the server's (another
 * machine saved it since) or lack fields that only character/get carries.
 * The form follows the server's copy, except in fields the person has
 * already edited; Save then sends only those. */
static void
character_refreshed_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(ReplyFor) reply = user_data;
  TroupeCharacterPage *self = reply->self;
  g_autoptr(ConvaiCharacter) fresh = NULL;
  g_autoptr(TroupeCharacterDraft) server = NULL;
  g_autoptr(GError) error = NULL;

  fresh = convai_client_get_character_finish (CONVAI_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      !troupe_character_page_shows (self, reply->char_id))
    return;
  if (fresh != NULL && g_strcmp0 (convai_character_get_id (fresh), reply->char_id) != 0)
    {
      g_warning ("Asked for character %s, the server sent %s; ignored",
                 reply->char_id, convai_character_get_id (fresh));
      return;
    }
  /* A save left after this was asked for: the reply is older than it. */
  if (self->saves_sent != self->saves_at_refresh)
    return;
  if (error != NULL)
    {
      troupe_report_error (GTK_WIDGET (self), _("Could not fetch the latest version of this "
                                                  "character; the form shows the list’s copy"),
                                          error);
      return;
    }
  server = troupe_character_draft_new_from_character (fresh);
  if (!troupe_character_draft_differs (server, self->character))
    return;
  /* Fields left as they were follow the server; typed ones stay. */
  if (troupe_character_draft_rebase (self->draft, self->character, server))
    troupe_character_page_fill_form (self);
  troupe_character_draft_apply (server, self->character);
  troupe_character_store_renamed (self->store, self->character);
  update_dirty (self);
}

void
troupe_character_page_set_generating (TroupeCharacterPage *self,
                                      gboolean             generating)
{
  if (self->generating == generating)
    return;
  self->generating = generating;
  if (self->busy_count == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
troupe_character_page_set_saving (TroupeCharacterPage *self,
                                  gboolean             saving)
{
  if (self->saving == saving)
    return;
  self->saving = saving;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
}

void
troupe_character_page_stop_generating (TroupeCharacterPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->backstory_view);

  if (self->backstory_stream != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->backstory_stream, self);
      convai_text_stream_cancel (self->backstory_stream);
      g_clear_object (&self->backstory_stream);
    }
  if (!self->generating)
    return;
  troupe_character_page_set_generating (self, FALSE);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_view_set_editable (self->backstory_view, TRUE);
  gtk_spinner_set_spinning (self->generate_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->generate_spinner), FALSE);
  troupe_character_page_update_actions (self);
}

static void
request_refresh (TroupeCharacterPage *self)
{
  ConvaiClient *client = troupe_character_store_get_client (self->store);

  self->saves_at_refresh = self->saves_sent;
  if (client != NULL)
    convai_client_get_character_async (client, self->form_id, self->character_cancellable,
                                       character_refreshed_cb, reply_for_new (self));
}

/* A reload gives the list new objects for the same characters. The form
 * follows its character's id to the new object, so a save renames the row
 * that is shown. The list's copy may lack fields (languages, actions) that
 * the open one has: it takes them over, then the server's full copy is
 * fetched and rebased on as when opening. */
static void
characters_changed_cb (TroupeCharacterPage *self)
{
  ConvaiCharacter *now;
  g_autoptr(TroupeCharacterDraft) known = NULL;

  if (self->character == NULL)
    return;
  now = troupe_character_store_lookup (self->store, self->form_id);
  if (now == NULL || now == self->character)
    return;
  known = troupe_character_draft_new_from_character (self->character);
  troupe_character_draft_apply (known, now);
  g_set_object (&self->character, now);
  if (self->busy_count == 0)
    request_refresh (self);
}

void
troupe_character_page_set_character (TroupeCharacterPage *self,
                                       ConvaiCharacter       *character)
{
  g_return_if_fail (TROUPE_IS_CHARACTER_PAGE (self));
  g_return_if_fail (character == NULL || CONVAI_IS_CHARACTER (character));

  if (self->character == character)
    return;

  troupe_character_page_flush_draft (self);
  troupe_character_page_stop_generating (self);
  troupe_audio_player_stop (self->player);
  g_cancellable_cancel (self->character_cancellable);
  g_clear_object (&self->character_cancellable);
  self->character_cancellable = g_cancellable_new ();

  /* The character, the form and the id the form was filled from change
   * together, and only here. */
  g_set_object (&self->character, character);
  g_clear_pointer (&self->draft, troupe_character_draft_free);
  g_clear_pointer (&self->form_id, g_free);
  if (character != NULL)
    {
      self->draft = troupe_character_draft_new_from_character (character);
      self->form_id = g_strdup (convai_character_get_id (character));
    }
  gtk_revealer_set_reveal_child (self->draft_revealer, FALSE);
  troupe_report_clear (GTK_WIDGET (self));
  /* Another character's edits are not this one's to undo, even when the
   * two backstories read the same and the text is left in place. */
  gtk_text_buffer_begin_irreversible_action (gtk_text_view_get_buffer (self->backstory_view));
  gtk_text_buffer_end_irreversible_action (gtk_text_view_get_buffer (self->backstory_view));
  troupe_character_page_fill_form (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);

  if (character != NULL)
    {
      troupe_draft_store_load_async (self->drafts, self->form_id, self->character_cancellable,
                                     draft_loaded_cb, reply_for_new (self));
      request_refresh (self);
      troupe_recent_characters_touch (troupe_character_store_get_recent (self->store), self->form_id);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHARACTER]);
}

TroupeCharacterPage *
troupe_character_page_new (TroupeContext *context)
{
  TroupeCharacterPage *self;
  TroupeCharacterStore *store;

  g_return_val_if_fail (TROUPE_IS_CONTEXT (context), NULL);

  store = troupe_context_get_characters (context);
  self = g_object_new (TROUPE_TYPE_CHARACTER_PAGE, NULL);
  self->store = g_object_ref (store);
  self->drafts = g_object_ref (troupe_context_get_drafts (context));
  troupe_character_page_replace_voice_model (self);
  g_signal_connect_object (troupe_character_store_get_voices (store), "items-changed",
                           G_CALLBACK (troupe_character_page_voices_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (troupe_character_store_get_languages (store), "items-changed",
                           G_CALLBACK (troupe_character_page_languages_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (troupe_character_store_get_characters (store), "items-changed",
                           G_CALLBACK (characters_changed_cb), self, G_CONNECT_SWAPPED);
  troupe_character_page_languages_changed (self);
  troupe_character_page_update_actions (self);
  return self;
}

static void
player_playing_cb (TroupeCharacterPage *self)
{
  gboolean playing = troupe_audio_player_get_playing (self->player);
  const char *what = playing ? _("Stop the Sample") : _("Play a Sample of the Voice");

  gtk_button_set_icon_name (self->preview_button,
                            playing ? "media-playback-stop-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->preview_button), what);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->preview_button), GTK_ACCESSIBLE_PROPERTY_LABEL, what, -1);
  troupe_character_page_update_actions (self);
}

static void
player_finished_cb (TroupeCharacterPage *self,
                    const GError          *error)
{
  if (error != NULL)
    troupe_report_error (GTK_WIDGET (self), _("Could not play the voice sample"), error);
}

/* ---- TroupePage: the view's Save, Stop Saving and Revert are ours ---- */

static void
page_save (TroupePage *page)
{
  gtk_widget_activate_action (GTK_WIDGET (page), "character.save", NULL);
}

static void
page_stop_saving (TroupePage *page)
{
  gtk_widget_activate_action (GTK_WIDGET (page), "character.stop-saving", NULL);
}

static void
page_discard (TroupePage *page)
{
  gtk_widget_activate_action (GTK_WIDGET (page), "character.revert", NULL);
}

static void
page_keep_draft (TroupePage *page,
                 gboolean    blocking)
{
  if (blocking)
    troupe_character_page_flush_draft_now (TROUPE_CHARACTER_PAGE (page));
  else
    troupe_character_page_flush_draft (TROUPE_CHARACTER_PAGE (page));
}

static void
troupe_character_page_page_init (TroupePageInterface *iface)
{
  iface->save = page_save;
  iface->stop_saving = page_stop_saving;
  iface->discard = page_discard;
  iface->keep_draft = page_keep_draft;
}

static void
troupe_character_page_dispose (GObject *object)
{
  TroupeCharacterPage *self = TROUPE_CHARACTER_PAGE (object);

  if (self->drafts != NULL)
    troupe_character_page_flush_draft (self);
  if (self->backstory_view != NULL)
    troupe_character_page_stop_generating (self);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->character_cancellable);
  g_clear_handle_id (&self->draft_timeout, g_source_remove);
  g_clear_handle_id (&self->voice_sync_idle, g_source_remove);
  if (self->player != NULL)
    troupe_audio_player_stop (self->player);

  gtk_widget_dispose_template (GTK_WIDGET (self), TROUPE_TYPE_CHARACTER_PAGE);
  g_clear_object (&self->player);
  g_clear_object (&self->voices);
  g_clear_object (&self->voice_filter);
  g_clear_object (&self->character);
  g_clear_object (&self->store);
  g_clear_object (&self->drafts);

  G_OBJECT_CLASS (troupe_character_page_parent_class)->dispose (object);
}

static void
troupe_character_page_finalize (GObject *object)
{
  TroupeCharacterPage *self = TROUPE_CHARACTER_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->character_cancellable);
  g_clear_object (&self->save_cancellable);
  g_clear_pointer (&self->draft, troupe_character_draft_free);
  g_clear_pointer (&self->form_id, g_free);
  g_clear_pointer (&self->filtered_codes, g_strfreev);
  g_clear_pointer (&self->language_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (troupe_character_page_parent_class)->finalize (object);
}

static void
troupe_character_page_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TroupeCharacterPage *self = TROUPE_CHARACTER_PAGE (object);

  switch (prop_id)
    {
    case PROP_CHARACTER: g_value_set_object (value, self->character); break;
    case PROP_DIRTY: g_value_set_boolean (value, self->dirty); break;
    case PROP_BUSY: g_value_set_boolean (value, troupe_character_page_get_busy (self)); break;
    case PROP_SAVING: g_value_set_boolean (value, self->saving); break;
    case PROP_TITLE: g_value_set_string (value, self->draft != NULL ? self->draft->name : NULL); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_character_page_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  TroupeCharacterPage *self = TROUPE_CHARACTER_PAGE (object);

  switch (prop_id)
    {
    case PROP_CHARACTER:
      troupe_character_page_set_character (self, g_value_get_object (value));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_character_page_class_init (TroupeCharacterPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = troupe_character_page_dispose;
  object_class->finalize = troupe_character_page_finalize;
  object_class->get_property = troupe_character_page_get_property;
  object_class->set_property = troupe_character_page_set_property;

  g_object_class_override_property (object_class, PROP_CHARACTER, "character");
  g_object_class_override_property (object_class, PROP_DIRTY, "dirty");
  g_object_class_override_property (object_class, PROP_BUSY, "busy");
  g_object_class_override_property (object_class, PROP_SAVING, "saving");
  g_object_class_override_property (object_class, PROP_TITLE, "title");
  properties[PROP_CHARACTER] = g_object_class_find_property (object_class, "character");
  properties[PROP_DIRTY] = g_object_class_find_property (object_class, "dirty");
  properties[PROP_BUSY] = g_object_class_find_property (object_class, "busy");
  properties[PROP_SAVING] = g_object_class_find_property (object_class, "saving");
  properties[PROP_TITLE] = g_object_class_find_property (object_class, "title");

  signals[OPEN_REQUESTED] = g_signal_new ("open-requested",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, CONVAI_TYPE_CHARACTER);
  signals[DELETED] = g_signal_new ("deleted",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/troupe/Troupe/troupe-character-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TroupeCharacterPage, actions_list);
  gtk_widget_class_bind_template_child (widget_class, TroupeCharacterPage, backstory_view);
  gtk_widget_class_bind_template_child (widget_class, TroupeCharacterPage, draft_label);
  gtk_widget_class_bind_template_child (widget_class, TroupeCharacterPage, draft_revealer);
  gtk_widget_class_bind_template_child (widget_class, TroupeCharacterPage, generate_button);
  gtk_widget_class_bind_template_child (widget_class, TroupeCharacterPage, generate_spinner);
  gtk_widget_class_bind_template_child (widget_class, TroupeCharacterPage, languages_row);
  gtk_widget_class_bind_template_child (widget_class, TroupeCharacterPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, TroupeCharacterPage, preview_button);
  gtk_widget_class_bind_template_child (widget_class, TroupeCharacterPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, TroupeCharacterPage, voice_row);
  gtk_widget_class_bind_template_child (widget_class, TroupeCharacterPage, word_count_label);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "voice_selected_cb",
                                                G_CALLBACK (troupe_character_page_voice_selected));

  troupe_character_page_class_init_actions (widget_class);

}

static void
troupe_character_page_init (TroupeCharacterPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->character_cancellable = g_cancellable_new ();
  self->language_checks = g_ptr_array_new ();
  self->player = troupe_audio_player_new ();
  g_signal_connect_object (self->player, "notify::playing", G_CALLBACK (player_playing_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->player, "finished", G_CALLBACK (player_finished_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->backstory_view), "changed",
                           G_CALLBACK (backstory_changed_cb), self, G_CONNECT_SWAPPED);
  troupe_character_page_setup_voices (self);
  troupe_character_page_rebuild_actions (self);
  update_title (self);
}
