/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TROUPE_RECENT_NEVER G_MAXUINT

#define TROUPE_TYPE_RECENT_CHARACTERS (troupe_recent_characters_get_type ())
G_DECLARE_FINAL_TYPE (TroupeRecentCharacters, troupe_recent_characters, TROUPE, RECENT_CHARACTERS, GObject)

/* Which characters were opened in the editor, most recent first, kept in a
 * small text file (one id a line; $XDG_STATE_HOME/troupe/recent-characters
 * by default). Loaded asynchronously at construction; "changed" is emitted
 * when the order changes (also once the file is read). */
TroupeRecentCharacters *troupe_recent_characters_new         (GFile                  *file);
TroupeRecentCharacters *troupe_recent_characters_new_default (void);
/* 0 for the most recent, TROUPE_RECENT_NEVER for one never opened. */
guint                   troupe_recent_characters_get_rank    (TroupeRecentCharacters *self,
                                                              const char             *char_id);
void                    troupe_recent_characters_touch       (TroupeRecentCharacters *self,
                                                              const char             *char_id);
void                    troupe_recent_characters_forget      (TroupeRecentCharacters *self,
                                                              const char             *char_id);
gboolean                troupe_recent_characters_is_loaded   (TroupeRecentCharacters *self);
/* Whether the file is being written. */
gboolean                troupe_recent_characters_is_busy     (TroupeRecentCharacters *self);

G_END_DECLS
