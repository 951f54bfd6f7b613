/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <convai.h>

#include <string.h>

/* Events as "type|data" strings, so runs compare with one strv check; a
 * stream that ends inside an event ends the list with "CUT". */
static void
record_event_cb (const char *event_type,
                 const char *data,
                 gsize       len,
                 gpointer    user_data)
{
  GPtrArray *events = user_data;

  g_assert_cmpuint (strlen (data), ==, len);
  g_ptr_array_add (events, g_strdup_printf ("%s|%s", event_type, data));
}

/* Feeds @stream cut at each offset in @cuts (ascending, then -1). */
static GStrv
parse_with_cuts (const char *stream,
                 const gsize *cuts,
                 guint        n_cuts)
{
  GPtrArray *events = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ConvaiSseParser) parser = convai_sse_parser_new (record_event_cb, events);
  gsize len = strlen (stream), start = 0;

  for (guint i = 0; i < n_cuts; i++)
    {
      convai_sse_parser_feed (parser, stream + start, cuts[i] - start);
      start = cuts[i];
    }
  convai_sse_parser_feed (parser, stream + start, len - start);
  if (!convai_sse_parser_finish (parser))
    g_ptr_array_add (events, g_strdup ("CUT"));
  g_ptr_array_add (events, NULL);
  return (GStrv) g_ptr_array_free (events, FALSE);
}

static GStrv
parse_whole (const char *stream)
{
  return parse_with_cuts (stream, NULL, 0);
}

static void
assert_events (const char         *stream,
               const char * const *expected)
{
  g_auto(GStrv) events = parse_whole (stream);

  g_assert_cmpstrv (events, expected);
}

/* What Convai's streamed getResponse sends, and the sandbox too. */
static const char *recorded[] = {
  "data: {\"sessionID\": \"abc\"}\n\n"
  "data: {\"text\": \"Hello \"}\n\n"
  "data: {\"text\": \"there. \"}\n\n"
  "data: {\"audio\": \"UklGRg==\", \"sample_rate\": 22050}\n\n"
  "data: {\"tag\": \"end\"}\n\n",

  "data: {\"sessionID\": \"abc\"}\r\n\r\ndata: {\"text\": \"Hi \"}\r\n\r\n: ping\r\n\r\ndata: {\"tag\": \"end\"}\r\n\r\n",

  "data: one\rdata: two\r\rdata: three\r\r",

  "\xEF\xBB\xBF" "event: starter\nid: 7\ndata: first line\ndata: second line\n\n"
  ": comment\ndata:no space\n\ndata\n\nevent: ignored\n\ndata: last without blank line",

  "data: {\"text\": \"a\"}\n\ndata: {\"text\": \"b\"}\r\n\r\ndata: {\"text\": \"c\"}\r\rdata: tail\r\n",
};

static void
test_basic_framing (void)
{
  const char *expected[] = {
    "message|{\"sessionID\": \"abc\"}", "message|{\"text\": \"Hello \"}",
    "message|{\"text\": \"there. \"}",
    "message|{\"audio\": \"UklGRg==\", \"sample_rate\": 22050}",
    "message|{\"tag\": \"end\"}", NULL
  };

  assert_events (recorded[0], expected);
}

static void
test_crlf (void)
{
  const char *expected[] = {
    "message|{\"sessionID\": \"abc\"}", "message|{\"text\": \"Hi \"}", "message|{\"tag\": \"end\"}", NULL
  };

  assert_events (recorded[1], expected);
}

static void
test_cr (void)
{
  const char *expected[] = { "message|one\ntwo", "message|three", NULL };

  assert_events (recorded[2], expected);
}

static void
test_multiline_comments_fields (void)
{
  const char *expected[] = {
    "starter|first line\nsecond line", "message|no space", "message|", "CUT", NULL
  };

  assert_events (recorded[3], expected);
}

/* An event counts once its blank line is in: a stream that stops inside
 * one was cut, and its half ("What is yo") must not pass for a whole. */
static void
test_unterminated_event_dropped (void)
{
  const char *cut[] = { "CUT", NULL };
  const char *first_only[] = { "message|What is your name?", "CUT", NULL };
  const char *whole[] = { "message|a", NULL };
  const char *nothing[] = { NULL };

  assert_events ("data: a\n", cut);
  assert_events ("data: b", cut);
  assert_events ("data: What is your name?\n\ndata: What is yo", first_only);
  assert_events ("data: What is your name?\n\ndata: What is your job?\n", first_only);
  assert_events ("event: starter\n", cut);
  assert_events (": only a comment", cut);
  assert_events ("data: a\n\n", whole);
  assert_events ("data: a\r\n\r\n", whole);
  assert_events ("data: a\n\n: ping\n", whole);
  assert_events ("", nothing);
}

static void
test_value_spacing (void)
{
  const char *expected[] = { "message| two spaces", "message|x:y", NULL };

  assert_events ("data:  two spaces\n\ndata: x:y\n\n", expected);
}

static void
test_last_event_id (void)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ConvaiSseParser) parser = convai_sse_parser_new (record_event_cb, events);

  g_assert_null (convai_sse_parser_get_last_event_id (parser));
  convai_sse_parser_feed (parser, "id: 42\ndata: x\n\n", 16);
  g_assert_cmpstr (convai_sse_parser_get_last_event_id (parser), ==, "42");
  g_assert_cmpuint (events->len, ==, 1);
}

/* The heart of it: every single cut point, and byte by byte, give the
 * events the whole stream gives. */
static void
test_every_split (void)
{
  for (guint r = 0; r < G_N_ELEMENTS (recorded); r++)
    {
      const char *stream = recorded[r];
      gsize len = strlen (stream);
      g_auto(GStrv) reference = parse_whole (stream);
      g_autofree gsize *all_cuts = g_new (gsize, len);

      g_assert_cmpuint (g_strv_length (reference), >, 0);
      for (gsize cut = 0; cut <= len; cut++)
        {
          g_auto(GStrv) events = parse_with_cuts (stream, &cut, 1);
          g_assert_cmpstrv (events, reference);
        }
      for (gsize i = 0; i < len; i++)
        all_cuts[i] = i;
      {
        g_auto(GStrv) events = parse_with_cuts (stream, all_cuts, len);
        g_assert_cmpstrv (events, reference);
      }
      /* Every pair of cuts too: catches a "\r" and "\n" landing in
       * different feeds with a third feed after them. */
      for (gsize a = 0; a <= len; a += 1)
        for (gsize b = a; b <= len; b += 3)
          {
            gsize cuts[2] = { a, b };
            g_auto(GStrv) events = parse_with_cuts (stream, cuts, 2);
            g_assert_cmpstrv (events, reference);
          }
    }
}

static void
test_reuse_after_finish (void)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ConvaiSseParser) parser = convai_sse_parser_new (record_event_cb, events);

  /* "a" never got its blank line: dropped, and the next stream starts
   * afresh (its leading "\n" is a blank line of its own). */
  convai_sse_parser_feed (parser, "data: a\r", 8);
  g_assert_false (convai_sse_parser_finish (parser));
  convai_sse_parser_feed (parser, "\ndata: b\n\n", 10);
  g_assert_true (convai_sse_parser_finish (parser));
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (events->pdata[0], ==, "message|b");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/troupe/sse-parser/basic-framing", test_basic_framing);
  g_test_add_func ("/troupe/sse-parser/crlf", test_crlf);
  g_test_add_func ("/troupe/sse-parser/cr", test_cr);
  g_test_add_func ("/troupe/sse-parser/multiline-comments-fields", test_multiline_comments_fields);
  g_test_add_func ("/troupe/sse-parser/unterminated-event-dropped", test_unterminated_event_dropped);
  g_test_add_func ("/troupe/sse-parser/value-spacing", test_value_spacing);
  g_test_add_func ("/troupe/sse-parser/last-event-id", test_last_event_id);
  g_test_add_func ("/troupe/sse-parser/every-split", test_every_split);
  g_test_add_func ("/troupe/sse-parser/reuse-after-finish", test_reuse_after_finish);
  return g_test_run ();
}
