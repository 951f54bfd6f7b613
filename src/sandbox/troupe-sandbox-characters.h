/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "troupe-sandbox-server.h"

G_BEGIN_DECLS

/* character/create, update, get, list, delete and user/clone_character. */
void        troupe_sandbox_characters_register (TroupeSandboxServer          *server);

/* The character as Convai shows it, extra fields included. */
JsonObject *troupe_sandbox_character_to_json   (const TroupeSandboxCharacter *character);

/* "2024-09-17 20:51:09.216522", as Convai stamps records. */
char       *troupe_sandbox_timestamp_now       (void);

G_END_DECLS
