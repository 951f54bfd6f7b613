/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <convai.h>

G_BEGIN_DECLS

/* What to call a character whose name may be empty: the name, or
 * "Unnamed character". */
const char *troupe_display_name           (const char      *name);
const char *troupe_character_display_name (ConvaiCharacter *character);

G_END_DECLS
