/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Voice row: the voices that speak the form's languages, by section,
 * and the one chosen. */
#define G_LOG_DOMAIN "troupe-character-page"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-accessible.h"
#include "troupe-character-page-private.h"

static gboolean
voice_speaks_draft_language (gpointer item,
                             gpointer user_data)
{
  TroupeCharacterPage *self = user_data;
  ConvaiVoice *voice = item;
  const char * const *codes = convai_voice_get_lang_codes (voice);

  if (!convai_voice_is_production (voice))
    return FALSE;
  if (self->draft == NULL || self->draft->language_codes[0] == NULL)
    return TRUE;
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    if (g_strv_contains ((const char * const *) self->draft->language_codes, codes[i]))
      return TRUE;
  return FALSE;
}

/* Shows the draft's voice in the row, or says why it cannot. */
static void
sync_voice_row (TroupeCharacterPage *self)
{
  GListModel *model = G_LIST_MODEL (self->voices);
  const char *wanted = self->draft != NULL ? self->draft->voice_type : NULL;
  guint n = g_list_model_get_n_items (model);
  guint position = GTK_INVALID_LIST_POSITION;
  gboolean was_filling = self->filling;

  for (guint i = 0; wanted != NULL && i < n; i++)
    {
      g_autoptr(ConvaiVoice) voice = g_list_model_get_item (model, i);

      if (g_strcmp0 (convai_voice_get_voice_value (voice), wanted) == 0)
        {
          position = i;
          break;
        }
    }
  self->filling = TRUE;
  adw_combo_row_set_selected (self->voice_row, position);
  self->filling = was_filling;

  if (position != GTK_INVALID_LIST_POSITION || wanted == NULL || *wanted == '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->voice_row), NULL);
  else if (n == 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->voice_row), wanted);
  else
    {
      g_autofree char *text = g_strdup_printf (_("“%s” is not offered for these languages; pick another."), wanted);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->voice_row), text);
    }
  troupe_character_page_update_actions (self);
}

void
troupe_character_page_voice_selected (TroupeCharacterPage *self)
{
  ConvaiVoice *voice = troupe_character_page_selected_voice (self);

  troupe_character_page_update_actions (self);
  if (self->filling || self->draft == NULL || voice == NULL)
    return;
  if (g_strcmp0 (self->draft->voice_type, convai_voice_get_voice_value (voice)) == 0)
    return;
  g_free (self->draft->voice_type);
  self->draft->voice_type = g_strdup (convai_voice_get_voice_value (voice));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->voice_row), NULL);
  troupe_character_page_form_changed (self);
}

static gboolean
sync_voice_row_idle_cb (gpointer user_data)
{
  TroupeCharacterPage *self = user_data;

  self->voice_sync_idle = 0;
  sync_voice_row (self);
  return G_SOURCE_REMOVE;
}

/* Not at once: selecting in the combo row in the same turn as its model
 * changed leaves GTK 4.8's popup list in a state that crashes when it is
 * torn down. High priority: it still happens before the next frame. */
static void
schedule_voice_sync (TroupeCharacterPage *self)
{
  if (self->voice_sync_idle == 0)
    self->voice_sync_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, sync_voice_row_idle_cb, self, NULL);
}

void
troupe_character_page_voices_changed (TroupeCharacterPage *self)
{
  troupe_character_page_replace_voice_model (self);
  schedule_voice_sync (self);
}

/* A new filtered model rather than gtk_filter_changed(): GTK 4.8's combo
 * popup crashed at teardown after its filter changed under a selection. */
void
troupe_character_page_replace_voice_model (TroupeCharacterPage *self)
{
  GListModel *all = self->store != NULL ? troupe_character_store_get_voices (self->store) : NULL;
  gboolean was_filling = self->filling;

  g_clear_object (&self->voices);
  self->voices = gtk_filter_list_model_new (all != NULL ? g_object_ref (all) : NULL,
                                            GTK_FILTER (g_object_ref (self->voice_filter)));
  self->filling = TRUE;
  adw_combo_row_set_model (self->voice_row, G_LIST_MODEL (self->voices));
  self->filling = was_filling;
}

/* Filters the voices for the draft's languages when those changed since
 * the last time, then shows the draft's voice. */
void
troupe_character_page_refilter_voices (TroupeCharacterPage *self)
{
  char **codes = self->draft != NULL ? self->draft->language_codes : NULL;
  static const char * const none[] = { NULL };

  if (g_strv_equal ((const char * const *) (self->filtered_codes ? self->filtered_codes : (char **) none),
                    (const char * const *) (codes ? codes : (char **) none)))
    {
      if (self->voice_sync_idle == 0)
        sync_voice_row (self);
      return;
    }
  g_strfreev (self->filtered_codes);
  self->filtered_codes = g_strdupv (codes);
  troupe_character_page_replace_voice_model (self);
  sync_voice_row (self);
}

static void
setup_voice_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *section = gtk_label_new (NULL);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (section), 0);
  gtk_widget_add_css_class (section, "troupe-voice-section");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_widget_add_css_class (details, "dim-label");
  gtk_widget_add_css_class (details, "caption");
  gtk_box_append (GTK_BOX (box), section);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), details);
  gtk_list_item_set_child (item, box);
}

/* The popup has no sections in GTK 4.8: a voice that starts a section
 * carries the section's heading above it. */
static void
bind_voice_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               TroupeCharacterPage    *self)
{
  GListModel *model = G_LIST_MODEL (self->voices);
  ConvaiVoice *voice = gtk_list_item_get_item (item);
  GtkWidget *section = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *name = gtk_widget_get_next_sibling (section);
  GtkWidget *details = gtk_widget_get_next_sibling (name);
  guint position = gtk_list_item_get_position (item);
  g_autoptr(ConvaiVoice) previous = position > 0 ? g_list_model_get_item (model, position - 1) : NULL;
  const char * const *codes = convai_voice_get_lang_codes (voice);
  g_autofree char *languages = codes != NULL ? g_strjoinv (", ", (char **) codes) : g_strdup ("");
  g_autofree char *text = NULL;
  gboolean starts_section = previous == NULL ||
    g_strcmp0 (convai_voice_get_section (previous), convai_voice_get_section (voice)) != 0;

  gtk_label_set_text (GTK_LABEL (section), convai_voice_get_section (voice));
  gtk_widget_set_visible (section, starts_section);
  gtk_label_set_text (GTK_LABEL (name), convai_voice_get_name (voice));
  troupe_accessible_name_list_row (item, convai_voice_get_name (voice));
  if (convai_voice_get_gender (voice) != NULL && *languages != '\0')
    text = g_strdup_printf ("%s · %s", convai_voice_get_gender (voice), languages);
  else
    text = g_strdup (*languages != '\0' ? languages : convai_voice_get_gender (voice));
  gtk_label_set_text (GTK_LABEL (details), text);
  gtk_widget_set_visible (details, text != NULL && *text != '\0');
}

/* The chosen voice, shown in the row itself. */
static void
setup_chosen_voice_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item)
{
  GtkWidget *name = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, name);
}

static void
bind_chosen_voice_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item)
{
  const char *name = convai_voice_get_name (gtk_list_item_get_item (item));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), name);
  troupe_accessible_name_list_row (item, name);
}

void
troupe_character_page_setup_voices (TroupeCharacterPage *self)
{
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) chosen_factory = gtk_signal_list_item_factory_new ();

  self->voice_filter = gtk_custom_filter_new (voice_speaks_draft_language, self, NULL);
  g_signal_connect (list_factory, "setup", G_CALLBACK (setup_voice_cb), NULL);
  g_signal_connect_object (list_factory, "bind", G_CALLBACK (bind_voice_cb), self, 0);
  adw_combo_row_set_expression (self->voice_row,
                                gtk_property_expression_new (CONVAI_TYPE_VOICE, NULL, "name"));
  adw_combo_row_set_list_factory (self->voice_row, list_factory);
  g_signal_connect (chosen_factory, "setup", G_CALLBACK (setup_chosen_voice_cb), NULL);
  g_signal_connect (chosen_factory, "bind", G_CALLBACK (bind_chosen_voice_cb), NULL);
  adw_combo_row_set_factory (self->voice_row, chosen_factory);
  troupe_character_page_replace_voice_model (self);
}
