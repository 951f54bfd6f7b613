/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The changed fields of a character/update call, and nothing else: the
 * update sends only what was set here. Actions go out as the one
 * comma-separated `action` string the endpoint documents; documents to
 * connect or disconnect go out as `docs` entries. */
#define CONVAI_TYPE_CHARACTER_PATCH (convai_character_patch_get_type ())

typedef struct _ConvaiCharacterPatch ConvaiCharacterPatch;

GType                 convai_character_patch_get_type            (void) G_GNUC_CONST;
ConvaiCharacterPatch *convai_character_patch_new                 (void);
ConvaiCharacterPatch *convai_character_patch_ref                 (ConvaiCharacterPatch *self);
void                  convai_character_patch_unref               (ConvaiCharacterPatch *self);

void                  convai_character_patch_set_name            (ConvaiCharacterPatch *self,
                                                                   const char           *name);
void                  convai_character_patch_set_voice_type      (ConvaiCharacterPatch *self,
                                                                   const char           *voice_type);
void                  convai_character_patch_set_backstory       (ConvaiCharacterPatch *self,
                                                                   const char           *backstory);
void                  convai_character_patch_set_actions         (ConvaiCharacterPatch *self,
                                                                   const char * const   *actions);
void                  convai_character_patch_set_language_codes  (ConvaiCharacterPatch *self,
                                                                   const char * const   *codes);
void                  convai_character_patch_set_document_connected (ConvaiCharacterPatch *self,
                                                                   const char           *doc_id,
                                                                   gboolean              connected);
gboolean              convai_character_patch_is_empty            (ConvaiCharacterPatch *self);

/* The request body of character/update for @char_id. */
JsonNode             *convai_character_patch_to_json             (ConvaiCharacterPatch *self,
                                                                   const char           *char_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConvaiCharacterPatch, convai_character_patch_unref)

G_END_DECLS
