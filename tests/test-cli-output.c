/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-cli-output.h"
#include "troupe-cli-progress.h"
#include "troupe-cli-transcript.h"
#include "transcript-sample.h"

static void
test_table_aligns_columns (void)
{
  const char *headers[] = { "ID", "NAME", "VOICE", NULL };
  const char *row1[] = { "a1", "Ada", "FEMALE", NULL };
  const char *row2[] = { "b22", "Grace Hopper", "MALE", NULL };
  g_autoptr(TroupeCliTable) table = troupe_cli_table_new (headers);
  g_autofree char *text = NULL;

  troupe_cli_table_add_row (table, row1);
  troupe_cli_table_add_row (table, row2);
  text = troupe_cli_table_render (table);
  g_assert_cmpstr (text, ==,
                   "ID   NAME          VOICE\n"
                   "a1   Ada           FEMALE\n"
                   "b22  Grace Hopper  MALE\n");
  g_assert_cmpuint (troupe_cli_table_get_n_rows (table), ==, 2);
}

static void
test_table_no_trailing_blanks (void)
{
  const char *headers[] = { "A", "LONG HEADER", NULL };
  const char *row[] = { "x", "", NULL };
  g_autoptr(TroupeCliTable) table = troupe_cli_table_new (headers);
  g_autofree char *text = NULL;

  troupe_cli_table_add_row (table, row);
  text = troupe_cli_table_render (table);
  g_assert_cmpstr (text, ==, "A  LONG HEADER\nx\n");
}

static void
test_table_short_row_and_null (void)
{
  const char *headers[] = { "A", "B", "C", NULL };
  const char *row[] = { "1", NULL };
  g_autoptr(TroupeCliTable) table = troupe_cli_table_new (headers);
  g_autofree char *text = NULL;

  troupe_cli_table_add_row (table, row);
  text = troupe_cli_table_render (table);
  g_assert_cmpstr (text, ==, "A  B  C\n1\n");
}

static void
test_table_truncates_and_flattens (void)
{
  const char *headers[] = { "NAME", "NOTE", NULL };
  const char *row[] = { "Ada, the lighthouse keeper", "line one\nline two\ttab", NULL };
  g_autoptr(TroupeCliTable) table = troupe_cli_table_new (headers);
  g_autofree char *text = NULL;

  troupe_cli_table_set_max_width (table, 0, 10);
  troupe_cli_table_add_row (table, row);
  text = troupe_cli_table_render (table);
  g_assert_cmpstr (text, ==,
                   "NAME        NOTE\n"
                   "Ada, the …  line one line two tab\n");
}

static void
test_wide_characters (void)
{
  const char *headers[] = { "NAME", "X", NULL };
  const char *row1[] = { "日本語", "1", NULL };
  const char *row2[] = { "Zoë", "2", NULL };
  g_autoptr(TroupeCliTable) table = troupe_cli_table_new (headers);
  g_autofree char *text = NULL;
  g_autofree char *cut = NULL;

  g_assert_cmpuint (troupe_cli_display_width ("日本語"), ==, 6);
  g_assert_cmpuint (troupe_cli_display_width ("Zoe\xcc\x88"), ==, 3);
  troupe_cli_table_add_row (table, row1);
  troupe_cli_table_add_row (table, row2);
  text = troupe_cli_table_render (table);
  g_assert_cmpstr (text, ==, "NAME    X\n日本語  1\nZoë     2\n");

  /* A wide character that does not fit whole is left out. */
  cut = troupe_cli_cell_text ("日本語", 4);
  g_assert_cmpstr (cut, ==, "日…");
}

static void
test_cell_invalid_utf8 (void)
{
  g_autofree char *text = troupe_cli_cell_text ("ok\xff", 0);

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_str_has_prefix (text, "ok"));
}

static void
test_fields (void)
{
  const char *fields[] = {
    "ID", "c1",
    "Languages", NULL,
    "Backstory", "First line.\nSecond line.",
  };
  g_autofree char *text = troupe_cli_render_fields (fields, G_N_ELEMENTS (fields) / 2);

  g_assert_cmpstr (text, ==,
                   "ID:         c1\n"
                   "Backstory:  First line.\n"
                   "            Second line.\n");
}

static void
test_json (void)
{
  g_autoptr(JsonNode) node = json_from_string ("{\"a\":[1,\"x\"]}", NULL);
  g_autofree char *text = troupe_cli_json_to_string (node);
  g_autoptr(JsonNode) back = json_from_string (text, NULL);

  g_assert_nonnull (back);
  g_assert_true (json_node_equal (node, back));
  g_assert_nonnull (strchr (text, '\n'));
}

/* g_format_size() puts a no-break space before the unit. */
static char *
progress (const char *label,
          guint64     done,
          guint64     total,
          double      seconds,
          guint       width)
{
  g_autofree char *text = troupe_cli_progress_format (label, done, total, seconds, width);
  g_auto(GStrv) parts = g_strsplit (text, "\u00a0", -1);

  return g_strjoinv (" ", parts);
}

static void
test_progress_format (void)
{
  g_autofree char *half = progress ("notes.md", 512 * 1024, 1024 * 1024, 0, 10);
  g_autofree char *rate = progress (NULL, 2 * 1024 * 1024, 4 * 1024 * 1024, 2.0, 4);
  g_autofree char *empty = progress ("e", 0, 0, 0, 4);
  g_autofree char *over = progress ("o", 9, 4, 0, 4);

  g_assert_cmpstr (half, ==, "notes.md [#####-----]  50%  512.0 KiB / 1.0 MiB");
  g_assert_cmpstr (rate, ==, "[##--]  50%  2.0 MiB / 4.0 MiB  1.0 MiB/s");
  /* An empty file is done at once, not a division by zero. */
  g_assert_cmpstr (empty, ==, "e [####] 100%  0 bytes / 0 bytes");
  g_assert_true (g_str_has_prefix (over, "o [####] 100%"));
}

static void
test_transcript_text (void)
{
  g_autoptr(GListModel) interactions = troupe_test_sample_interactions ();
  g_autofree char *text = troupe_cli_transcript_to_text (interactions);

  g_assert_cmpstr (text, ==,
                   "[2024-05-01 10:00:00]\n"
                   "User:       Hello there\n"
                   "Character:  Good evening.\n"
                   "\n"
                   "[2024-05-01 10:01:00] (trigger)\n"
                   "User:       (nothing)\n"
                   "Character:  Pardon?\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/troupe/cli-output/table-aligns-columns", test_table_aligns_columns);
  g_test_add_func ("/troupe/cli-output/table-no-trailing-blanks", test_table_no_trailing_blanks);
  g_test_add_func ("/troupe/cli-output/table-short-row", test_table_short_row_and_null);
  g_test_add_func ("/troupe/cli-output/table-truncates", test_table_truncates_and_flattens);
  g_test_add_func ("/troupe/cli-output/wide-characters", test_wide_characters);
  g_test_add_func ("/troupe/cli-output/invalid-utf8", test_cell_invalid_utf8);
  g_test_add_func ("/troupe/cli-output/fields", test_fields);
  g_test_add_func ("/troupe/cli-output/json", test_json);
  g_test_add_func ("/troupe/cli-output/progress-format", test_progress_format);
  g_test_add_func ("/troupe/cli-output/transcript-text", test_transcript_text);
  return g_test_run ();
}
