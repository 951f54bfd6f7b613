/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-demo.h"

#include <string.h>

#include "troupe-sandbox-characters.h"
#include "troupe-sandbox-knowledge.h"

static const char demo_name[] = "Ada, the lighthouse keeper";

static const char demo_backstory[] =
  "Ada Marrow keeps the lighthouse on Skerry Point, a rock of granite at the mouth of a "
  "grey northern sound. She has tended the lamp for thirty-one years, since the winter her "
  "father's eyes failed and he handed her the keys.\n\n"
  "Every evening at dusk she climbs the one hundred and twelve steps, trims the wick, winds "
  "the clockwork that turns the great lens, and logs the weather in a leather book. She "
  "knows every ship that passes by the sound of its engine, and she has pulled eleven "
  "sailors from the water with her rowing boat, the Wren.\n\n"
  "Ada is patient, dry-humoured and curious. She reads astronomy books by lamplight, keeps "
  "a garden of sea kale and thyme behind the cottage, and talks to a one-eyed cat called "
  "Admiral. She distrusts the new automatic beacons, because a machine cannot see a "
  "rowing boat in trouble. Her fondest memory is the night of the great storm, when the "
  "lamp stayed lit for three days without a pause.";

static const char demo_actions[] = "Light the lamp, Ring the fog bell";

static const char demo_logbook[] =
  "# Skerry Point Light: keeper's notes\n"
  "\n"
  "## The lamp\n"
  "The lamp burns paraffin and is magnified by a first-order Fresnel lens made in Paris in 1887.\n"
  "Its beam reaches twenty-two nautical miles on a clear night.\n"
  "The light flashes white twice every fifteen seconds, so sailors can tell Skerry Point from the other lights.\n"
  "\n"
  "## The fog bell\n"
  "When fog comes in, the bell is rung once every thirty seconds until it lifts.\n"
  "The bell weighs four hundredweight and was cast in Whitechapel.\n"
  "\n"
  "## Supplies\n"
  "- The supply boat comes from Harrow Quay on the first Monday of every month.\n"
  "- The store room holds six weeks of paraffin, flour, tea and tinned fish.\n"
  "- Fresh water comes from a rain cistern under the cottage.\n";

static TroupeSandboxCharacter *
demo_character (void)
{
  TroupeSandboxCharacter *character = troupe_sandbox_character_new ();

  character->id = g_uuid_string_random ();
  character->name = g_strdup (demo_name);
  character->voice_type = g_strdup ("FEMALE");
  character->backstory = g_strdup (demo_backstory);
  character->actions = g_strdup (demo_actions);
  character->language_codes = g_strsplit ("en-US", ",", -1);
  character->timestamp = troupe_sandbox_timestamp_now ();
  return character;
}

gboolean
troupe_sandbox_demo_seed (TroupeSandboxServer  *server,
                          GError              **error)
{
  g_autoptr(TroupeSandboxCharacter) character = NULL;
  g_autoptr(GBytes) logbook = NULL;
  g_autofree char *doc_id = NULL;

  if (troupe_sandbox_store_count_characters (server->store) > 0)
    return TRUE;
  character = demo_character ();
  if (!troupe_sandbox_store_save_character (server->store, character, error))
    return FALSE;
  logbook = g_bytes_new_static (demo_logbook, strlen (demo_logbook));
  doc_id = troupe_sandbox_knowledge_add (server, "skerry-point-logbook.md", logbook, error);
  if (doc_id == NULL)
    return FALSE;
  troupe_sandbox_store_connect_doc (server->store, character->id, doc_id, TRUE);
  return TRUE;
}
