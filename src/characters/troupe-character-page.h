/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "troupe-audio-player.h"
#include "troupe-character-draft.h"
#include "troupe-context.h"
#include "troupe-page.h"

G_BEGIN_DECLS

#define TROUPE_TYPE_CHARACTER_PAGE (troupe_character_page_get_type ())
G_DECLARE_FINAL_TYPE (TroupeCharacterPage, troupe_character_page, TROUPE, CHARACTER_PAGE, AdwBin)

/* The Character page (a TroupePage): the form for a character's name,
 * voice, languages, backstory and actions. Every call goes through the
 * store's client, and names the id the form was filled from.
 * It takes the store and drafts of @context.
 * Widget actions: character.save, character.stop-saving, character.revert,
 * character.clone, character.clone-confirmed(b), character.delete,
 * character.delete-confirmed, character.ask-backstory,
 * character.generate-backstory(s), character.preview-voice,
 * character.add-action(s), character.remove-action(i),
 * character.move-action-up(i), character.move-action-down(i).
 * Signals: "open-requested" (ConvaiCharacter) after a clone, "deleted" (id)
 * after a delete. */
TroupeCharacterPage   *troupe_character_page_new            (TroupeContext         *context);
ConvaiCharacter       *troupe_character_page_get_character  (TroupeCharacterPage   *self);
/* Switching keeps the current character's draft on disk. */
void                   troupe_character_page_set_character  (TroupeCharacterPage   *self,
                                                             ConvaiCharacter       *character);
gboolean               troupe_character_page_get_dirty      (TroupeCharacterPage   *self);
gboolean               troupe_character_page_get_busy       (TroupeCharacterPage   *self);
/* What the form holds now. */
TroupeCharacterDraft  *troupe_character_page_dup_draft      (TroupeCharacterPage   *self);
/* Writes the draft now instead of after the pause. */
void                   troupe_character_page_flush_draft    (TroupeCharacterPage   *self);
/* The same, blocking, for when the application exits. */
void                   troupe_character_page_flush_draft_now (TroupeCharacterPage  *self);
void                   troupe_character_page_focus_name     (TroupeCharacterPage   *self);
/* Where the voice samples play: tests hand it a sink of their own, as
 * there is no sound card under test, and hear when a sample ends. */
TroupeAudioPlayer     *troupe_character_page_get_player     (TroupeCharacterPage   *self);

G_END_DECLS
