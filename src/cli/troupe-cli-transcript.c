/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-cli-transcript.h"
#include "troupe-cli-output.h"
#include "troupe-transcript.h"

/* Each exchange under its timestamp, speakers aligned. */
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
          g_ptr_array_add (fields, (gpointer) troupe_transcript_message_text (interaction, m));
        }
      block = troupe_cli_render_fields ((const char * const *) fields->pdata, n_messages);
      g_string_append (out, block);
    }
  return g_string_free (out, FALSE);
}
