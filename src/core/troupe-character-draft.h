/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <convai.h>

G_BEGIN_DECLS

/* What the editor holds for one character: the editable fields as the user
 * left them. Compared with the saved character it says whether there are
 * unsaved changes and which fields a save must send. Written to disk as a
 * small JSON document so edits outlive a crash or a failed save. */
#define TROUPE_TYPE_CHARACTER_DRAFT (troupe_character_draft_get_type ())

typedef struct
{
  char  *name;
  char  *voice_type;
  char  *backstory;
  char **language_codes;
  char **actions;
} TroupeCharacterDraft;

GType                 troupe_character_draft_get_type           (void) G_GNUC_CONST;
TroupeCharacterDraft *troupe_character_draft_new                (void);
TroupeCharacterDraft *troupe_character_draft_new_from_character (ConvaiCharacter            *character);
TroupeCharacterDraft *troupe_character_draft_copy               (const TroupeCharacterDraft *self);
void                  troupe_character_draft_free               (TroupeCharacterDraft       *self);

gboolean              troupe_character_draft_differs            (const TroupeCharacterDraft *self,
                                                                 ConvaiCharacter            *saved);
/* Only the fields that differ from @saved; empty when nothing does. */
ConvaiCharacterPatch *troupe_character_draft_make_patch         (const TroupeCharacterDraft *self,
                                                                 ConvaiCharacter            *saved);
/* Makes @character hold the draft's fields (after a successful save). */
void                  troupe_character_draft_apply              (const TroupeCharacterDraft *self,
                                                                 ConvaiCharacter            *character);
/* The server's copy changed under unsaved edits: each field the person left
 * as it was in @saved takes the server's value; edited fields stay. TRUE when
 * a field changed. @saved is the copy the draft was made from. */
gboolean              troupe_character_draft_rebase             (TroupeCharacterDraft       *self,
                                                                 ConvaiCharacter            *saved,
                                                                 const TroupeCharacterDraft *server);

/* {"version": 1, "charID": ..., "savedAt": ISO 8601, "fields": {...}} */
JsonNode             *troupe_character_draft_to_json            (const TroupeCharacterDraft *self,
                                                                 const char                 *char_id);
TroupeCharacterDraft *troupe_character_draft_new_from_json      (JsonNode                   *node,
                                                                 char                      **char_id,
                                                                 GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TroupeCharacterDraft, troupe_character_draft_free)

G_END_DECLS
