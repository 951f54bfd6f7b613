/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The rows the form builds in code: one per language the account offers
 * (a check each) and one per action (move up, move down, remove). */
#define G_LOG_DOMAIN "troupe-character-page"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-character-page-private.h"

/* ---- languages ---- */

static char *
language_names (TroupeCharacterPage *self)
{
  GListModel *languages = troupe_character_store_get_languages (self->store);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; self->draft != NULL && self->draft->language_codes[i] != NULL; i++)
    {
      const char *code = self->draft->language_codes[i];
      const char *shown = code;

      for (guint j = 0; j < g_list_model_get_n_items (languages); j++)
        {
          g_autoptr(ConvaiLanguage) language = g_list_model_get_item (languages, j);

          if (g_str_equal (convai_language_get_code (language), code))
            shown = convai_language_get_name (language);
        }
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, shown);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* One to four languages: the last checked one cannot be unchecked, and
 * nothing more can be checked once four are. */
static void
update_language_limits (TroupeCharacterPage *self)
{
  guint n_checked = self->draft != NULL ? g_strv_length (self->draft->language_codes) : 0;
  g_autofree char *names = language_names (self);

  for (guint i = 0; i < self->language_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->language_checks, i);
      gboolean active = gtk_check_button_get_active (check);

      gtk_widget_set_sensitive (GTK_WIDGET (check),
                                active ? n_checked > 1 : n_checked < 4);
    }
  adw_expander_row_set_subtitle (self->languages_row, *names != '\0' ? names : _("None chosen"));
}

static void
language_toggled_cb (TroupeCharacterPage *self,
                     GtkCheckButton        *check)
{
  const char *code = g_object_get_data (G_OBJECT (check), "troupe-language-code");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean active = gtk_check_button_get_active (check);

  if (self->filling || self->draft == NULL)
    return;
  /* The order the user chose in stays: the first is the main language. */
  for (guint i = 0; self->draft->language_codes[i] != NULL; i++)
    if (!g_str_equal (self->draft->language_codes[i], code))
      g_strv_builder_add (builder, self->draft->language_codes[i]);
  if (active)
    g_strv_builder_add (builder, code);
  g_strfreev (self->draft->language_codes);
  self->draft->language_codes = g_strv_builder_end (builder);

  update_language_limits (self);
  troupe_character_page_refilter_voices (self);
  troupe_character_page_form_changed (self);
}

void
troupe_character_page_sync_language_checks (TroupeCharacterPage *self)
{
  for (guint i = 0; i < self->language_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->language_checks, i);
      const char *code = g_object_get_data (G_OBJECT (check), "troupe-language-code");

      gtk_check_button_set_active (check, self->draft != NULL &&
                                   g_strv_contains ((const char * const *) self->draft->language_codes, code));
    }
  update_language_limits (self);
}

void
troupe_character_page_languages_changed (TroupeCharacterPage *self)
{
  GListModel *languages = troupe_character_store_get_languages (self->store);
  gboolean was_filling = self->filling;

  for (guint i = 0; i < self->language_checks->len; i++)
    {
      GtkWidget *row = gtk_widget_get_ancestor (g_ptr_array_index (self->language_checks, i),
                                                ADW_TYPE_ACTION_ROW);

      adw_expander_row_remove (self->languages_row, row);
    }
  g_ptr_array_set_size (self->language_checks, 0);

  for (guint i = 0; i < g_list_model_get_n_items (languages); i++)
    {
      g_autoptr(ConvaiLanguage) language = g_list_model_get_item (languages, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), convai_language_get_name (language));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), convai_language_get_code (language));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (check), "troupe-language-code",
                              g_strdup (convai_language_get_code (language)), g_free);
      g_signal_connect_object (check, "toggled", G_CALLBACK (language_toggled_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (self->languages_row, row);
      g_ptr_array_add (self->language_checks, check);
    }
  self->filling = TRUE;
  troupe_character_page_sync_language_checks (self);
  self->filling = was_filling;
}

/* ---- actions ---- */

static GtkWidget *
action_button (const char *icon_name,
               const char *tooltip,
               const char *action_name,
               int         index,
               gboolean    sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", index);
  gtk_widget_set_sensitive (button, sensitive);
  return button;
}

static void
new_action_apply_cb (TroupeCharacterPage *self,
                     AdwEntryRow           *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  gtk_widget_activate_action (GTK_WIDGET (self), "character.add-action", "s", text);
}

void
troupe_character_page_rebuild_actions (TroupeCharacterPage *self)
{
  GtkWidget *child;
  GtkWidget *new_row = NULL;
  guint n = self->draft != NULL ? g_strv_length (self->draft->actions) : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_list))) != NULL)
    {
      if (ADW_IS_ENTRY_ROW (child))
        {
          new_row = g_object_ref (child);
        }
      gtk_list_box_remove (self->actions_list, child);
    }

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), self->draft->actions[i]);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 action_button ("go-up-symbolic", _("Move Up"), "character.move-action-up", i, i > 0));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 action_button ("go-down-symbolic", _("Move Down"), "character.move-action-down", i, i + 1 < n));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 action_button ("user-trash-symbolic", _("Remove"), "character.remove-action", i, TRUE));
      gtk_list_box_append (self->actions_list, row);
    }

  if (new_row == NULL)
    {
      new_row = g_object_ref_sink (adw_entry_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (new_row), _("Add an action"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (new_row), FALSE);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (new_row), TRUE);
      g_signal_connect_object (new_row, "apply", G_CALLBACK (new_action_apply_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (new_row, "entry-activated", G_CALLBACK (new_action_apply_cb), self, G_CONNECT_SWAPPED);
    }
  gtk_list_box_append (self->actions_list, new_row);
  g_object_unref (new_row);
}
