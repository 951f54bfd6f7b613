/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CONVAI_TYPE_CHARACTER (convai_character_get_type ())
G_DECLARE_FINAL_TYPE (ConvaiCharacter, convai_character, CONVAI, CHARACTER, GObject)

/* A character as character/get and character/list describe it. Properties:
 * "id", "name", "voice-type", "backstory", "timestamp" (strings),
 * "language-codes", "actions" (GStrv). Fields the server sent that this
 * object does not know about are kept and written back by _to_json(). */
ConvaiCharacter    *convai_character_new                (void);
ConvaiCharacter    *convai_character_new_from_json      (JsonNode         *node,
                                                          GError          **error);
JsonNode           *convai_character_to_json            (ConvaiCharacter  *self);

const char         *convai_character_get_id             (ConvaiCharacter  *self);
const char         *convai_character_get_name           (ConvaiCharacter  *self);
void                convai_character_set_name           (ConvaiCharacter  *self,
                                                          const char       *name);
const char         *convai_character_get_voice_type     (ConvaiCharacter  *self);
void                convai_character_set_voice_type     (ConvaiCharacter  *self,
                                                          const char       *voice_type);
const char         *convai_character_get_backstory      (ConvaiCharacter  *self);
void                convai_character_set_backstory      (ConvaiCharacter  *self,
                                                          const char       *backstory);
const char         *convai_character_get_timestamp      (ConvaiCharacter  *self);
const char * const *convai_character_get_language_codes (ConvaiCharacter  *self);
void                convai_character_set_language_codes (ConvaiCharacter  *self,
                                                          const char * const *codes);
const char * const *convai_character_get_actions        (ConvaiCharacter  *self);
void                convai_character_set_actions        (ConvaiCharacter  *self,
                                                          const char * const *actions);

/* The unknown fields, as the server sent them (read-only view). */
JsonObject         *convai_character_get_extra          (ConvaiCharacter  *self);

G_END_DECLS
