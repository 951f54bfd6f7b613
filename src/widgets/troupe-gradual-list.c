/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-gradual-list"

#include "config.h"

#include "troupe-gradual-list.h"

/* At most a screenful of the shortest rows on a tall screen, and a batch
 * small enough to make in a few milliseconds of a frame. */
#define FIRST_ROWS 25
#define ROWS_PER_FRAME 25
/* GtkListView keeps at most this many rows (GTK_LIST_VIEW_MAX_LIST_ITEMS
 * in 4.8): past it more items make no more rows, so they come at once. */
#define VIEW_ROWS 200

typedef struct
{
  GtkWidget     *widget;      /* weak */
  guint          tick;
  gboolean       first_frame; /* the next frame is the first with the first rows */
  int            row_height;  /* no row is shorter, in pixels */
  GtkAdjustment *adjustment;  /* paged: grown as this nears its end */
  gpointer       slice;       /* the one this is of, for disconnecting */
} Gradual;

static void
gradual_free (gpointer data)
{
  Gradual *gradual = data;

  if (gradual->adjustment != NULL)
    {
      g_signal_handlers_disconnect_by_data (gradual->adjustment, gradual->slice);
      g_object_unref (gradual->adjustment);
    }
  if (gradual->widget != NULL)
    {
      if (gradual->tick != 0)
        gtk_widget_remove_tick_callback (gradual->widget, gradual->tick);
      g_object_remove_weak_pointer (G_OBJECT (gradual->widget), (gpointer *) &gradual->widget);
    }
  g_free (gradual);
}

static Gradual *
get_gradual (GListModel *model)
{
  return g_object_get_data (G_OBJECT (model), "troupe-gradual");
}

/* The view is no taller than its window: that many of the shortest rows
 * fill it. Before the window has a size, the most. */
static guint
first_rows (Gradual *gradual)
{
  GtkRoot *root = gradual->widget != NULL ? gtk_widget_get_root (gradual->widget) : NULL;
  int height = root != NULL ? gtk_widget_get_height (GTK_WIDGET (root)) : 0;

  if (height <= 0)
    return FIRST_ROWS;
  return CLAMP ((guint) (height / gradual->row_height) + 1, 4, FIRST_ROWS);
}

gboolean
troupe_gradual_list_is_whole (GListModel *gradual)
{
  GtkSliceListModel *slice = GTK_SLICE_LIST_MODEL (gradual);

  g_return_val_if_fail (get_gradual (gradual) != NULL, TRUE);

  return gtk_slice_list_model_get_size (slice) >= g_list_model_get_n_items (gtk_slice_list_model_get_model (slice));
}

void
troupe_gradual_list_show_all (GListModel *gradual)
{
  Gradual *data = get_gradual (gradual);

  g_return_if_fail (data != NULL);

  gtk_slice_list_model_set_size (GTK_SLICE_LIST_MODEL (gradual), G_MAXUINT);
  if (data->tick != 0 && data->widget != NULL)
    gtk_widget_remove_tick_callback (data->widget, data->tick);
  data->tick = 0;
}

static gboolean
grow_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  GtkSliceListModel *slice = user_data;
  Gradual *gradual = get_gradual (G_LIST_MODEL (slice));
  guint size = gtk_slice_list_model_get_size (slice) + ROWS_PER_FRAME;

  /* Ticks run before a frame is laid out: the first frame paints the
   * first rows alone. */
  if (gradual->first_frame)
    {
      gradual->first_frame = FALSE;
      return G_SOURCE_CONTINUE;
    }
  if (size >= VIEW_ROWS || size >= g_list_model_get_n_items (gtk_slice_list_model_get_model (slice)))
    {
      gradual->tick = 0;
      gtk_slice_list_model_set_size (slice, G_MAXUINT);
      return G_SOURCE_REMOVE;
    }
  gtk_slice_list_model_set_size (slice, size);
  return G_SOURCE_CONTINUE;
}

void
troupe_gradual_list_restart (GListModel *gradual)
{
  Gradual *data = get_gradual (gradual);

  g_return_if_fail (data != NULL);

  gtk_slice_list_model_set_size (GTK_SLICE_LIST_MODEL (gradual), first_rows (data));
  data->first_frame = TRUE;
  if (data->tick == 0 && data->widget != NULL && data->adjustment == NULL)
    data->tick = gtk_widget_add_tick_callback (data->widget, grow_cb, gradual, NULL);
}

static GtkSliceListModel *
make_slice (GListModel *model,
            GtkWidget  *widget,
            int         row_height,
            Gradual   **p_gradual)
{
  GtkSliceListModel *slice = gtk_slice_list_model_new (g_object_ref (model), 0, 0);
  Gradual *gradual = g_new0 (Gradual, 1);

  gradual->widget = widget;
  gradual->row_height = MAX (row_height, 1);
  gradual->slice = slice;
  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &gradual->widget);
  g_object_set_data_full (G_OBJECT (slice), "troupe-gradual", gradual, gradual_free);
  *p_gradual = gradual;
  return slice;
}

GListModel *
troupe_gradual_list_new (GListModel *model,
                         GtkWidget  *widget,
                         int         row_height)
{
  GtkSliceListModel *slice;
  Gradual *gradual;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  slice = make_slice (model, widget, row_height, &gradual);
  troupe_gradual_list_restart (G_LIST_MODEL (slice));
  return G_LIST_MODEL (slice);
}

static gboolean
near_the_end (Gradual *gradual)
{
  GtkAdjustment *adjustment = gradual->adjustment;
  double page = gtk_adjustment_get_page_size (adjustment);
  double left = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_value (adjustment) - page;

  return left <= page && !troupe_gradual_list_is_whole (G_LIST_MODEL (gradual->slice));
}

/* One batch, at the start of a frame: the adjustment changes while the
 * view is laid out, too late to add rows to that frame. */
static gboolean
page_in_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  Gradual *gradual = user_data;
  GtkSliceListModel *slice = gradual->slice;

  gradual->tick = 0;
  if (near_the_end (gradual))
    gtk_slice_list_model_set_size (slice, gtk_slice_list_model_get_size (slice) + ROWS_PER_FRAME);
  return G_SOURCE_REMOVE;
}

/* Also when the rows given so far are shorter than the view: it has a
 * screen to fill. */
static void
scrolled_cb (GtkAdjustment     *adjustment,
             GtkSliceListModel *slice)
{
  Gradual *gradual = get_gradual (G_LIST_MODEL (slice));

  if (gradual->tick == 0 && gradual->widget != NULL && near_the_end (gradual))
    gradual->tick = gtk_widget_add_tick_callback (gradual->widget, page_in_cb, gradual, NULL);
}

GListModel *
troupe_gradual_list_new_paged (GListModel    *model,
                               GtkScrollable *view,
                               int            row_height)
{
  GtkAdjustment *adjustment;
  GtkSliceListModel *slice;
  Gradual *gradual;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);
  g_return_val_if_fail (GTK_IS_SCROLLABLE (view), NULL);
  adjustment = gtk_scrollable_get_vadjustment (view);
  g_return_val_if_fail (adjustment != NULL, NULL);

  slice = make_slice (model, GTK_WIDGET (view), row_height, &gradual);
  gtk_slice_list_model_set_size (slice, first_rows (gradual));
  gradual->adjustment = g_object_ref (adjustment);
  g_signal_connect_data (adjustment, "value-changed", G_CALLBACK (scrolled_cb), slice, NULL, 0);
  g_signal_connect_data (adjustment, "changed", G_CALLBACK (scrolled_cb), slice, NULL, 0);
  return G_LIST_MODEL (slice);
}
