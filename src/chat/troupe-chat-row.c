/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "troupe-chat-row.h"

#include <string.h>

/* A passage is laid out once when settled; the tail, at most this long,
 * again each frame while words arrive. */
#define PASSAGE_BYTES 800

struct _TroupeChatRow
{
  GtkWidget          parent_instance;

  TroupeChatMessage *message;
  guint              text_tick;   /* words arrived; shown at the next frame */
  gsize              settled;     /* bytes of the text in settled passages */

  guint              n_passages;  /* settled passages, the children before text_label */

  /* Template widgets */
  GtkButton         *copy_button;
  GtkLabel          *note_label;
  GtkLabel          *text_label;
  GtkLabel          *who_label;
};

G_DEFINE_FINAL_TYPE (TroupeChatRow, troupe_chat_row, GTK_TYPE_WIDGET)

TroupeChatRow *
troupe_chat_row_new (void)
{
  return g_object_new (TROUPE_TYPE_CHAT_ROW, NULL);
}

const char *
troupe_chat_row_get_note (TroupeChatRow *self)
{
  g_return_val_if_fail (TROUPE_IS_CHAT_ROW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->note_label)) ? gtk_label_get_text (self->note_label) : NULL;
}

/* The grid's rows: the speaker and Copy, the settled passages, the words
 * still arriving, the note. */
static void
place_rows (TroupeChatRow *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  int row = 1;

  for (GtkWidget *child = gtk_widget_get_next_sibling (GTK_WIDGET (self->copy_button));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    g_object_set (gtk_layout_manager_get_layout_child (layout, child), "row", row++, NULL);
}

static void
clear_passages (TroupeChatRow *self)
{
  GtkWidget *child;

  self->settled = 0;
  if (self->n_passages == 0)
    return;
  while ((child = gtk_widget_get_next_sibling (GTK_WIDGET (self->copy_button))) != GTK_WIDGET (self->text_label))
    gtk_widget_unparent (child);
  self->n_passages = 0;
  place_rows (self);
}

/* Where the growing tail of @text may be settled: after a paragraph, else
 * a sentence, else a word, once it is longer than a passage; 0 for not yet. */
static gsize
settle_point (const char *tail,
              gsize       len)
{
  const char *marks[] = { "\n", ". ", " " };

  if (len < PASSAGE_BYTES)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    {
      const char *found = g_strrstr_len (tail, PASSAGE_BYTES, marks[i]);

      if (found != NULL && found > tail)
        return found - tail + strlen (marks[i]);
    }
  return 0;
}

static void
show_text_now (TroupeChatRow *self)
{
  const char *text = troupe_chat_message_get_text (self->message);
  gboolean streaming = troupe_chat_message_get_state (self->message) == TROUPE_CHAT_MESSAGE_STREAMING;
  gsize len = strlen (text), cut;

  if (len < self->settled)
    clear_passages (self);
  while ((cut = settle_point (text + self->settled, len - self->settled)) > 0)
    {
      g_autofree char *passage = g_strndup (text + self->settled, cut);
      GtkWidget *label = g_object_new (GTK_TYPE_LABEL, "label", g_strchomp (passage), "xalign", 0.0f,
                                       "wrap", TRUE, "wrap-mode", PANGO_WRAP_WORD_CHAR, "width-chars", 16,
                                       /* 6 px between passages, as between paragraphs */
                                       "margin-bottom", 4,
                                       "selectable", TRUE, "focusable", FALSE, NULL);

      gtk_widget_insert_before (label, GTK_WIDGET (self), GTK_WIDGET (self->text_label));
      g_object_set (gtk_layout_manager_get_layout_child (gtk_widget_get_layout_manager (GTK_WIDGET (self)), label),
                    "column-span", 2, NULL);
      self->n_passages++;
      self->settled += cut;
    }
  if (self->n_passages > 0)
    place_rows (self);
  /* Nothing yet: a reply that has not begun says so rather than showing an
   * empty bubble. */
  gtk_label_set_text (self->text_label, len == 0 && streaming ? "…" : text + self->settled);
}

static gboolean
text_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  TroupeChatRow *self = TROUPE_CHAT_ROW (widget);

  self->text_tick = 0;
  if (self->message != NULL)
    show_text_now (self);
  return G_SOURCE_REMOVE;
}

/* Words stream in faster than frames are drawn (1,000 events a second):
 * the label takes the text once per frame, not once per event, and the
 * tick is there only while words are pending. */
static void
show_text (TroupeChatRow *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      show_text_now (self);
      return;
    }
  if (self->text_tick == 0)
    self->text_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), text_tick_cb, NULL, NULL);
}

static void
show_note (TroupeChatRow *self)
{
  g_autofree char *note = NULL;
  gint64 first_word = troupe_chat_message_get_first_word_ms (self->message);
  gint64 first_sound = troupe_chat_message_get_first_sound_ms (self->message);

  switch (troupe_chat_message_get_state (self->message))
    {
    case TROUPE_CHAT_MESSAGE_INTERRUPTED:
      note = g_strdup (_("Interrupted: the reply did not arrive in full"));
      break;
    case TROUPE_CHAT_MESSAGE_STREAMING:
    case TROUPE_CHAT_MESSAGE_DONE:
    default:
      if (first_word >= 0 && first_sound >= 0)
        /* Translators: how long the first word of a reply took to arrive,
         * and its first sound to play */
        note = g_strdup_printf (_("First word %" G_GINT64_FORMAT " ms · first sound %" G_GINT64_FORMAT " ms"),
                                first_word, first_sound);
      else if (first_word >= 0)
        /* Translators: how long the first word of a reply took to arrive */
        note = g_strdup_printf (_("First word %" G_GINT64_FORMAT " ms"), first_word);
      break;
    }
  if (troupe_chat_message_get_n_skipped (self->message) > 0)
    {
      guint n = troupe_chat_message_get_n_skipped (self->message);
      /* Translators: under a reply, when parts of the stream were unreadable */
      g_autofree char *skipped = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u part of this reply could not be read",
                                                               "%u parts of this reply could not be read", n), n);
      char *both = note != NULL ? g_strconcat (note, "\n", skipped, NULL) : g_strdup (skipped);

      g_free (note);
      note = both;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL);
  gtk_label_set_text (self->note_label, note != NULL ? note : "");
}

static void
state_changed_cb (TroupeChatRow *self)
{
  show_text_now (self);
  show_note (self);
}

void
troupe_chat_row_set_message (TroupeChatRow     *self,
                             TroupeChatMessage *message)
{
  g_return_if_fail (TROUPE_IS_CHAT_ROW (self));

  if (self->message == message)
    return;
  if (self->message != NULL)
    g_signal_handlers_disconnect_by_data (self->message, self);
  if (self->text_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->text_tick);
  self->text_tick = 0;
  clear_passages (self);
  g_set_object (&self->message, message);
  if (message == NULL)
    return;

  gtk_label_set_text (self->who_label, troupe_chat_message_get_role (message) == TROUPE_CHAT_ROLE_USER
                                       ? _("You") : troupe_chat_message_get_speaker (message));
  g_signal_connect_swapped (message, "notify::text", G_CALLBACK (show_text), self);
  g_signal_connect_swapped (message, "notify::state", G_CALLBACK (state_changed_cb), self);
  g_signal_connect_swapped (message, "notify::first-word-ms", G_CALLBACK (show_note), self);
  g_signal_connect_swapped (message, "notify::first-sound-ms", G_CALLBACK (show_note), self);
  g_signal_connect_swapped (message, "notify::n-skipped", G_CALLBACK (show_note), self);
  state_changed_cb (self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  gtk_list_item_set_child (item, GTK_WIDGET (troupe_chat_row_new ()));
  gtk_list_item_set_activatable (item, FALSE);
}

/* There is no unbind: GTK 4.8's list and grid views unbind and bind
 * again every row they keep when messages go in above (a restored
 * session, a batch at a time), and a row given its message again must
 * not lay its text out again. A row keeps its message until it is
 * bound to another or disposed; a row put aside for reuse is not shown. */
static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  troupe_chat_row_set_message (TROUPE_CHAT_ROW (gtk_list_item_get_child (item)),
                               gtk_list_item_get_item (item));
}

GtkListItemFactory *
troupe_chat_row_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  return factory;
}

static void
copy_clicked_cb (TroupeChatRow *self)
{
  if (self->message == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                          troupe_chat_message_get_text (self->message));
}

/* A tooltip set on a widget asks the X server where the pointer is at
 * once: a round trip for each row the list makes (200 when a long session
 * opens). Given when asked, it costs nothing until hovered. */
static gboolean
query_tooltip_cb (GtkWidget  *button,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  gtk_tooltip_set_text (tooltip, _("Copy Message"));
  return TRUE;
}

static void
troupe_chat_row_dispose (GObject *object)
{
  TroupeChatRow *self = TROUPE_CHAT_ROW (object);

  troupe_chat_row_set_message (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TROUPE_TYPE_CHAT_ROW);
  G_OBJECT_CLASS (troupe_chat_row_parent_class)->dispose (object);
}

static void
troupe_chat_row_class_init (TroupeChatRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = troupe_chat_row_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_GRID_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/troupe/Troupe/troupe-chat-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TroupeChatRow, copy_button);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatRow, note_label);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatRow, text_label);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatRow, who_label);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, query_tooltip_cb);
}

static void
troupe_chat_row_init (TroupeChatRow *self)
{
  GtkGridLayout *grid = GTK_GRID_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_grid_layout_set_row_spacing (grid, 2);
  gtk_grid_layout_set_column_spacing (grid, 6);
}
