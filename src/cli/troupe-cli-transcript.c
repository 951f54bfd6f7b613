/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-cli-transcript.h"
#include "troupe-cli-output.h"

/* Audio that was not understood leaves an empty message: say so rather
 * than print nothing. */
static const char *
shown_text (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : "(nothing)";
}

char *
troupe_cli_transcript_to_markdown (const char *char_id,
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
                                shown_text (convai_interaction_get_text (interaction, m)));
    }
  return g_string_free (out, FALSE);
}

/* For the terminal: each exchange under its timestamp, speakers aligned. */
char *
troupe_cli_transcript_to_text (GListModel *interactions)
{
  GString *out = g_string_new (NULL);
  guint n = g_list_model_get_n_items (interactions);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConvaiInteraction) interaction = g_list_model_get_item (interactions, i);
      guint n_messages = convai_interaction_get_n_messages (interaction);
      g_autoptr(GPtrArray) fields = g_ptr_array_new ();
      g_autofree char *block = NULL;

      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "[%s]%s\n", convai_interaction_get_timestamp (interaction),
                              convai_interaction_get_is_trigger_input (interaction) ? " (trigger)" : "");
      for (guint m = 0; m < n_messages; m++)
        {
          g_ptr_array_add (fields, (gpointer) convai_interaction_get_speaker (interaction, m));
          g_ptr_array_add (fields, (gpointer) shown_text (convai_interaction_get_text (interaction, m)));
        }
      block = troupe_cli_render_fields ((const char * const *) fields->pdata, n_messages);
      g_string_append (out, block);
    }
  return g_string_free (out, FALSE);
}

char *
troupe_cli_transcript_to_json (GListModel *interactions)
{
  g_autoptr(JsonNode) node =
    troupe_cli_list_to_json (interactions, (TroupeCliToJson) convai_interaction_to_json);
  g_autofree char *text = troupe_cli_json_to_string (node);

  return g_strconcat (text, "\n", NULL);
}
