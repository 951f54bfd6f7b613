/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "troupe-application.h"
#include "troupe-test-wait.h"

G_BEGIN_DECLS

void  troupe_test_ui_init            (int         *argc,
                                      char      ***argv);
void  troupe_test_ui_wait_for_paint  (GtkWidget   *widget);
void  troupe_test_ui_iterate         (guint        ms);
char *troupe_test_ui_render_png      (GtkWidget   *widget,
                                      const char  *name);

/* Watches the default main context from now on: the longest any one of
 * its iterations ran between two polls, in µs (a frame, an idle, a
 * reply's handler: whatever made the window wait; a wait loop of the
 * tests' own adds at most its 1 ms sleep). Destroy the source to stop. */
GSource *troupe_test_ui_watch_loop       (void);
gint64    troupe_test_ui_loop_longest_us (GSource     *watch);
/* The process's one registered TroupeApplication (a new reference). */
TroupeApplication *troupe_test_ui_register_application (void);

/* The first shown toplevel of @type (an AdwMessageDialog, a preferences
 * window...), waited for; fails the test if none appears. */
GtkWindow *troupe_test_ui_wait_for_window (GType        type);

/* Finding controls as a person does: by what they are called, not by the
 * fields of the widget that holds them. Each walks @root's widget tree
 * depth-first, hidden widgets included (a test asserts what it expects to
 * be shown); all but troupe_test_ui_find_by_type() fail the test when
 * nothing matches. */

/* The AdwPreferencesRow titled @title ("Name", "API Key"), mnemonic
 * underscores left out. */
GtkWidget *troupe_test_ui_find_row       (GtkWidget   *root,
                                          const char  *title);
/* The AdwPreferencesGroup titled @title ("Status", "Backstory"). */
GtkWidget *troupe_test_ui_find_group     (GtkWidget   *root,
                                          const char  *title);
/* The GtkActionable whose action is @action_name ("character.preview-voice"). */
GtkWidget *troupe_test_ui_find_by_action (GtkWidget   *root,
                                          const char  *action_name);
/* The first GtkLabel whose text contains @text. */
GtkLabel  *troupe_test_ui_find_label     (GtkWidget   *root,
                                          const char  *text);
/* Whether a mapped label under @root showing @text lies wholly within
 * @viewport's height (a scrolled list's row on screen). Never fails the
 * test: for waits. */
gboolean   troupe_test_ui_text_on_screen (GtkWidget  *root,
                                          GtkWidget  *viewport,
                                          const char *text);
/* The @n-th widget of @type, counting from 0 in tree order, @root
 * included; NULL past the last one, so a test can go through them all. */
GtkWidget *troupe_test_ui_find_by_type   (GtkWidget   *root,
                                          GType        type,
                                          guint        n);

/* What a GtkTextView shows (owned). */
char      *troupe_test_ui_dup_text       (GtkTextView *view);

G_END_DECLS
