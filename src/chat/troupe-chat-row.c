/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "troupe-chat-row.h"

struct _TroupeChatRow
{
  GtkWidget          parent_instance;

  TroupeChatMessage *message;

  /* Template widgets */
  GtkWidget         *box;
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

static void
show_text (TroupeChatRow *self)
{
  const char *text = troupe_chat_message_get_text (self->message);
  gboolean streaming = troupe_chat_message_get_state (self->message) == TROUPE_CHAT_MESSAGE_STREAMING;

  /* Nothing yet: a reply that has not begun says so rather than showing an
   * empty bubble. */
  gtk_label_set_text (self->text_label, *text == '\0' && streaming ? "…" : text);
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
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL);
  gtk_label_set_text (self->note_label, note != NULL ? note : "");
}

static void
state_changed_cb (TroupeChatRow *self)
{
  show_text (self);
  show_note (self);
}

void
troupe_chat_row_set_message (TroupeChatRow     *self,
                             TroupeChatMessage *message)
{
  g_return_if_fail (TROUPE_IS_CHAT_ROW (self));

  if (self->message != NULL)
    g_signal_handlers_disconnect_by_data (self->message, self);
  g_set_object (&self->message, message);
  if (message == NULL)
    return;

  gtk_label_set_text (self->who_label, troupe_chat_message_get_role (message) == TROUPE_CHAT_ROLE_USER
                                       ? _("You") : troupe_chat_message_get_speaker (message));
  g_signal_connect_swapped (message, "notify::text", G_CALLBACK (show_text), self);
  g_signal_connect_swapped (message, "notify::state", G_CALLBACK (state_changed_cb), self);
  g_signal_connect_swapped (message, "notify::first-word-ms", G_CALLBACK (show_note), self);
  g_signal_connect_swapped (message, "notify::first-sound-ms", G_CALLBACK (show_note), self);
  state_changed_cb (self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  gtk_list_item_set_child (item, GTK_WIDGET (troupe_chat_row_new ()));
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  troupe_chat_row_set_message (TROUPE_CHAT_ROW (gtk_list_item_get_child (item)),
                               gtk_list_item_get_item (item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  troupe_chat_row_set_message (TROUPE_CHAT_ROW (gtk_list_item_get_child (item)), NULL);
}

GtkListItemFactory *
troupe_chat_row_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
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
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/troupe/Troupe/troupe-chat-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TroupeChatRow, box);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatRow, copy_button);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatRow, note_label);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatRow, text_label);
  gtk_widget_class_bind_template_child (widget_class, TroupeChatRow, who_label);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
}

static void
troupe_chat_row_init (TroupeChatRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
