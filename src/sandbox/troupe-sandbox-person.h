/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Rewrites a third-person sentence about the character ("Ada keeps the
 * lamp. She lives alone.") in the character's own voice ("I keep the
 * lamp.", "I live alone."). `gender` ("MALE", "FEMALE" or NULL) says
 * which pronouns mean the character. A heuristic, deterministic and pure:
 * sentences already in the first person are returned unchanged. */
char *troupe_sandbox_first_person (const char *sentence,
                                   const char *character_name,
                                   const char *gender);

G_END_DECLS
