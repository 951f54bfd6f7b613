/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-seed.h"

#include <string.h>

#include "troupe-sandbox-characters.h"

static const char *const seed_topics[] = {
  "lighthouse", "storm", "harbour", "lantern", "compass", "anchor", "tide", "gull",
  "beacon", "fog", "rowing", "kettle", "astronomy", "thyme", "granite", "paraffin",
};

gboolean
troupe_sandbox_seed_parse (const char  *spec,
                           guint       *n_sessions,
                           guint       *n_turns,
                           guint       *minutes_apart,
                           GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (spec, ":", 3);
  guint64 sessions = 0, turns = 0, minutes = 1;
  guint n_parts = g_strv_length (parts);

  if (n_parts < 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, 1000000, &sessions, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, 100000, &turns, NULL) ||
      (n_parts == 3 && !g_ascii_string_to_unsigned (parts[2], 10, 1, 525600, &minutes, NULL)))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "expected SESSIONS:TURNS[:MINUTES] (1..1000000, 0..100000, 1..525600), got \"%s\"", spec);
      return FALSE;
    }
  *n_sessions = (guint) sessions;
  *n_turns = (guint) turns;
  *minutes_apart = (guint) minutes;
  return TRUE;
}

static TroupeSandboxCharacter *
seed_character (void)
{
  TroupeSandboxCharacter *character = troupe_sandbox_character_new ();

  character->id = g_uuid_string_random ();
  character->name = g_strdup ("Chronicle");
  character->voice_type = g_strdup ("FEMALE");
  character->backstory = g_strdup ("I remember every conversation, for the history browser's tests.");
  character->actions = g_strdup ("");
  character->language_codes = g_strsplit ("en-US", ",", -1);
  character->timestamp = troupe_sandbox_timestamp_now ();
  return character;
}

gboolean
troupe_sandbox_seed_history (TroupeSandboxServer  *server,
                             guint                 n_sessions,
                             guint                 n_turns,
                             guint                 minutes_apart,
                             GError              **error)
{
  g_autoptr(TroupeSandboxCharacter) character = seed_character ();
  gint64 now = g_get_real_time ();

  if (!troupe_sandbox_store_save_character (server->store, character, error))
    return FALSE;
  return troupe_sandbox_store_seed_sessions (server->store, character->id, n_sessions, n_turns,
                                             now, minutes_apart, seed_topics, G_N_ELEMENTS (seed_topics), error);
}
