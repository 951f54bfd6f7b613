/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-history-transcript"

#include "config.h"

#include <glib/gi18n.h>

#include "troupe-accessible.h"
#include "troupe-error-text.h"
#include "troupe-gradual-list.h"
#include "troupe-history-index.h"
#include "troupe-history-transcript.h"
#include "troupe-report.h"
#include "troupe-transcript.h"

struct _TroupeHistoryTranscript
{
  AdwBin        parent_instance;

  ConvaiClient *client;
  char         *char_id;
  char         *character_name;
  char         *session_id;
  GListModel   *interactions;
  GListModel   *shown;         /* the rows handed to the view so far, of interactions */
  GCancellable *cancellable;   /* of the session shown */
  char         *when;          /* the session's local date and time */
  gboolean      in_memory;
  guint         n_skipped;     /* malformed exchanges left out */
  guint         scroll_to;     /* the exchange to bring into view once shown */
  guint         scroll_tick;   /* see scroll_tick_cb() */
  guint         scroll_step;
  guint         loaded_idle;
  guint         loaded_tick;   /* waiting for the transcript's first frame */
  gboolean      loaded_painted;
  char         *pending_session_id;   /* to announce once painted */
  GListModel   *pending_interactions;
  gboolean      cached;        /* shown from the index: the server was not reached */
  char         *error_message;
  TroupeHistoryIndex *index;   /* what was read before, for reading offline */

  /* Template widgets */
  AdwStatusPage *error_page;
  GtkListView   *list_view;
  GtkSpinner    *spinner;
  GtkStack      *stack;
  GtkLabel      *summary_label;
};

G_DEFINE_FINAL_TYPE (TroupeHistoryTranscript, troupe_history_transcript, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

enum {
  LOADED,
  GONE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_state (TroupeHistoryTranscript *self,
           const char              *state)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), state) == 0)
    return;
  gtk_stack_set_visible_child_name (self->stack, state);
  /* A spinner spins only while it is shown. */
  gtk_spinner_set_spinning (self->spinner, g_str_equal (state, "loading"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* ---- one exchange ---- */

static const char *
speaker_name (TroupeHistoryTranscript *self,
              const char              *speaker)
{
  if (g_strcmp0 (speaker, "User") == 0)
    return _("Player");
  if (g_strcmp0 (speaker, "Character") == 0 && self->character_name != NULL)
    return self->character_name;
  return speaker != NULL ? speaker : _("Unknown speaker");
}

/* "2024-09-25 19:54:59.124733" in UTC, as the local time of day; the
 * text as it came when it is not a time. */
static char *
format_time (const char *timestamp)
{
  g_autofree char *iso = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_utc ();

  if (timestamp == NULL || timestamp[0] == '\0')
    return g_strdup ("");
  iso = g_strdelimit (g_strdup (timestamp), " ", 'T');
  if ((utc = g_date_time_new_from_iso8601 (iso, zone)) == NULL)
    return g_strdup (timestamp);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

static char *
exchange_markup (TroupeHistoryTranscript *self,
                 ConvaiInteraction       *interaction)
{
  GString *markup = g_string_new (NULL);
  guint n = convai_interaction_get_n_messages (interaction);

  for (guint i = 0; i < n; i++)
    {
      const char *speaker = speaker_name (self, convai_interaction_get_speaker (interaction, i));
      g_autofree char *line =
        g_markup_printf_escaped ("%s<b>%s</b>\n%s", i > 0 ? "\n\n" : "", speaker,
                                 troupe_transcript_message_text (interaction, i));

      g_string_append (markup, line);
    }
  return g_string_free (markup, FALSE);
}

char *
troupe_history_transcript_turn_text (TroupeHistoryTranscript *self,
                                     guint                    position)
{
  g_autoptr(ConvaiInteraction) interaction = NULL;
  GString *text;
  guint n;

  g_return_val_if_fail (TROUPE_IS_HISTORY_TRANSCRIPT (self), NULL);

  if (self->interactions == NULL ||
      (interaction = g_list_model_get_item (self->interactions, position)) == NULL)
    return NULL;
  text = g_string_new (NULL);
  n = convai_interaction_get_n_messages (interaction);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%s: %s", i > 0 ? "\n" : "",
                            speaker_name (self, convai_interaction_get_speaker (interaction, i)),
                            troupe_transcript_message_text (interaction, i));
  return g_string_free (text, FALSE);
}

/* ---- rows ---- */

/* An exchange of one short line: its header (the Copy button) and the
 * line, with the margins. No row is shorter. */
#define ROW_HEIGHT 72

typedef struct
{
  GtkBox    *header;
  GtkLabel  *time;
  GtkLabel  *trigger;   /* made by the first trigger exchange the row shows */
  GtkButton *copy;
  GtkLabel  *body;
} RowParts;

/* Most exchanges are not triggers: their rows are made without the flag,
 * one widget fewer each of the many a long transcript makes at once. */
static void
show_trigger_flag (RowParts *parts,
                   gboolean  is_trigger)
{
  if (!is_trigger && parts->trigger == NULL)
    return;
  if (parts->trigger == NULL)
    {
      parts->trigger = GTK_LABEL (gtk_label_new (_("Trigger")));
      gtk_widget_add_css_class (GTK_WIDGET (parts->trigger), "troupe-flag");
      gtk_widget_set_valign (GTK_WIDGET (parts->trigger), GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (GTK_WIDGET (parts->trigger),
                                   _("The player's input was a trigger, not typed or spoken"));
      gtk_box_insert_child_after (parts->header, GTK_WIDGET (parts->trigger), GTK_WIDGET (parts->time));
    }
  gtk_widget_set_visible (GTK_WIDGET (parts->trigger), is_trigger);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  RowParts *parts = g_new0 (RowParts, 1);

  parts->time = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (parts->time, 0);
  gtk_widget_add_css_class (GTK_WIDGET (parts->time), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (parts->time), "caption");
  parts->copy = GTK_BUTTON (gtk_button_new_from_icon_name ("edit-copy-symbolic"));
  gtk_widget_set_hexpand (GTK_WIDGET (parts->copy), TRUE);
  gtk_widget_set_halign (GTK_WIDGET (parts->copy), GTK_ALIGN_END);
  gtk_widget_add_css_class (GTK_WIDGET (parts->copy), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (parts->copy), _("Copy This Exchange"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (parts->copy), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Copy this exchange"), -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (parts->copy), "u", 0);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (parts->copy), "transcript.copy-turn");
  parts->body = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (parts->body, 0);
  gtk_label_set_wrap (parts->body, TRUE);
  gtk_label_set_wrap_mode (parts->body, PANGO_WRAP_WORD_CHAR);

  parts->header = GTK_BOX (header);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (parts->time));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (parts->copy));
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (parts->body));
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 12);
  g_object_set_data_full (G_OBJECT (item), "parts", parts, g_free);
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

/* A screen reader hears who spoke first and what, with the time. */
static void
name_row (TroupeHistoryTranscript *self,
          GtkListItem             *item,
          ConvaiInteraction       *interaction,
          const char              *time)
{
  g_autofree char *name = NULL;

  if (convai_interaction_get_n_messages (interaction) == 0)
    name = g_strdup_printf (_("%s, nothing said"), time);
  else
    /* Translators: a transcript row for a screen reader: time, speaker, words. */
    name = g_strdup_printf (_("%s, %s: %s"), time,
                            speaker_name (self, convai_interaction_get_speaker (interaction, 0)),
                            troupe_transcript_message_text (interaction, 0));
  troupe_accessible_name_list_row (item, name);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             TroupeHistoryTranscript  *self)
{
  RowParts *parts = g_object_get_data (G_OBJECT (item), "parts");
  ConvaiInteraction *interaction = gtk_list_item_get_item (item);
  g_autofree char *time = format_time (convai_interaction_get_timestamp (interaction));
  g_autofree char *markup = exchange_markup (self, interaction);

  gtk_label_set_text (parts->time, time);
  show_trigger_flag (parts, convai_interaction_get_is_trigger_input (interaction));
  gtk_label_set_markup (parts->body, markup);
  name_row (self, item, interaction, time);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (parts->copy), "u", gtk_list_item_get_position (item));
}

/* ---- loading ---- */

typedef struct
{
  TroupeHistoryTranscript *self;
  char                    *session_id;
} Reply;

static void
reply_free (Reply *reply)
{
  g_object_unref (reply->self);
  g_free (reply->session_id);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

static void
update_summary (TroupeHistoryTranscript *self)
{
  GString *text = g_string_new (self->when);

  /* Translators: follows the session's date and time. */
  g_string_append (text, self->in_memory ? _(" · Added to the character's memory")
                                         : _(" · Not in the character's memory"));
  if (self->cached)
    g_string_append (text, _(" · Cached copy: the server could not be reached"));
  if (self->n_skipped > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " · %u malformed exchange left out",
                                               " · %u malformed exchanges left out", self->n_skipped),
                            self->n_skipped);
  gtk_label_set_text (self->summary_label, text->str);
  g_string_free (text, TRUE);
}

/* From the frames' update phase, a frame apart: first all the rows in,
 * then, once the view has laid them out, the scroll; and once more a frame
 * later, when the rows around it have their sizes. A list view scrolled
 * before it has laid out its rows stays at the top: scrolled from an idle
 * after the rows went in, the exchange was brought into view in some runs
 * and not in others (/troupe/history/search failed 2 runs in 4). */
static gboolean
scroll_tick_cb (GtkWidget     *view,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  TroupeHistoryTranscript *self = user_data;

  if (self->scroll_step++ == 0)
    {
      if (self->shown != NULL)
        troupe_gradual_list_show_all (self->shown);
      return G_SOURCE_CONTINUE;
    }
  if (self->interactions != NULL && self->scroll_to < g_list_model_get_n_items (self->interactions))
    gtk_widget_activate_action (view, "list.scroll-to-item", "u", self->scroll_to);
  if (self->scroll_step < 3)
    return G_SOURCE_CONTINUE;
  self->scroll_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
schedule_scroll (TroupeHistoryTranscript *self)
{
  self->scroll_step = 0;
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), scroll_tick_cb, self, NULL);
}

static void
show_interactions (TroupeHistoryTranscript *self,
                   GListModel              *interactions)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_set_object (&self->interactions, interactions);
  /* The state says the transcript is here before its rows are made, so
   * whoever times the state (bench-history) times the rows too. */
  set_state (self, g_list_model_get_n_items (interactions) == 0 ? "empty" : "transcript");
  /* A long transcript's first screenful is painted first, the rest over
   * the next frames. */
  g_clear_object (&self->shown);
  self->shown = troupe_gradual_list_new (interactions, GTK_WIDGET (self->list_view), ROW_HEIGHT);
  selection = gtk_no_selection_new (g_object_ref (self->shown));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  if (self->scroll_to > 0)
    schedule_scroll (self);
}

static Reply *
reply_new (TroupeHistoryTranscript *self)
{
  Reply *reply = g_new0 (Reply, 1);

  reply->self = g_object_ref (self);
  reply->session_id = g_strdup (self->session_id);
  return reply;
}

static void
show_error (TroupeHistoryTranscript *self)
{
  adw_status_page_set_description (self->error_page, self->error_message);
  set_state (self, "error");
}

/* The server cannot be reached: what was read here before, marked as such. */
static void
cached_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Reply) reply = user_data;
  TroupeHistoryTranscript *self = reply->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) interactions =
    troupe_history_index_get_transcript_finish (TROUPE_HISTORY_INDEX (source), result, &error);

  if (g_strcmp0 (reply->session_id, self->session_id) != 0 ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (interactions == NULL)
    {
      show_error (self);
      return;
    }
  self->cached = TRUE;
  self->n_skipped = 0;
  update_summary (self);
  show_interactions (self, interactions);
}

/* The page counts and indexes what arrived after the frame that shows it:
 * a long transcript appears first. */
typedef struct
{
  TroupeHistoryTranscript *self;
  char                    *session_id;
  GListModel              *interactions;
} Loaded;

static void
loaded_free (gpointer data)
{
  Loaded *loaded = data;

  g_object_unref (loaded->self);
  g_free (loaded->session_id);
  g_object_unref (loaded->interactions);
  g_free (loaded);
}

static gboolean
loaded_idle_cb (gpointer data)
{
  Loaded *loaded = data;

  loaded->self->loaded_idle = 0;
  g_signal_emit (loaded->self, signals[LOADED], 0, loaded->session_id, loaded->interactions);
  return G_SOURCE_REMOVE;
}

static void
announce_loaded_now (TroupeHistoryTranscript *self,
                     const char              *session_id,
                     GListModel              *interactions)
{
  Loaded *loaded = g_new0 (Loaded, 1);

  loaded->self = g_object_ref (self);
  loaded->session_id = g_strdup (session_id);
  loaded->interactions = g_object_ref (interactions);
  g_clear_handle_id (&self->loaded_idle, g_source_remove);
  self->loaded_idle = g_idle_add_full (G_PRIORITY_LOW, loaded_idle_cb, loaded, loaded_free);
}

/* Ticks run before a frame is laid out: the second one comes after the
 * first frame with the transcript was painted. */
static gboolean
loaded_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  TroupeHistoryTranscript *self = TROUPE_HISTORY_TRANSCRIPT (widget);
  g_autofree char *session_id = NULL;
  g_autoptr(GListModel) interactions = NULL;

  if (!self->loaded_painted)
    {
      self->loaded_painted = TRUE;
      return G_SOURCE_CONTINUE;
    }
  self->loaded_tick = 0;
  session_id = g_steal_pointer (&self->pending_session_id);
  interactions = g_steal_pointer (&self->pending_interactions);
  announce_loaded_now (self, session_id, interactions);
  return G_SOURCE_REMOVE;
}

/* Counting and indexing a long transcript is a worker's while the main
 * thread paints it: it starts after the first frame that shows it, not
 * in a pause before that frame, so the two do not share the processor. */
static void
announce_loaded (TroupeHistoryTranscript *self,
                 const char              *session_id,
                 GListModel              *interactions)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      announce_loaded_now (self, session_id, interactions);
      return;
    }
  g_free (self->pending_session_id);
  self->pending_session_id = g_strdup (session_id);
  g_set_object (&self->pending_interactions, interactions);
  self->loaded_painted = FALSE;
  if (self->loaded_tick == 0)
    self->loaded_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), loaded_tick_cb, NULL, NULL);
}

static void
session_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Reply) reply = user_data;
  TroupeHistoryTranscript *self = reply->self;
  g_autoptr(GError) error = NULL;
  guint n_skipped = 0;
  g_autoptr(GListModel) interactions =
    convai_client_get_session_skipping_finish (CONVAI_CLIENT (source), result, &n_skipped, &error);

  if (g_strcmp0 (reply->session_id, self->session_id) != 0 ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (interactions != NULL)
    {
      self->n_skipped = n_skipped;
      self->cached = FALSE;
      update_summary (self);
      show_interactions (self, interactions);
      announce_loaded (self, reply->session_id, interactions);
      return;
    }
  if (g_error_matches (error, CONVAI_ERROR, CONVAI_ERROR_NOT_FOUND))
    {
      troupe_report_problem (GTK_WIDGET (self), _("That session was deleted elsewhere: it is no longer on the server."));
      troupe_history_transcript_clear (self);
      g_signal_emit (self, signals[GONE], 0, reply->session_id);
      return;
    }
  g_free (self->error_message);
  self->error_message = troupe_error_text (_("Could not load the transcript"), error);
  if (self->index != NULL)
    troupe_history_index_get_transcript_async (self->index, self->char_id, self->session_id, self->cancellable,
                                               cached_read_cb, reply_new (self));
  else
    show_error (self);
}

static void
read_session (TroupeHistoryTranscript *self)
{
  Reply *reply;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->client == NULL || self->session_id == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  reply = g_new0 (Reply, 1);
  reply->self = g_object_ref (self);
  reply->session_id = g_strdup (self->session_id);
  set_state (self, "loading");
  convai_client_get_session_skipping_async (self->client, self->char_id, self->session_id,
                                            self->cancellable, session_read_cb, reply);
}

void
troupe_history_transcript_show (TroupeHistoryTranscript *self,
                                ConvaiClient            *client,
                                const char              *char_id,
                                const char              *character_name,
                                TroupeHistorySession    *session)
{
  g_return_if_fail (TROUPE_IS_HISTORY_TRANSCRIPT (self));
  g_return_if_fail (CONVAI_IS_CLIENT (client));
  g_return_if_fail (char_id != NULL);
  g_return_if_fail (TROUPE_IS_HISTORY_SESSION (session));

  g_set_object (&self->client, client);
  g_free (self->char_id);
  self->char_id = g_strdup (char_id);
  g_free (self->character_name);
  self->character_name = g_strdup (character_name);
  g_free (self->session_id);
  self->session_id = g_strdup (troupe_history_session_get_session_id (session));
  g_clear_object (&self->interactions);
  g_clear_object (&self->shown);
  gtk_list_view_set_model (self->list_view, NULL);
  g_free (self->when);
  self->scroll_to = 0;
  self->when = troupe_history_session_format_when (session);
  self->in_memory = troupe_history_session_get_is_added_to_memory (session);
  self->n_skipped = 0;
  update_summary (self);
  read_session (self);
}

void
troupe_history_transcript_scroll_to (TroupeHistoryTranscript *self,
                                     guint                    position)
{
  g_return_if_fail (TROUPE_IS_HISTORY_TRANSCRIPT (self));

  self->scroll_to = position;
  if (self->interactions != NULL)
    schedule_scroll (self);
}

void
troupe_history_transcript_clear (TroupeHistoryTranscript *self)
{
  g_return_if_fail (TROUPE_IS_HISTORY_TRANSCRIPT (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->session_id, g_free);
  g_clear_object (&self->interactions);
  g_clear_object (&self->shown);
  gtk_list_view_set_model (self->list_view, NULL);
  set_state (self, "none");
}

const char *
troupe_history_transcript_get_session_id (TroupeHistoryTranscript *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_TRANSCRIPT (self), NULL);

  return self->session_id;
}

void
troupe_history_transcript_set_index (TroupeHistoryTranscript *self,
                                     TroupeHistoryIndex      *index)
{
  g_return_if_fail (TROUPE_IS_HISTORY_TRANSCRIPT (self));

  g_set_object (&self->index, index);
}

gboolean
troupe_history_transcript_get_cached (TroupeHistoryTranscript *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_TRANSCRIPT (self), FALSE);

  return self->cached;
}

const char *
troupe_history_transcript_get_summary (TroupeHistoryTranscript *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_TRANSCRIPT (self), NULL);

  return gtk_label_get_text (self->summary_label);
}

guint
troupe_history_transcript_get_n_skipped (TroupeHistoryTranscript *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_TRANSCRIPT (self), 0);

  return self->n_skipped;
}

const char *
troupe_history_transcript_get_state (TroupeHistoryTranscript *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_TRANSCRIPT (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GListModel *
troupe_history_transcript_get_interactions (TroupeHistoryTranscript *self)
{
  g_return_val_if_fail (TROUPE_IS_HISTORY_TRANSCRIPT (self), NULL);

  return self->interactions;
}

TroupeHistoryTranscript *
troupe_history_transcript_new (void)
{
  return g_object_new (TROUPE_TYPE_HISTORY_TRANSCRIPT, NULL);
}

/* ---- actions ---- */

static void
copy_turn_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TroupeHistoryTranscript *self = TROUPE_HISTORY_TRANSCRIPT (widget);
  g_autofree char *text = troupe_history_transcript_turn_text (self, g_variant_get_uint32 (parameter));

  if (text == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  troupe_report_toast (widget, _("Exchange copied"));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  read_session (TROUPE_HISTORY_TRANSCRIPT (widget));
}

/* ---- GObject ---- */

static void
troupe_history_transcript_dispose (GObject *object)
{
  TroupeHistoryTranscript *self = TROUPE_HISTORY_TRANSCRIPT (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->scroll_tick);
  self->scroll_tick = 0;
  g_clear_handle_id (&self->loaded_idle, g_source_remove);
  if (self->loaded_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->loaded_tick);
  self->loaded_tick = 0;
  g_clear_pointer (&self->pending_session_id, g_free);
  g_clear_object (&self->pending_interactions);
  g_clear_object (&self->index);
  g_clear_object (&self->client);
  g_clear_object (&self->interactions);
  g_clear_object (&self->shown);
  /* The bin's child is a template child: let go of it through the bin
   * first, so the two never unparent it twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TROUPE_TYPE_HISTORY_TRANSCRIPT);
  G_OBJECT_CLASS (troupe_history_transcript_parent_class)->dispose (object);
}

static void
troupe_history_transcript_finalize (GObject *object)
{
  TroupeHistoryTranscript *self = TROUPE_HISTORY_TRANSCRIPT (object);

  g_free (self->char_id);
  g_free (self->character_name);
  g_free (self->session_id);
  g_free (self->when);
  g_free (self->error_message);
  G_OBJECT_CLASS (troupe_history_transcript_parent_class)->finalize (object);
}

static void
troupe_history_transcript_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  TroupeHistoryTranscript *self = TROUPE_HISTORY_TRANSCRIPT (object);

  switch (prop_id)
    {
    case PROP_STATE: g_value_set_string (value, troupe_history_transcript_get_state (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
troupe_history_transcript_class_init (TroupeHistoryTranscriptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = troupe_history_transcript_dispose;
  object_class->finalize = troupe_history_transcript_finalize;
  object_class->get_property = troupe_history_transcript_get_property;

  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, "none",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_LIST_MODEL);
  signals[GONE] =
    g_signal_new ("gone", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/troupe/Troupe/troupe-history-transcript.ui");
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryTranscript, error_page);
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryTranscript, list_view);
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryTranscript, spinner);
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryTranscript, stack);
  gtk_widget_class_bind_template_child (widget_class, TroupeHistoryTranscript, summary_label);

  gtk_widget_class_install_action (widget_class, "transcript.copy-turn", "u", copy_turn_action);
  gtk_widget_class_install_action (widget_class, "transcript.retry", NULL, retry_action);
}

static void
troupe_history_transcript_init (TroupeHistoryTranscript *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_stack_set_visible_child_name (self->stack, "none");
}
