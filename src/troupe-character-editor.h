/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "troupe-character-store.h"
#include "troupe-draft-store.h"

G_BEGIN_DECLS

#define TROUPE_TYPE_CHARACTER_EDITOR (troupe_character_editor_get_type ())
G_DECLARE_FINAL_TYPE (TroupeCharacterEditor, troupe_character_editor, TROUPE, CHARACTER_EDITOR, AdwBin)

/* The selected character's pages under an AdwViewSwitcherTitle (the
 * Character page for now). Every call goes through the store's client.
 * Widget actions: character.save, character.revert, character.clone,
 * character.clone-confirmed(b), character.delete, character.delete-confirmed,
 * character.ask-backstory, character.generate-backstory(s),
 * character.preview-voice, character.add-action(s),
 * character.remove-action(i), character.move-action-up(i),
 * character.move-action-down(i).
 * Properties: "character", "dirty" (unsaved changes), "busy" (a call is
 * running), "show-back-button". Signals: "open-requested" (ConvaiCharacter)
 * after a clone, "deleted" (id) after a delete. */
TroupeCharacterEditor *troupe_character_editor_new            (TroupeCharacterStore  *store,
                                                               TroupeDraftStore      *drafts);
ConvaiCharacter       *troupe_character_editor_get_character  (TroupeCharacterEditor *self);
/* Switching keeps the current character's draft on disk. */
void                   troupe_character_editor_set_character  (TroupeCharacterEditor *self,
                                                               ConvaiCharacter       *character);
gboolean               troupe_character_editor_get_dirty      (TroupeCharacterEditor *self);
gboolean               troupe_character_editor_get_busy       (TroupeCharacterEditor *self);
/* What the form holds now. */
TroupeCharacterDraft  *troupe_character_editor_dup_draft      (TroupeCharacterEditor *self);
/* Writes the draft now instead of after the pause. */
void                   troupe_character_editor_flush_draft    (TroupeCharacterEditor *self);
/* The same, blocking, for when the application exits. */
void                   troupe_character_editor_flush_draft_now (TroupeCharacterEditor *self);
void                   troupe_character_editor_focus_name     (TroupeCharacterEditor *self);
void                   troupe_character_editor_add_toast      (TroupeCharacterEditor *self,
                                                               const char            *text,
                                                               gboolean               is_error);

G_END_DECLS
