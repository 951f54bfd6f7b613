/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "troupe-transcript"

#include "config.h"

#include "troupe-transcript.h"

/* Audio that was not understood leaves an empty message: say so rather
 * than print nothing. */
const char *
troupe_transcript_message_text (ConvaiInteraction *interaction,
                                guint              index)
{
  const char *text = convai_interaction_get_text (interaction, index);

  return text != NULL && text[0] != '\0' ? text : "(nothing)";
}

char *
troupe_transcript_to_markdown (const char *char_id,
                               const char *session_id,
                               GListModel *interactions)
{
  GString *out = g_string_new (NULL);
  guint n = g_list_model_get_n_items (interactions);

  g_string_append_printf (out, "# Chat session %s\n\n", session_id);
  g_string_append_printf (out, "- Character: `%s`\n", char_id);
  g_string_append_printf (out, "- Exchanges: %u\n", n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiInteraction) interaction = g_list_model_get_item (interactions, i);
      guint n_messages = convai_interaction_get_n_messages (interaction);

      g_string_append_printf (out, "\n## %s%s\n",
                              convai_interaction_get_timestamp (interaction),
                              convai_interaction_get_is_trigger_input (interaction) ? " (trigger)" : "");
      for (guint m = 0; m < n_messages; m++)
        g_string_append_printf (out, "\n**%s:** %s\n",
                                convai_interaction_get_speaker (interaction, m),
                                troupe_transcript_message_text (interaction, m));
    }
  return g_string_free (out, FALSE);
}

char *
troupe_transcript_to_json (GListModel *interactions)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *text = NULL;
  guint n = g_list_model_get_n_items (interactions);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiInteraction) interaction = g_list_model_get_item (interactions, i);

      json_array_add_element (array, convai_interaction_to_json (interaction));
    }
  json_node_set_array (node, array);
  /* Pretty, two spaces: what `troupe-cli --json` prints everywhere else. */
  text = json_to_string (node, TRUE);
  return g_strconcat (text, "\n", NULL);
}
