/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The transcript export formats the app and troupe-cli share
 * (src/common/troupe-transcript.c); the terminal view is test-cli-output's. */
#include "troupe-transcript.h"
#include "transcript-sample.h"

static void
test_markdown (void)
{
  g_autoptr(GListModel) interactions = troupe_test_sample_interactions ();
  g_autofree char *text = troupe_transcript_to_markdown ("c1", "s1", interactions);

  g_assert_cmpstr (text, ==,
                   "# Chat session s1\n"
                   "\n"
                   "- Character: `c1`\n"
                   "- Exchanges: 2\n"
                   "\n"
                   "## 2024-05-01 10:00:00\n"
                   "\n"
                   "**User:** Hello there\n"
                   "\n"
                   "**Character:** Good evening.\n"
                   "\n"
                   "## 2024-05-01 10:01:00 (trigger)\n"
                   "\n"
                   "**User:** (nothing)\n"
                   "\n"
                   "**Character:** Pardon?\n");
}

/* The exact text troupe-cli printed before the export moved here: scripts
 * may read it. */
static void
test_json (void)
{
  g_autoptr(GListModel) interactions = troupe_test_sample_interactions ();
  g_autofree char *text = troupe_transcript_to_json (interactions);

  g_assert_cmpstr (text, ==,
                   "[\n"
                   "  {\n"
                   "    \"timestamp\" : \"2024-05-01 10:00:00\",\n"
                   "    \"is_trigger_input\" : false,\n"
                   "    \"interaction\" : [\n"
                   "      {\n"
                   "        \"speaker\" : \"User\",\n"
                   "        \"message\" : \"Hello there\"\n"
                   "      },\n"
                   "      {\n"
                   "        \"speaker\" : \"Character\",\n"
                   "        \"message\" : \"Good evening.\"\n"
                   "      }\n"
                   "    ]\n"
                   "  },\n"
                   "  {\n"
                   "    \"timestamp\" : \"2024-05-01 10:01:00\",\n"
                   "    \"is_trigger_input\" : true,\n"
                   "    \"interaction\" : [\n"
                   "      {\n"
                   "        \"speaker\" : \"User\",\n"
                   "        \"message\" : \"\"\n"
                   "      },\n"
                   "      {\n"
                   "        \"speaker\" : \"Character\",\n"
                   "        \"message\" : \"Pardon?\"\n"
                   "      }\n"
                   "    ]\n"
                   "  }\n"
                   "]\n");
}

static void
test_empty (void)
{
  g_autoptr(GListStore) none = g_list_store_new (CONVAI_TYPE_INTERACTION);
  g_autofree char *markdown = troupe_transcript_to_markdown ("c1", "s1", G_LIST_MODEL (none));
  g_autofree char *json = troupe_transcript_to_json (G_LIST_MODEL (none));

  g_assert_cmpstr (markdown, ==, "# Chat session s1\n\n- Character: `c1`\n- Exchanges: 0\n");
  g_assert_cmpstr (json, ==, "[]\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/troupe/transcript/markdown", test_markdown);
  g_test_add_func ("/troupe/transcript/json", test_json);
  g_test_add_func ("/troupe/transcript/empty", test_empty);
  return g_test_run ();
}
