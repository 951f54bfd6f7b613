/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The History page's search: the words typed, looked up in the local index
 * of read transcripts (the Chat History API has no search), the hits with
 * their matching words bold, and a hit opening its session at its
 * exchange. */
#define G_LOG_DOMAIN "troupe-history-page"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-accessible.h"
#include "troupe-gradual-list.h"
#include "troupe-history-page-private.h"

/* More than a person reads before narrowing the search; each one is work
 * for the index (its snippet) on every key. */
#define MAX_HITS 200
/* A hit's row with a one-line snippet, the shortest there is. */
#define HIT_ROW_HEIGHT 48

static void start_search (TroupeHistoryPage *self);

static gboolean
same_hit_at (GListModel *old,
             guint       old_position,
             GPtrArray  *items,
             guint       position)
{
  g_autoptr(TroupeHistoryHit) hit = g_list_model_get_item (old, old_position);

  return troupe_history_hit_equal (hit, g_ptr_array_index (items, position));
}

/* Only the hits that changed are replaced: the next key usually finds
 * the same exchanges ("lante", "lanter", "lantern"), whose rows then need
 * no binding and no layout again. */
static void
replace_hits (TroupeHistoryPage *self,
              GPtrArray         *items)
{
  GListModel *old = G_LIST_MODEL (self->hits);
  guint old_n = g_list_model_get_n_items (old);
  guint n = items->len;
  guint same = MIN (old_n, n);
  guint head = 0, tail = 0;

  while (head < same && same_hit_at (old, head, items, head))
    head++;
  while (tail < same - head && same_hit_at (old, old_n - 1 - tail, items, n - 1 - tail))
    tail++;
  if (head == old_n && head == n)
    return;
  /* Another list from its top: the view rebinds a screenful, not 200 rows. */
  if (head == 0)
    troupe_gradual_list_restart (self->hits_shown);
  g_list_store_splice (self->hits, head, old_n - head - tail, items->pdata + head, n - head - tail);
}

static void
show_hits (TroupeHistoryPage *self,
           GListModel        *hits)
{
  guint n = hits != NULL ? g_list_model_get_n_items (hits) : 0;
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (hits, i));
  replace_hits (self, items);
  /* The hits shown are now those of the newest text, changed or not. */
  gtk_widget_queue_draw (GTK_WIDGET (self->hits_view));
  g_free (self->hits_text);
  self->hits_text = g_strdup (self->asked_text);
  /* Another is to be asked: the page is still searching. */
  self->searching = self->search_queued;
  troupe_history_page_update_view (self);
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TroupeHistoryPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) hits = troupe_history_index_search_finish (TROUPE_HISTORY_INDEX (source), result, &error);

  /* A search stopped (the page cleared or gone) is not this page's now. */
  if (g_task_get_cancellable (G_TASK (result)) != self->search_cancellable)
    return;
  g_clear_object (&self->search_cancellable);
  if (hits == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("%s", error->message);
  /* Keys came while it ran: what it found for the start of the words is
   * shown meanwhile, and only the newest text is asked for next. */
  if (hits != NULL || !self->search_queued)
    show_hits (self, hits);
  if (self->search_queued)
    start_search (self);
}

/* What a search asks besides its words: another scope makes the one in
 * flight stale. */
static char *
make_scope (TroupeHistoryPage *self)
{
  gint64 since_us = 0, until_us = 0;

  troupe_history_page_get_date_bounds (self, &since_us, &until_us);
  return g_strdup_printf ("%d %d %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, self->search_everyone,
                          self->triggers_only, troupe_session_store_get_char_id (self->store) ?: "",
                          since_us, until_us);
}

static void
start_search (TroupeHistoryPage *self)
{
  const char *char_id = troupe_session_store_get_char_id (self->store);
  gint64 since_us = 0, until_us = 0;

  self->search_queued = FALSE;
  self->searching = TRUE;
  self->search_cancellable = g_cancellable_new ();
  g_free (self->asked_text);
  self->asked_text = g_strdup (self->search_text);
  g_free (self->asked_scope);
  self->asked_scope = make_scope (self);
  troupe_history_page_get_date_bounds (self, &since_us, &until_us);
  troupe_history_index_search_async (self->index, self->search_text,
                                     self->search_everyone ? NULL : char_id,
                                     self->triggers_only, since_us, until_us, MAX_HITS,
                                     self->search_cancellable, search_done_cb, g_object_ref (self));
}

void
troupe_history_page_stop_search (TroupeHistoryPage *self)
{
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->search_queued = FALSE;
  self->searching = FALSE;
}

/* A search for the page's text, of this character or every one. The
 * first key asks at once, and so does every key typed while no search
 * runs: no time is spent waiting for a pause in the typing. Keys typed
 * while one runs wait for it, so at most one is in flight, and then the
 * newest text is asked. The one in flight is left to finish while the
 * text only grows (its hits hold the newer ones) and is cancelled, to
 * stop mid-query, when it is stale: a word erased, a filter changed. */
void
troupe_history_page_run_search (TroupeHistoryPage *self)
{
  const char *char_id = troupe_session_store_get_char_id (self->store);

  gtk_revealer_set_reveal_child (self->filters_revealer,
                                 self->search_text != NULL || troupe_history_page_get_date_filtered (self));
  gtk_widget_set_visible (self->search_filters, self->search_text != NULL);
  if (self->search_text == NULL || (char_id == NULL && !self->search_everyone))
    {
      troupe_history_page_stop_search (self);
      g_list_store_remove_all (self->hits);
      g_clear_pointer (&self->hits_text, g_free);
      gtk_stack_set_visible_child_name (self->content_stack, "sessions");
      troupe_history_page_update_view (self);
      return;
    }
  gtk_stack_set_visible_child_name (self->content_stack, "hits");
  self->searching = TRUE;
  if (self->search_cancellable != NULL)
    {
      g_autofree char *scope = make_scope (self);

      if (!g_str_has_prefix (self->search_text, self->asked_text) || g_strcmp0 (scope, self->asked_scope) != 0)
        g_cancellable_cancel (self->search_cancellable);
      self->search_queued = TRUE;
      return;
    }
  start_search (self);
}

/* ---- public ---- */

void
troupe_history_page_set_search_text (TroupeHistoryPage *self,
                                     const char        *text)
{
  g_return_if_fail (TROUPE_IS_HISTORY_PAGE (self));

  troupe_list_page_set_search_text (self->list_page, text);
}

GListModel *
troupe_history_page_get_hits (TroupeHistoryPage *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_PAGE (self), NULL);

  return G_LIST_MODEL (self->hits);
}

const char *
troupe_history_page_get_hits_text (TroupeHistoryPage *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_PAGE (self), NULL);

  return self->hits_text;
}

gboolean
troupe_history_page_get_searching (TroupeHistoryPage *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_PAGE (self), FALSE);

  return self->searching;
}

TroupeHistoryIndex *
troupe_history_page_get_index (TroupeHistoryPage *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_PAGE (self), NULL);

  return self->index;
}

void
troupe_history_page_hit_activated (TroupeHistoryPage *self,
                                   guint              position)
{
  g_autoptr(TroupeHistoryHit) hit = g_list_model_get_item (G_LIST_MODEL (self->hits), position);

  if (hit == NULL)
    return;
  if (g_strcmp0 (troupe_history_hit_get_char_id (hit), troupe_session_store_get_char_id (self->store)) == 0)
    troupe_history_page_open_at (self, troupe_history_hit_get_session_id (hit), troupe_history_hit_get_position (hit));
  else
    g_signal_emit_by_name (self, "show-turn", troupe_history_hit_get_char_id (hit),
                           troupe_history_hit_get_session_id (hit), troupe_history_hit_get_position (hit));
}

/* ---- rows ---- */

typedef struct
{
  GtkLabel *where;
  GtkLabel *snippet;
} HitParts;

static void
setup_hit_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  HitParts *parts = g_new0 (HitParts, 1);

  parts->where = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (parts->where, 0);
  gtk_label_set_ellipsize (parts->where, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (parts->where), "caption-heading");
  parts->snippet = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (parts->snippet, 0);
  gtk_label_set_wrap (parts->snippet, TRUE);
  gtk_label_set_wrap_mode (parts->snippet, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (parts->snippet, 3);
  gtk_label_set_ellipsize (parts->snippet, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (parts->snippet, 1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (parts->where));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (parts->snippet));
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  g_object_set_data_full (G_OBJECT (item), "parts", parts, g_free);
  gtk_list_item_set_child (item, box);
}

static void
bind_hit_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             TroupeHistoryPage        *self)
{
  HitParts *parts = g_object_get_data (G_OBJECT (item), "parts");
  TroupeHistoryHit *hit = gtk_list_item_get_item (item);
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (troupe_history_hit_get_date_us (hit) / G_USEC_PER_SEC);
  g_autofree char *date = g_date_time_format (when, "%Y-%m-%d %H:%M");
  g_autofree char *where = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *name = NULL;

  if (self->search_everyone)
    /* Translators: a search hit's character, session date, and exchange number. */
    where = g_strdup_printf (_("%s · %s · exchange %u"), troupe_history_hit_get_char_name (hit), date,
                             troupe_history_hit_get_position (hit) + 1);
  else
    /* Translators: a search hit's session date and exchange number. */
    where = g_strdup_printf (_("%s · exchange %u"), date, troupe_history_hit_get_position (hit) + 1);
  gtk_label_set_text (parts->where, where);
  gtk_label_set_markup (parts->snippet, troupe_history_hit_get_snippet (hit));
  pango_parse_markup (troupe_history_hit_get_snippet (hit), -1, 0, NULL, &plain, NULL, NULL);
  name = g_strdup_printf ("%s: %s", where, plain != NULL ? plain : "");
  troupe_accessible_name_list_row (item, name);
}

void
troupe_history_page_init_search (TroupeHistoryPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GFile) file = troupe_history_index_default_file ();
  g_autoptr(GtkNoSelection) selection = NULL;

  self->index = troupe_history_index_new (file);
  self->hits = g_list_store_new (TROUPE_TYPE_HISTORY_HIT);
  self->hits_shown = troupe_gradual_list_new_paged (G_LIST_MODEL (self->hits), GTK_SCROLLABLE (self->hits_view),
                                                    HIT_ROW_HEIGHT);
  selection = gtk_no_selection_new (g_object_ref (self->hits_shown));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_hit_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_hit_cb), self, 0);
  gtk_list_view_set_factory (self->hits_view, factory);
  gtk_list_view_set_model (self->hits_view, GTK_SELECTION_MODEL (selection));
  troupe_session_store_set_index (self->store, self->index);
  troupe_history_transcript_set_index (self->transcript, self->index);
}
