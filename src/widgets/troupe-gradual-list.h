/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A long list shown without making the person wait for rows they cannot
 * see. GTK 4.8's GtkListView makes and binds up to 200 rows as soon as
 * its model has them, which for rows of wrapped text is a hundred
 * milliseconds and more before the first frame. A gradual list hands the
 * view the first few rows (as many rows of @row_height pixels, the
 * shortest a row can be, as fill the window), then a few more on each
 * frame @widget draws, then all of @model once the view has made every
 * row it keeps. Positions are @model's.
 *
 * It is a GtkSliceListModel over @model. */
GListModel *troupe_gradual_list_new      (GListModel *model,
                                          GtkWidget  *widget,
                                          int         row_height);
/* The same, growing only as the person scrolls: a batch more whenever
 * @view (in a scrolled window) is within a screen of the end of what it
 * has. For a list replaced often, such as search hits as keys are typed,
 * where growing on every frame would take the frames the next replacement
 * needs. */
GListModel *troupe_gradual_list_new_paged (GListModel    *model,
                                           GtkScrollable *view,
                                           int            row_height);
/* Back to the first rows, to grow again: call before @model changes
 * wholesale (a new search's hits), so the view rebinds a screenful. */
void        troupe_gradual_list_restart  (GListModel *gradual);
/* Everything at once: for scrolling to a row not given yet. */
void        troupe_gradual_list_show_all (GListModel *gradual);
/* Whether every item of the model is given. */
gboolean    troupe_gradual_list_is_whole (GListModel *gradual);

G_END_DECLS
