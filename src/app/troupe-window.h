/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <convai.h>

#include "troupe-application.h"
#include "troupe-character-page.h"
#include "troupe-character-view.h"
#include "troupe-character-sidebar.h"
#include "troupe-character-store.h"
#include "troupe-context.h"
#include "troupe-knowledge-window.h"

G_BEGIN_DECLS

#define TROUPE_TYPE_WINDOW (troupe_window_get_type ())

G_DECLARE_FINAL_TYPE (TroupeWindow, troupe_window, TROUPE, WINDOW, AdwApplicationWindow)

/* Follows the application's connection: each new client reloads the list. */
TroupeWindow           *troupe_window_new            (TroupeApplication *application);
/* Talks to @client from now on instead of following the connection
 * (tests, and scripts that bring their own client). */
void                    troupe_window_set_client     (TroupeWindow      *self,
                                                      ConvaiClient      *client);
void                    troupe_window_open_character (TroupeWindow      *self,
                                                      ConvaiCharacter   *character);
TroupeCharacterStore   *troupe_window_get_store      (TroupeWindow      *self);
TroupeCharacterView    *troupe_window_get_view       (TroupeWindow      *self);
TroupeCharacterPage    *troupe_window_get_character_page (TroupeWindow  *self);
TroupeCharacterSidebar *troupe_window_get_sidebar    (TroupeWindow      *self);
/* The services the window's views share: its drafts, for one. */
TroupeContext          *troupe_window_get_context    (TroupeWindow      *self);
/* The Knowledge Bank manager (win.knowledge-bank), or NULL when not open. */
TroupeKnowledgeWindow  *troupe_window_get_knowledge_window (TroupeWindow *self);

G_END_DECLS
