/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-history-page"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-accessible.h"
#include "troupe-display-name.h"
#include "troupe-history-page-private.h"
#include "troupe-report.h"

static void page_iface_init (TroupePageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TroupeHistoryPage, troupe_history_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (TROUPE_TYPE_PAGE, page_iface_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_STATE,
  PROP_CHARACTER,
  PROP_DIRTY,
  PROP_BUSY,
  PROP_SAVING,
  PROP_TITLE,
  PROP_SEARCH_EVERYONE,
  PROP_TRIGGERS_ONLY,
  PROP_DATE_RANGE,
  PROP_DATE_FROM,
  PROP_DATE_TO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- state ---- */

void
troupe_history_page_hold_busy (TroupeHistoryPage *self)
{
  if (self->busy_count++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
troupe_history_page_release_busy (TroupeHistoryPage *self)
{
  g_assert (self->busy_count > 0);
  if (--self->busy_count == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static const char *
list_state (TroupeHistoryPage *self)
{
  TroupeStore *store = TROUPE_STORE (self->store);
  guint n = g_list_model_get_n_items (troupe_session_store_get_sessions (self->store));

  if (self->search_text != NULL && (n > 0 || self->search_everyone))
    {
      if (g_list_model_get_n_items (G_LIST_MODEL (self->hits)) > 0 || self->searching)
        return "list";
      return "no-results";
    }
  if (n > 0 && g_list_model_get_n_items (G_LIST_MODEL (self->shown)) == 0)
    return "no-results";
  if (n > 0)
    return "list";
  if (troupe_store_get_error_message (store) != NULL)
    return "error";
  /* Nothing is on its way without a connection: a spinner would wait forever. */
  if (troupe_store_get_client (store) == NULL && troupe_context_get_client (self->context) == NULL)
    return "offline";
  if (troupe_store_get_loading (store) || !troupe_store_get_loaded (store))
    return "loading";
  return "empty";
}

static void
update_count (TroupeHistoryPage *self,
              guint              n)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  g_autofree char *text = NULL;

  if (n > 0 && troupe_history_page_get_date_filtered (self))
    /* Translators: sessions in the date range, of all that are listed. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u Session", "%u of %u Sessions", n), shown, n);
  else if (troupe_store_get_loading (TROUPE_STORE (self->store)) && n == 0)
    text = g_strdup (_("Loading…"));
  else if (troupe_store_get_error_message (TROUPE_STORE (self->store)) != NULL && n == 0)
    text = g_strdup (_("Sessions"));
  else if (n == 0)
    text = g_strdup (_("No Sessions"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Session", "%u Sessions", n), n);
  gtk_label_set_text (self->count_label, text);
}

static void
update_more (TroupeHistoryPage *self,
             guint              n)
{
  gboolean has_more = troupe_session_store_get_has_more (self->store);
  guint unread = troupe_session_store_get_n_unread (self->store);
  guint skipped = troupe_session_store_get_n_skipped (self->store);
  g_autofree char *text = NULL;

  if (has_more)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The most recent session is shown.",
                                         "The %u most recent sessions are shown.", n), n);
  else if (troupe_session_store_get_filling (self->store) && unread > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reading for search: %u session left…",
                                         "Reading for search: %u sessions left…", unread), unread);
  if (self->progress_text != NULL)
    {
      g_free (text);
      text = g_strdup (self->progress_text);
    }
  else if (skipped > 0)
    {
      g_autofree char *note =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u malformed entry in the server's reply was left out.",
                                      "%u malformed entries in the server's reply were left out.", skipped),
                         skipped);
      char *both = text != NULL ? g_strconcat (text, " ", note, NULL) : g_strdup (note);

      g_free (text);
      text = both;
    }
  if (text != NULL)
    gtk_label_set_text (self->more_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->load_all_button), has_more);
  gtk_revealer_set_reveal_child (self->more_revealer, text != NULL && n > 0);
}

void
troupe_history_page_set_progress (TroupeHistoryPage *self,
                                  const char        *text)
{
  g_free (self->progress_text);
  self->progress_text = g_strdup (text);
  troupe_history_page_update_view (self);
}

static void
update_actions (TroupeHistoryPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  gboolean any = !gtk_bitset_is_empty (selected);
  gboolean idle = self->busy_count == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.export", any && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.delete", any && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.export-all", n > 0 && idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), n > 0 && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.load-all",
                                 troupe_session_store_get_has_more (self->store));
}

void
troupe_history_page_update_view (TroupeHistoryPage *self)
{
  const char *state = list_state (self);
  guint n = g_list_model_get_n_items (troupe_session_store_get_sessions (self->store));
  const char *error_message = troupe_store_get_error_message (TROUPE_STORE (self->store));

  if (error_message != NULL)
    troupe_list_page_set_error_message (self->list_page, error_message);
  if (g_strcmp0 (state, "no-results") == 0 && self->search_text != NULL)
    {
      g_autofree char *description =
        g_strdup_printf (_("No exchange read so far has words starting with “%s”."), self->search_text);

      troupe_list_page_set_no_results_description (self->list_page, description);
    }
  else if (g_strcmp0 (state, "no-results") == 0)
    troupe_list_page_set_no_results_description (self->list_page, _("No session is in this date range."));
  troupe_list_page_set_can_cancel (self->list_page, troupe_store_get_loading (TROUPE_STORE (self->store)));
  if (g_strcmp0 (troupe_list_page_get_state (self->list_page), state) != 0)
    {
      troupe_list_page_set_state (self->list_page, state);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  update_count (self, n);
  update_more (self, n);
  update_actions (self);
}

/* A refresh that failed over a list already shown keeps the list and says
 * why in the banner. */
static void
error_message_cb (TroupeHistoryPage *self)
{
  const char *message = troupe_store_get_error_message (TROUPE_STORE (self->store));

  if (message != NULL && g_list_model_get_n_items (troupe_session_store_get_sessions (self->store)) > 0)
    troupe_report_problem (GTK_WIDGET (self), message);
  troupe_history_page_update_view (self);
}

static void
session_gone_cb (TroupeHistoryPage *self,
                 const char        *session_id)
{
  if (g_strcmp0 (troupe_history_transcript_get_session_id (self->transcript), session_id) == 0)
    {
      troupe_history_transcript_clear (self->transcript);
      gtk_widget_set_visible (GTK_WIDGET (self->continue_button), FALSE);
    }
}

/* ---- following the character and the client ---- */

/* Loads only once the page is shown: opening a character must not read
 * its history unless the person looks at it. */
static void
sync_store (TroupeHistoryPage *self)
{
  ConvaiClient *client = troupe_context_get_client (self->context);
  const char *char_id = self->character != NULL ? convai_character_get_id (self->character) : NULL;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (client != troupe_store_get_client (TROUPE_STORE (self->store)))
    {
      troupe_session_store_set_char_id (self->store, NULL);
      troupe_store_set_client (TROUPE_STORE (self->store), client);
    }
  troupe_session_store_set_char_name (self->store, self->character != NULL ?
                                      troupe_character_display_name (self->character) : NULL);
  troupe_session_store_set_char_id (self->store, char_id);
  troupe_history_page_refresh_dates (self);
  troupe_history_page_run_search (self);
}

static void
context_client_cb (TroupeHistoryPage *self)
{
  troupe_history_transcript_clear (self->transcript);
  gtk_widget_set_visible (GTK_WIDGET (self->continue_button), FALSE);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    sync_store (self);
  else
    {
      troupe_session_store_set_char_id (self->store, NULL);
      troupe_store_set_client (TROUPE_STORE (self->store), NULL);
    }
  troupe_history_page_update_view (self);
}

static void
set_character (TroupeHistoryPage *self,
               ConvaiCharacter   *character)
{
  if (self->character == character)
    return;
  g_set_object (&self->character, character);
  troupe_history_transcript_clear (self->transcript);
  gtk_widget_set_visible (GTK_WIDGET (self->continue_button), FALSE);
  adw_leaflet_set_visible_child_name (self->leaflet, "sessions");
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    sync_store (self);
  else
    troupe_session_store_set_char_id (self->store, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHARACTER]);
}

/* ---- selection and opening ---- */

static char **
dup_ids (TroupeHistoryPage *self,
         gboolean           selected_only)
{
  GListModel *sessions = G_LIST_MODEL (self->selection);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = g_list_model_get_n_items (sessions);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TroupeHistorySession) session = NULL;

      if (selected_only && !gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), i))
        continue;
      session = g_list_model_get_item (sessions, i);
      g_strv_builder_add (builder, troupe_history_session_get_session_id (session));
    }
  return g_strv_builder_end (builder);
}

char **
troupe_history_page_dup_selected (TroupeHistoryPage *self)
{
  return dup_ids (self, TRUE);
}

char **
troupe_history_page_dup_all (TroupeHistoryPage *self)
{
  return dup_ids (self, FALSE);
}

static void
show_session (TroupeHistoryPage    *self,
              TroupeHistorySession *session,
              guint                 position)
{
  ConvaiClient *client = troupe_store_get_client (TROUPE_STORE (self->store));
  const char *char_id = troupe_session_store_get_char_id (self->store);

  if (client == NULL || char_id == NULL)
    return;
  if (g_strcmp0 (troupe_history_transcript_get_session_id (self->transcript),
                 troupe_history_session_get_session_id (session)) != 0)
    troupe_history_transcript_show (self->transcript, client, char_id,
                                    troupe_character_display_name (self->character), session);
  troupe_history_transcript_scroll_to (self->transcript, position);
  adw_leaflet_set_visible_child_name (self->leaflet, "transcript");
  /* The character view has the chat (view.continue-chat); without one the
   * action is off and the button insensitive. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->continue_button), "s",
                                    troupe_history_session_get_session_id (session));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->continue_button), "view.continue-chat");
  gtk_widget_set_visible (GTK_WIDGET (self->continue_button), TRUE);
}

/* One session selected: it opens. Several: they wait for Export or Delete. */
static void
selection_changed_cb (TroupeHistoryPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(TroupeHistorySession) session = NULL;

  update_actions (self);
  if (gtk_bitset_get_size (selected) != 1)
    return;
  session = g_list_model_get_item (G_LIST_MODEL (self->selection), gtk_bitset_get_nth (selected, 0));
  if (session != NULL)
    show_session (self, session, 0);
}

static gboolean
find_position (GListModel *model,
               gpointer    item,
               guint      *position)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) candidate = g_list_model_get_item (model, i);

      if (candidate == item)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
search_changed_cb (TroupeHistoryPage *self)
{
  const char *text = troupe_list_page_get_search_text (self->list_page);
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  /* A space typed after a word asks nothing new. */
  if (g_strcmp0 (self->search_text, stripped[0] != '\0' ? stripped : NULL) == 0)
    return;
  g_free (self->search_text);
  self->search_text = stripped[0] != '\0' ? g_steal_pointer (&stripped) : NULL;
  troupe_history_page_run_search (self);
}

static void
hit_activated_cb (TroupeHistoryPage *self,
                  guint              position)
{
  troupe_history_page_hit_activated (self, position);
}

static void
retry_cb (TroupeHistoryPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "history.reload", NULL);
}

static void
cancel_load_cb (TroupeHistoryPage *self)
{
  troupe_store_cancel_load (TROUPE_STORE (self->store));
}

void
troupe_history_page_open_at (TroupeHistoryPage *self,
                             const char        *session_id,
                             guint              position)
{
  TroupeHistorySession *session;
  guint index;

  g_return_if_fail (TROUPE_IS_HISTORY_PAGE (self));
  g_return_if_fail (session_id != NULL);

  session = troupe_session_store_lookup (self->store, session_id);
  g_clear_pointer (&self->pending_session_id, g_free);
  if (session == NULL)
    {
      /* Older than the recent sessions, or the list is still on its way. */
      self->pending_session_id = g_strdup (session_id);
      self->pending_position = position;
      if (troupe_session_store_get_has_more (self->store))
        troupe_session_store_load_all (self->store);
      else if (!troupe_store_get_loading (TROUPE_STORE (self->store)))
        {
          g_clear_pointer (&self->pending_session_id, g_free);
          troupe_report_problem (GTK_WIDGET (self), _("That session is no longer in the list."));
        }
      return;
    }
  /* Outside the date range it is not in the list, but it still opens. */
  if (find_position (G_LIST_MODEL (self->selection), session, &index))
    {
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), index, TRUE);
      gtk_widget_activate_action (GTK_WIDGET (self->sessions_view), "list.scroll-to-item", "u", index);
    }
  show_session (self, session, position);
}

/* A session asked for before the list had it. */
static void
store_state_cb (TroupeHistoryPage *self)
{
  g_autofree char *pending = NULL;

  if (self->pending_session_id == NULL || troupe_store_get_loading (TROUPE_STORE (self->store)))
    return;
  pending = g_steal_pointer (&self->pending_session_id);
  if (troupe_session_store_lookup (self->store, pending) != NULL || !troupe_session_store_get_has_more (self->store))
    troupe_history_page_open_at (self, pending, self->pending_position);
}

static void
transcript_loaded_cb (TroupeHistoryPage *self,
                      const char        *session_id,
                      GListModel        *interactions)
{
  troupe_session_store_set_transcript (self->store, session_id, interactions);
}

static void
transcript_gone_cb (TroupeHistoryPage *self,
                    const char        *session_id)
{
  const char *ids[] = { session_id, NULL };

  troupe_session_store_remove (self->store, ids);
  adw_leaflet_set_visible_child_name (self->leaflet, "sessions");
}

/* ---- TroupePage ---- */

static void
page_iface_init (TroupePageInterface *iface)
{
  /* Nothing here is edited: no save, discard or draft. */
}

/* ---- public ---- */

TroupeHistoryPage *
troupe_history_page_new (TroupeContext *context)
{
  g_return_val_if_fail (TROUPE_IS_CONTEXT (context), NULL);

  return g_object_new (TROUPE_TYPE_HISTORY_PAGE, "context", context, NULL);
}

TroupeSessionStore *
troupe_history_page_get_store (TroupeHistoryPage *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_PAGE (self), NULL);

  return self->store;
}

const char *
troupe_history_page_get_state (TroupeHistoryPage *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_PAGE (self), NULL);

  return troupe_list_page_get_state (self->list_page);
}

TroupeHistoryTranscript *
troupe_history_page_get_transcript (TroupeHistoryPage *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_PAGE (self), NULL);

  return self->transcript;
}

GtkSelectionModel *
troupe_history_page_get_selection (TroupeHistoryPage *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_PAGE (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

const char *
troupe_history_page_get_visible_pane (TroupeHistoryPage *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_PAGE (self), NULL);

  return adw_leaflet_get_visible_child_name (self->leaflet);
}

gboolean
troupe_history_page_get_folded (TroupeHistoryPage *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_PAGE (self), FALSE);

  return adw_leaflet_get_folded (self->leaflet);
}

const char *
troupe_history_page_get_note (TroupeHistoryPage *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_PAGE (self), NULL);

  return gtk_revealer_get_reveal_child (self->more_revealer) ? gtk_label_get_text (self->more_label) : NULL;
}

gboolean
troupe_history_page_get_offers_load_all (TroupeHistoryPage *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_PAGE (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->load_all_button)) &&
         gtk_revealer_get_reveal_child (self->more_revealer);
}

/* ---- GObject ---- */

static void
troupe_history_page_constructed (GObject *object)
{
  TroupeHistoryPage *self = TROUPE_HISTORY_PAGE (object);

  G_OBJECT_CLASS (troupe_history_page_parent_class)->constructed (object);
  g_signal_connect_object (self->context, "notify::client", G_CALLBACK (context_client_cb), self, G_CONNECT_SWAPPED);
  troupe_history_page_update_view (self);
}

static void
troupe_history_page_dispose (GObject *object)
{
  TroupeHistoryPage *self = TROUPE_HISTORY_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  /* The bin's child is a template child: let go of it through the bin
   * first, so the two never unparent it twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TROUPE_TYPE_HISTORY_PAGE);
  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->store, self);
      g_signal_handlers_disconnect_by_data (troupe_session_store_get_sessions (self->store), self);
    }
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  troupe_history_page_finalize_dates (self);
  troupe_history_page_stop_search (self);
  g_clear_object (&self->hits_shown);
  g_clear_object (&self->hits);
  g_clear_object (&self->index);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->asked_text, g_free);
  g_clear_pointer (&self->asked_scope, g_free);
  g_clear_pointer (&self->hits_text, g_free);
  g_clear_pointer (&self->pending_session_id, g_free);
  g_clear_object (&self->store);
  g_clear_object (&self->character);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (troupe_history_page_parent_class)->dispose (object);
}

static void
troupe_history_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TroupeHistoryPage *self = TROUPE_HISTORY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: g_value_set_object (value, self->context); break;
    case PROP_STATE: g_value_set_string (value, troupe_history_page_get_state (self)); break;
    case PROP_CHARACTER: g_value_set_object (value, self->character); break;
    case PROP_DIRTY: g_value_set_boolean (value, FALSE); break;
    case PROP_BUSY: g_value_set_boolean (value, self->busy_count > 0); break;
    case PROP_SAVING: g_value_set_boolean (value, FALSE); break;
    case PROP_TITLE: g_value_set_string (value, NULL); break;
    case PROP_SEARCH_EVERYONE: g_value_set_boolean (value, self->search_everyone); break;
    case PROP_TRIGGERS_ONLY: g_value_set_boolean (value, self->triggers_only); break;
    case PROP_DATE_RANGE: g_value_set_string (value, self->date_range); break;
    case PROP_DATE_FROM: g_value_take_string (value, troupe_history_page_dup_date_from (self)); break;
    case PROP_DATE_TO: g_value_take_string (value, troupe_history_page_dup_date_to (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* troupe-history-date-range.c changed the range, or its days. */
void
troupe_history_page_notify_date_range (TroupeHistoryPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_RANGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_FROM]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_TO]);
  troupe_history_page_update_view (self);
}

static void
set_filter (TroupeHistoryPage *self,
            gboolean          *field,
            gboolean           value,
            guint              prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  troupe_history_page_run_search (self);
}

static void
troupe_history_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TroupeHistoryPage *self = TROUPE_HISTORY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: self->context = g_value_dup_object (value); break;
    case PROP_CHARACTER: set_character (self, g_value_get_object (value)); break;
    case PROP_SEARCH_EVERYONE: set_filter (self, &self->search_everyone, g_value_get_boolean (value), PROP_SEARCH_EVERYONE); break;
    case PROP_TRIGGERS_ONLY: set_filter (self, &self->triggers_only, g_value_get_boolean (value), PROP_TRIGGERS_ONLY); break;
    case PROP_DATE_RANGE:
      if (!troupe_history_page_set_date_range (self, g_value_get_string (value)))
        g_warning ("No date range is called “%s”", g_value_get_string (value) ?: "");
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_history_page_class_init (TroupeHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = troupe_history_page_constructed;
  object_class->dispose = troupe_history_page_dispose;
  object_class->get_property = troupe_history_page_get_property;
  object_class->set_property = troupe_history_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TROUPE_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SEARCH_EVERYONE] =
    g_param_spec_boolean ("search-everyone", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TRIGGERS_ONLY] =
    g_param_spec_boolean ("triggers-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DATE_RANGE] =
    g_param_spec_string ("date-range", NULL, NULL, "any",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DATE_FROM] =
    g_param_spec_string ("date-from", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DATE_TO] =
    g_param_spec_string ("date-to", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_property (object_class, PROP_DATE_RANGE, properties[PROP_DATE_RANGE]);
  g_object_class_install_property (object_class, PROP_DATE_FROM, properties[PROP_DATE_FROM]);
  g_object_class_install_property (object_class, PROP_DATE_TO, properties[PROP_DATE_TO]);
  g_object_class_install_property (object_class, PROP_SEARCH_EVERYONE, properties[PROP_SEARCH_EVERYONE]);
  g_object_class_install_property (object_class, PROP_TRIGGERS_ONLY, properties[PROP_TRIGGERS_ONLY]);
  g_object_class_install_property (object_class, PROP_CONTEXT, properties[PROP_CONTEXT]);
  g_object_class_install_property (object_class, PROP_STATE, properties[PROP_STATE]);
  g_object_class_override_property (object_class, PROP_CHARACTER, "character");
  g_object_class_override_property (object_class, PROP_DIRTY, "dirty");
  g_object_class_override_property (object_class, PROP_BUSY, "busy");
  g_object_class_override_property (object_class, PROP_SAVING, "saving");
  g_object_class_override_property (object_class, PROP_TITLE, "title");
  properties[PROP_CHARACTER] = g_object_class_find_property (object_class, "character");
  properties[PROP_BUSY] = g_object_class_find_property (object_class, "busy");

  g_signal_new ("show-turn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_UINT);

  g_type_ensure (TROUPE_TYPE_HISTORY_TRANSCRIPT);
  g_type_ensure (TROUPE_TYPE_LIST_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/troupe/Troupe/troupe-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryPage, continue_button);
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryPage, load_all_button);
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryPage, filters_revealer);
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryPage, search_filters);
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryPage, hits_view);
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryPage, list_page);
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryPage, more_label);
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryPage, more_revealer);
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryPage, sessions_scroller);
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryPage, sessions_view);
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryPage, transcript);
  gtk_widget_class_bind_template_callback (widget_class, cancel_load_cb);
  gtk_widget_class_bind_template_callback (widget_class, hit_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);

  troupe_history_page_install_actions (widget_class);
  troupe_history_page_install_date_actions (widget_class);
  gtk_widget_class_install_property_action (widget_class, "history.search-everyone", "search-everyone");
  gtk_widget_class_install_property_action (widget_class, "history.triggers-only", "triggers-only");
}

static void
troupe_history_page_init (TroupeHistoryPage *self)
{
  g_autoptr(GtkListItemFactory) factory = troupe_history_page_make_session_factory ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->store = troupe_session_store_new ();
  troupe_history_page_init_dates (self);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  troupe_history_page_init_search (self);
  gtk_grid_view_set_factory (self->sessions_view, factory);
  gtk_grid_view_set_model (self->sessions_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->store, "notify::state", G_CALLBACK (troupe_history_page_update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::loading", G_CALLBACK (store_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::loading", G_CALLBACK (troupe_history_page_update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::loaded", G_CALLBACK (troupe_history_page_update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::has-more", G_CALLBACK (troupe_history_page_update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::filling", G_CALLBACK (troupe_history_page_update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::n-unread", G_CALLBACK (troupe_history_page_update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::n-skipped", G_CALLBACK (troupe_history_page_update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::error-message", G_CALLBACK (error_message_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "session-gone", G_CALLBACK (session_gone_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (troupe_session_store_get_sessions (self->store), "items-changed",
                           G_CALLBACK (troupe_history_page_update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->transcript, "loaded", G_CALLBACK (transcript_loaded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->transcript, "gone", G_CALLBACK (transcript_gone_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (sync_store), NULL);
}
