/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Keeping the end of the conversation in sight: new messages and a reply
 * growing word by word stay on screen, unless the person scrolled up to
 * read; scrolling back to the end follows again. */
#define G_LOG_DOMAIN "troupe-chat-pane"

#include "config.h"

#include "troupe-chat-pane-private.h"

/* Within this many pixels of the end, the list follows new words. */
#define FOLLOW_SLACK_PX 24

/* The view is anchored at the last message: its row then stays put at the
 * bottom while messages go in above, and a reply growing past the bottom
 * is anchored again by its end. Not by setting the scrollbar: the list
 * view configures its adjustment while laying itself out, with its own
 * ::value-changed handler blocked, so a value set then moved the scrollbar
 * but not the rows (a long session opened showing its first turns with
 * the scrollbar at the end); and a value set at the end of an estimated
 * list left GTK 4.8's list view showing one row. */
static void
go_to_end (TroupeChatPane *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->messages));

  if (n > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", n - 1);
}

static gboolean
follow_tick_cb (GtkWidget     *view,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  TroupeChatPane *self = user_data;

  self->follow_tick = 0;
  if (self->follow_end)
    go_to_end (self);
  return G_SOURCE_REMOVE;
}

/* Only a move the person made decides whether to follow. Within a frame
 * the value moves with the list's own layout: its estimate of the rows not
 * yet made changes, or the last row grows past the bottom; taking those
 * for scrolling up stopped the pane following a new turn. */
static void
value_changed_cb (GtkAdjustment  *adjustment,
                  TroupeChatPane *self)
{
  double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (!self->in_frame)
    self->follow_end = gtk_adjustment_get_value (adjustment) >= end - FOLLOW_SLACK_PX;
}

/* The list grew or shrank (words, rows measured): the end again in the
 * next frame, the one this frame's layout told of being too late. */
static void
changed_cb (GtkAdjustment  *adjustment,
            TroupeChatPane *self)
{
  if (self->follow_end && self->follow_tick == 0)
    self->follow_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), follow_tick_cb, self, NULL);
}

/* New messages: anchored at once, before the view makes rows for them. */
static void
items_changed_cb (GListModel     *messages,
                  guint           position,
                  guint           removed,
                  guint           added,
                  TroupeChatPane *self)
{
  if (self->follow_end && added > 0)
    go_to_end (self);
}

static void
before_paint_cb (GdkFrameClock  *clock,
                 TroupeChatPane *self)
{
  self->in_frame = TRUE;
}

static void
after_paint_cb (GdkFrameClock  *clock,
                TroupeChatPane *self)
{
  self->in_frame = FALSE;
}

static void
disconnect_clock (TroupeChatPane *self)
{
  if (self->frame_clock == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->frame_clock, self);
  g_clear_object (&self->frame_clock);
  self->in_frame = FALSE;
}

static void
realize_cb (TroupeChatPane *self)
{
  disconnect_clock (self);
  self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  g_signal_connect (self->frame_clock, "before-paint", G_CALLBACK (before_paint_cb), self);
  g_signal_connect_after (self->frame_clock, "after-paint", G_CALLBACK (after_paint_cb), self);
}

void
troupe_chat_pane_follow_init (TroupeChatPane *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  self->follow_end = TRUE;
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (value_changed_cb), self);
  g_signal_connect (adjustment, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect (self->messages, "items-changed", G_CALLBACK (items_changed_cb), self);
  g_signal_connect (self, "realize", G_CALLBACK (realize_cb), NULL);
  g_signal_connect (self, "unrealize", G_CALLBACK (disconnect_clock), NULL);
}

void
troupe_chat_pane_follow_dispose (TroupeChatPane *self)
{
  if (self->follow_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->follow_tick);
  self->follow_tick = 0;
  disconnect_clock (self);
  if (self->messages != NULL)
    g_signal_handlers_disconnect_by_data (self->messages, self);
}
