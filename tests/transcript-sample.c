/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "transcript-sample.h"

GListModel *
troupe_test_sample_interactions (void)
{
  g_autoptr(JsonNode) node = json_from_string (
    "[{\"timestamp\": \"2024-05-01 10:00:00\", \"is_trigger_input\": false,"
    "  \"interaction\": [{\"speaker\": \"User\", \"message\": \"Hello there\"},"
    "                    {\"speaker\": \"Character\", \"message\": \"Good evening.\"}]},"
    " {\"timestamp\": \"2024-05-01 10:01:00\", \"is_trigger_input\": true,"
    "  \"interaction\": [{\"speaker\": \"User\", \"message\": \"\"},"
    "                    {\"speaker\": \"Character\", \"message\": \"Pardon?\"}]}]", NULL);
  g_autoptr(GError) error = NULL;
  GListModel *model = convai_interaction_list_from_json (node, &error);

  g_assert_no_error (error);
  return model;
}
