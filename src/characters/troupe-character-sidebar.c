/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-character-sidebar"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "troupe-accessible.h"
#include "troupe-character-sidebar.h"
#include "troupe-display-name.h"
#include "troupe-list-page.h"

struct _TroupeCharacterSidebar
{
  AdwBin                parent_instance;

  TroupeCharacterStore *store;
  GtkSortListModel     *sorted;
  GtkFilterListModel   *filtered;
  GtkStringFilter      *filter;
  GtkSingleSelection   *selection;
  GSignalGroup         *store_signals;
  TroupeDraftStore     *drafts;
  GHashTable           *bound_rows;  /* char_id -> GtkListItem on screen */
  char                 *chosen_id;   /* the character the selection stands for */
  gboolean              selecting;   /* a programmatic selection */
  gboolean              offline;     /* the connection failed */

  /* Template widgets */
  TroupeListPage       *list_page;
  GtkListView          *list_view;
};

G_DEFINE_FINAL_TYPE (TroupeCharacterSidebar, troupe_character_sidebar, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  CHARACTER_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
choose_state (TroupeCharacterSidebar *self)
{
  TroupeStore *store = TROUPE_STORE (self->store);
  GListModel *all;

  if (store == NULL)
    return "loading";
  all = troupe_character_store_get_characters (self->store);
  if (g_list_model_get_n_items (all) > 0)
    return g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0 ? "list" : "no-results";
  if (troupe_store_get_error_message (store) != NULL)
    return "error";
  /* Nothing is on its way: a spinner would wait forever. */
  if (self->offline)
    return "offline";
  if (troupe_store_get_loading (store) || !troupe_store_get_loaded (store))
    return "loading";
  return "empty";
}

static char *
loading_text (TroupeCharacterSidebar *self)
{
  ConvaiClient *client = self->store != NULL ? troupe_store_get_client (TROUPE_STORE (self->store)) : NULL;
  g_autoptr(GUri) uri = client != NULL ? g_uri_parse (convai_client_get_base_url (client), G_URI_FLAGS_NONE, NULL) : NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (_("Loading characters…"));
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf (_("Loading characters from %s:%d…"), g_uri_get_host (uri), g_uri_get_port (uri));
  return g_strdup_printf (_("Loading characters from %s…"), g_uri_get_host (uri));
}

static void
update_state (TroupeCharacterSidebar *self)
{
  const char *state = choose_state (self);

  if (g_str_equal (state, "no-results"))
    {
      g_autofree char *description =
        g_strdup_printf (_("No character’s name contains “%s”."),
                         troupe_list_page_get_search_text (self->list_page));

      troupe_list_page_set_no_results_description (self->list_page, description);
    }
  else if (g_str_equal (state, "error"))
    troupe_list_page_set_error_message (self->list_page,
                                        troupe_store_get_error_message (TROUPE_STORE (self->store)));
  else if (g_str_equal (state, "loading"))
    {
      g_autofree char *text = loading_text (self);

      troupe_list_page_set_loading_text (self->list_page, text);
    }
  /* Only a real load can be stopped; with no client nothing is running. */
  troupe_list_page_set_can_cancel (self->list_page,
                                   self->store != NULL && troupe_store_get_loading (TROUPE_STORE (self->store)));
  troupe_list_page_set_state (self->list_page, state);
}

void
troupe_character_sidebar_set_offline (TroupeCharacterSidebar *self,
                                      gboolean                offline)
{
  g_return_if_fail (TROUPE_IS_CHARACTER_SIDEBAR (self));

  self->offline = !!offline;
  update_state (self);
}

const char *
troupe_character_sidebar_get_state (TroupeCharacterSidebar *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_SIDEBAR (self), NULL);

  return troupe_list_page_get_state (self->list_page);
}

/* GtkSingleSelection also notifies when the model changes under it: when
 * the selected row moves (a re-sort, an insertion above it) or goes away (a
 * reload, a search). None of those is a person choosing a character, and
 * taking one for a choice re-opened the previous character in the middle of
 * opening another. Only a selection of another character is a choice. */
static void
selection_changed_cb (TroupeCharacterSidebar *self)
{
  ConvaiCharacter *character = gtk_single_selection_get_selected_item (self->selection);

  if (self->selecting || character == NULL ||
      g_strcmp0 (convai_character_get_id (character), self->chosen_id) == 0)
    return;
  g_free (self->chosen_id);
  self->chosen_id = g_strdup (convai_character_get_id (character));
  g_signal_emit (self, signals[CHARACTER_ACTIVATED], 0, character);
}

static guint
find_shown (TroupeCharacterSidebar *self,
            const char             *char_id)
{
  GListModel *model = G_LIST_MODEL (self->filtered);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; char_id != NULL && i < n; i++)
    {
      g_autoptr(ConvaiCharacter) character = g_list_model_get_item (model, i);

      if (g_strcmp0 (convai_character_get_id (character), char_id) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* After a reload (new objects for the same characters) or the end of a
 * search, the open character's row is selected again. */
static void
reselect_chosen (TroupeCharacterSidebar *self)
{
  guint position;

  if (self->chosen_id == NULL ||
      gtk_single_selection_get_selected (self->selection) != GTK_INVALID_LIST_POSITION)
    return;
  position = find_shown (self, self->chosen_id);
  if (position == GTK_INVALID_LIST_POSITION)
    return;
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting = FALSE;
}

static void
shown_items_changed_cb (TroupeCharacterSidebar *self)
{
  reselect_chosen (self);
  update_state (self);
}

static void
list_activate_cb (TroupeCharacterSidebar *self,
                  guint                   position)
{
  g_autoptr(ConvaiCharacter) character = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (character != NULL)
    g_signal_emit (self, signals[CHARACTER_ACTIVATED], 0, character);
}

void
troupe_character_sidebar_select (TroupeCharacterSidebar *self,
                                 const char             *char_id)
{
  guint position;

  g_return_if_fail (TROUPE_IS_CHARACTER_SIDEBAR (self));

  g_free (self->chosen_id);
  self->chosen_id = g_strdup (char_id);
  position = find_shown (self, char_id);
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting = FALSE;
  /* A new character or a clone may be far from the row clicked last. */
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

const char *
troupe_character_sidebar_get_loading_text (TroupeCharacterSidebar *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_SIDEBAR (self), NULL);

  return troupe_list_page_get_loading_text (self->list_page);
}

gboolean
troupe_character_sidebar_offers_cancel (TroupeCharacterSidebar *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_SIDEBAR (self), FALSE);

  return troupe_list_page_offers_cancel (self->list_page);
}

static void
search_changed_cb (TroupeCharacterSidebar *self)
{
  gtk_string_filter_set_search (self->filter, troupe_list_page_get_search_text (self->list_page));
}

/* Enter in the search opens the first match, as in GNOME Settings. */
static void
search_activated_cb (TroupeCharacterSidebar *self)
{
  g_autoptr(ConvaiCharacter) first = g_list_model_get_item (G_LIST_MODEL (self->filtered), 0);

  if (first != NULL)
    g_signal_emit (self, signals[CHARACTER_ACTIVATED], 0, first);
}

void
troupe_character_sidebar_focus_search (TroupeCharacterSidebar *self)
{
  g_return_if_fail (TROUPE_IS_CHARACTER_SIDEBAR (self));

  troupe_list_page_focus_search (self->list_page);
}

void
troupe_character_sidebar_set_search (TroupeCharacterSidebar *self,
                                     const char             *text)
{
  g_return_if_fail (TROUPE_IS_CHARACTER_SIDEBAR (self));

  troupe_list_page_set_search_text (self->list_page, text);
  /* The entry reports a change after a short delay; the filter follows now. */
  gtk_string_filter_set_search (self->filter, text);
}

GListModel *
troupe_character_sidebar_get_model (TroupeCharacterSidebar *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_SIDEBAR (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

GtkListView *
troupe_character_sidebar_get_list_view (TroupeCharacterSidebar *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_SIDEBAR (self), NULL);

  return self->list_view;
}

TroupeCharacterStore *
troupe_character_sidebar_get_store (TroupeCharacterSidebar *self)
{
  g_return_val_if_fail (TROUPE_IS_CHARACTER_SIDEBAR (self), NULL);

  return self->store;
}

void
troupe_character_sidebar_set_store (TroupeCharacterSidebar *self,
                                    TroupeCharacterStore   *store)
{
  g_return_if_fail (TROUPE_IS_CHARACTER_SIDEBAR (self));
  g_return_if_fail (store == NULL || TROUPE_IS_CHARACTER_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  g_signal_group_set_target (self->store_signals, store);
  gtk_sort_list_model_set_sorter (self->sorted, store ? troupe_character_store_get_sorter (store) : NULL);
  gtk_sort_list_model_set_model (self->sorted, store ? troupe_character_store_get_characters (store) : NULL);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

TroupeCharacterSidebar *
troupe_character_sidebar_new (TroupeCharacterStore *store)
{
  return g_object_new (TROUPE_TYPE_CHARACTER_SIDEBAR, "store", store, NULL);
}

/* Rows are built in code, not from a builder factory: with 10,000 rows
 * every bind counts while scrolling. A row: [name / summary] [Draft], the
 * Draft mark made only for the rare row that needs it, since GTK 4.8's list
 * view keeps some two hundred rows and each widget costs its style. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *summary = gtk_label_new (NULL);

  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_label_set_ellipsize (GTK_LABEL (summary), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (summary), TRUE);
  gtk_widget_add_css_class (summary, "dim-label");
  gtk_widget_add_css_class (summary, "caption");
  gtk_box_append (GTK_BOX (text), name);
  gtk_box_append (GTK_BOX (text), summary);
  gtk_box_append (GTK_BOX (row), text);
  gtk_list_item_set_child (item, row);
}

/* The row's Draft mark, or NULL when it never needed one. */
static GtkWidget *
row_draft_label (GtkListItem *item)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *last = gtk_widget_get_last_child (row);

  return last != gtk_widget_get_first_child (row) ? last : NULL;
}

static void
row_show_draft (GtkListItem *item,
                gboolean     shown)
{
  GtkWidget *draft = row_draft_label (item);

  if (draft == NULL && !shown)
    return;
  if (draft == NULL)
    {
      draft = gtk_label_new (_("Draft"));
      gtk_widget_set_valign (draft, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (draft, _("Unsaved changes are kept for this character"));
      gtk_widget_add_css_class (draft, "caption");
      gtk_widget_add_css_class (draft, "accent");
      gtk_box_append (GTK_BOX (gtk_list_item_get_child (item)), draft);
    }
  gtk_widget_set_visible (draft, shown);
}

/* The first line of the backstory, short: enough to tell two similar
 * names apart without laying out a whole paragraph per row. */
static char *
summary_of (ConvaiCharacter *character)
{
  const char *backstory = convai_character_get_backstory (character) ?: "";
  const char *end = strchr (backstory, '\n');
  gsize length = end != NULL ? (gsize) (end - backstory) : strlen (backstory);
  const char *cut;

  if (length > 120)
    {
      cut = g_utf8_find_prev_char (backstory, backstory + 120);
      length = cut != NULL ? (gsize) (cut - backstory) : 0;
    }
  return g_strndup (backstory, length);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             TroupeCharacterSidebar   *self)
{
  ConvaiCharacter *character = gtk_list_item_get_item (item);
  GtkWidget *text = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *name = gtk_widget_get_first_child (text);
  GtkWidget *summary = gtk_widget_get_next_sibling (name);
  g_autofree char *first_line = summary_of (character);
  const char *title = convai_character_get_name (character);
  const char *id = convai_character_get_id (character);

  const char *shown = troupe_display_name (title);

  gtk_label_set_text (GTK_LABEL (name), shown);
  troupe_accessible_name_list_row (item, shown);
  gtk_label_set_text (GTK_LABEL (summary), first_line);
  gtk_widget_set_visible (summary, *first_line != '\0');
  row_show_draft (item, self->drafts != NULL && troupe_draft_store_has_draft (self->drafts, id));
  if (id != NULL)
    g_hash_table_insert (self->bound_rows, g_strdup (id), item);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               TroupeCharacterSidebar   *self)
{
  ConvaiCharacter *character = gtk_list_item_get_item (item);
  const char *id = character != NULL ? convai_character_get_id (character) : NULL;

  if (id != NULL && g_hash_table_lookup (self->bound_rows, id) == item)
    g_hash_table_remove (self->bound_rows, id);
}

/* Only the row on screen, if any, changes: no items-changed for 10,000. */
static void
draft_changed_cb (TroupeCharacterSidebar *self,
                  const char             *char_id)
{
  GtkListItem *item = g_hash_table_lookup (self->bound_rows, char_id);

  if (item != NULL)
    row_show_draft (item, troupe_draft_store_has_draft (self->drafts, char_id));
}

void
troupe_character_sidebar_set_drafts (TroupeCharacterSidebar *self,
                                     TroupeDraftStore       *drafts)
{
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (TROUPE_IS_CHARACTER_SIDEBAR (self));
  g_return_if_fail (drafts == NULL || TROUPE_IS_DRAFT_STORE (drafts));

  if (self->drafts != NULL)
    g_signal_handlers_disconnect_by_func (self->drafts, draft_changed_cb, self);
  g_set_object (&self->drafts, drafts);
  if (drafts != NULL)
    g_signal_connect_object (drafts, "changed", G_CALLBACK (draft_changed_cb), self, G_CONNECT_SWAPPED);
  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    draft_changed_cb (self, key);
}

gboolean
troupe_character_sidebar_row_shows_draft (TroupeCharacterSidebar *self,
                                          const char             *char_id)
{
  GtkListItem *item;

  g_return_val_if_fail (TROUPE_IS_CHARACTER_SIDEBAR (self), FALSE);

  item = g_hash_table_lookup (self->bound_rows, char_id);
  return item != NULL && row_draft_label (item) != NULL && gtk_widget_get_visible (row_draft_label (item));
}

static void
retry_cb (TroupeCharacterSidebar *self)
{
  if (self->store != NULL)
    troupe_store_reload (TROUPE_STORE (self->store));
}

static void
cancel_load_cb (TroupeCharacterSidebar *self)
{
  if (self->store != NULL)
    troupe_store_cancel_load (TROUPE_STORE (self->store));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  retry_cb (TROUPE_CHARACTER_SIDEBAR (widget));
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  cancel_load_cb (TROUPE_CHARACTER_SIDEBAR (widget));
}

static void
troupe_character_sidebar_dispose (GObject *object)
{
  TroupeCharacterSidebar *self = TROUPE_CHARACTER_SIDEBAR (object);

  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  /* The list page is both AdwBin's child and a template child: AdwBin lets
   * go of it first, or it would unparent a widget the template freed. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TROUPE_TYPE_CHARACTER_SIDEBAR);
  g_clear_object (&self->store_signals);
  if (self->drafts != NULL)
    g_signal_handlers_disconnect_by_func (self->drafts, draft_changed_cb, self);
  g_clear_object (&self->drafts);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  self->sorted = NULL;
  self->filter = NULL;
  g_clear_object (&self->store);

  G_OBJECT_CLASS (troupe_character_sidebar_parent_class)->dispose (object);
}

static void
troupe_character_sidebar_finalize (GObject *object)
{
  TroupeCharacterSidebar *self = TROUPE_CHARACTER_SIDEBAR (object);

  g_clear_pointer (&self->bound_rows, g_hash_table_unref);
  g_clear_pointer (&self->chosen_id, g_free);

  G_OBJECT_CLASS (troupe_character_sidebar_parent_class)->finalize (object);
}

static void
troupe_character_sidebar_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  TroupeCharacterSidebar *self = TROUPE_CHARACTER_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_character_sidebar_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  TroupeCharacterSidebar *self = TROUPE_CHARACTER_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_STORE: troupe_character_sidebar_set_store (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_character_sidebar_class_init (TroupeCharacterSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = troupe_character_sidebar_dispose;
  object_class->finalize = troupe_character_sidebar_finalize;
  object_class->get_property = troupe_character_sidebar_get_property;
  object_class->set_property = troupe_character_sidebar_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, TROUPE_TYPE_CHARACTER_STORE,
                                                G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHARACTER_ACTIVATED] = g_signal_new ("character-activated",
                                               G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 1, CONVAI_TYPE_CHARACTER);

  g_type_ensure (TROUPE_TYPE_LIST_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/troupe/Troupe/troupe-character-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, TroupeCharacterSidebar, list_page);
  gtk_widget_class_bind_template_child (widget_class, TroupeCharacterSidebar, list_view);
  gtk_widget_class_bind_template_callback (widget_class, cancel_load_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);

  gtk_widget_class_install_action (widget_class, "sidebar.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "sidebar.cancel-load", NULL, cancel_load_action);
}

static void
troupe_character_sidebar_init (TroupeCharacterSidebar *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkExpression *name = gtk_property_expression_new (CONVAI_TYPE_CHARACTER, NULL, "name");

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_string_filter_new (name);
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  self->sorted = gtk_sort_list_model_new (NULL, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (self->sorted), GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  /* After the selection's own handler, so the selection is up to date. */
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (shown_items_changed_cb), self, G_CONNECT_SWAPPED);

  self->bound_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  self->store_signals = g_signal_group_new (TROUPE_TYPE_CHARACTER_STORE);
  g_signal_group_connect_object (self->store_signals, "notify::loading",
                                 G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  /* Another server: the loading page names it. */
  g_signal_group_connect_object (self->store_signals, "notify::client",
                                 G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->store_signals, "notify::loaded",
                                 G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->store_signals, "notify::error-message",
                                 G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  update_state (self);
}
