/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <convai.h>

#include "troupe-recent-characters.h"
#include "troupe-store.h"

G_BEGIN_DECLS

#define TROUPE_TYPE_CHARACTER_STORE (troupe_character_store_get_type ())
G_DECLARE_FINAL_TYPE (TroupeCharacterStore, troupe_character_store, TROUPE, CHARACTER_STORE, TroupeStore)

/* Every character of the account (character/list), plus the voices and
 * languages the editor offers, for one ConvaiClient: a TroupeStore, whose
 * load is the character list. Setting a client (re)loads all of them; NULL
 * empties them. Properties (besides TroupeStore's "client", "state",
 * "loading", "loaded", "error-message"): "recent". Signal "catalog-failed"
 * (message) when voices or languages could not be loaded.
 *
 * The characters model is kept in name order; the sorter puts the most
 * recently used (as of the last load) first, characters made in this
 * session above them, and the rest in name order. Opening one moves no row. */
TroupeCharacterStore   *troupe_character_store_new               (TroupeRecentCharacters *recent);
/* The troupe_store_*() calls under the names callers have always used. */
ConvaiClient           *troupe_character_store_get_client        (TroupeCharacterStore   *self);
void                    troupe_character_store_set_client        (TroupeCharacterStore   *self,
                                                                  ConvaiClient           *client);
/* Stops a list load that takes too long; the list then says so, with Try Again. */
void                    troupe_character_store_cancel_load       (TroupeCharacterStore   *self);
void                    troupe_character_store_reload            (TroupeCharacterStore   *self);
gboolean                troupe_character_store_get_loading       (TroupeCharacterStore   *self);
gboolean                troupe_character_store_get_loaded        (TroupeCharacterStore   *self);
const char             *troupe_character_store_get_error_message (TroupeCharacterStore   *self);
TroupeRecentCharacters *troupe_character_store_get_recent        (TroupeCharacterStore   *self);

GListModel             *troupe_character_store_get_characters    (TroupeCharacterStore   *self);
GtkSorter              *troupe_character_store_get_sorter        (TroupeCharacterStore   *self);
GListModel             *troupe_character_store_get_voices        (TroupeCharacterStore   *self);
GListModel             *troupe_character_store_get_languages     (TroupeCharacterStore   *self);

/* Replaces the whole list (what a reload does when the list arrives). */
void                    troupe_character_store_set_characters    (TroupeCharacterStore   *self,
                                                                  GListModel             *characters);
ConvaiCharacter        *troupe_character_store_lookup            (TroupeCharacterStore   *self,
                                                                  const char             *char_id);
void                    troupe_character_store_add               (TroupeCharacterStore   *self,
                                                                  ConvaiCharacter        *character);
void                    troupe_character_store_remove            (TroupeCharacterStore   *self,
                                                                  const char             *char_id);
/* Puts @character back in name order after its name changed. */
void                    troupe_character_store_renamed           (TroupeCharacterStore   *self,
                                                                  ConvaiCharacter        *character);

G_END_DECLS
