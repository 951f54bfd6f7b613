/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "troupe-character-store.h"
#include "troupe-draft-store.h"

G_BEGIN_DECLS

#define TROUPE_TYPE_CHARACTER_SIDEBAR (troupe_character_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (TroupeCharacterSidebar, troupe_character_sidebar, TROUPE, CHARACTER_SIDEBAR, AdwBin)

/* The character list: search as you type, most recently used first, and
 * a state page when there is nothing to list (loading, empty, no results,
 * an error). Signal "character-activated" (ConvaiCharacter) when a person
 * picks a character. */
TroupeCharacterSidebar *troupe_character_sidebar_new           (TroupeCharacterStore   *store);
TroupeCharacterStore   *troupe_character_sidebar_get_store     (TroupeCharacterSidebar *self);
void                    troupe_character_sidebar_set_store     (TroupeCharacterSidebar *self,
                                                                TroupeCharacterStore   *store);
/* Marks @char_id selected without emitting "character-activated"; NULL clears. */
void                    troupe_character_sidebar_select        (TroupeCharacterSidebar *self,
                                                                const char             *char_id);
void                    troupe_character_sidebar_focus_search  (TroupeCharacterSidebar *self);
void                    troupe_character_sidebar_set_search    (TroupeCharacterSidebar *self,
                                                                const char             *text);
/* With no connection there is nothing to wait for: an empty list then says
 * so instead of showing a spinner. */
void                    troupe_character_sidebar_set_offline   (TroupeCharacterSidebar *self,
                                                                gboolean                offline);
/* The rows as shown: filtered and sorted. */
GListModel             *troupe_character_sidebar_get_model     (TroupeCharacterSidebar *self);
/* "loading", "empty", "no-results", "error", "offline" (no connection) or "list". */
const char             *troupe_character_sidebar_get_state     (TroupeCharacterSidebar *self);
GtkListView            *troupe_character_sidebar_get_list_view (TroupeCharacterSidebar *self);
/* Rows of characters with a kept draft say so. */
void                    troupe_character_sidebar_set_drafts    (TroupeCharacterSidebar *self,
                                                                TroupeDraftStore       *drafts);
/* Whether @char_id's row is on screen and marked as having a draft. */
gboolean                troupe_character_sidebar_row_shows_draft (TroupeCharacterSidebar *self,
                                                                  const char             *char_id);

/* What the loading page says, and whether it offers to stop (after a few
 * seconds; action sidebar.cancel-load). */
const char             *troupe_character_sidebar_get_loading_text (TroupeCharacterSidebar *self);
gboolean                troupe_character_sidebar_offers_cancel    (TroupeCharacterSidebar *self);

G_END_DECLS
