/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <convai.h>
#include <libsoup/soup.h>

#include "convai-client-private.h"
#include "troupe-error-text.h"

static GError *
reply_error (guint       status,
             const char *body)
{
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  return convai_error_new_from_reply (status, NULL, bytes);
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* The advice for a refused key or plan is said once, by the app, as one
 * sentence after the server's own words: no doubled hint, no stray brackets. */
static void
test_unauthorized_advice_is_said_once (void)
{
  g_autoptr(GError) wrong_key = reply_error (401, "{\"API_ERROR\": \"Invalid API key provided.\"}");
  g_autoptr(GError) forbidden = reply_error (403, "");
  g_autofree char *key_text = troupe_error_text ("Could not load the characters", wrong_key);
  g_autofree char *plan_text = troupe_error_text ("Could not save “Ada”", forbidden);

  g_assert_cmpstr (key_text, ==,
                   "Could not load the characters: Invalid API key provided. Check the API key in "
                   "Preferences; most of the Convai API also needs a Professional plan or higher.");
  g_assert_cmpstr (plan_text, ==,
                   "Could not save “Ada”: 403 Forbidden. Your Convai plan may not include this; "
                   "most of the Convai API needs a Professional plan or higher.");
  for (const char *text = key_text; text != NULL; text = text == key_text ? plan_text : NULL)
    {
      g_assert_cmpuint (count (text, "Professional"), ==, 1);
      g_assert_null (strchr (text, '('));
      g_assert_null (strstr (text, ".."));
    }
}

static void
test_words_end_as_a_sentence (void)
{
  g_autoptr(GError) limited = reply_error (429, "{\"API_ERROR\": \"API rate limit exceeded\"}");
  g_autoptr(GError) empty = g_error_new_literal (CONVAI_ERROR, CONVAI_ERROR_SERVER, "  ");
  g_autofree char *limited_text = troupe_error_text ("Could not save", limited);
  g_autofree char *empty_text = troupe_error_text ("Could not save", empty);

  g_assert_cmpstr (limited_text, ==,
                   "Could not save: API rate limit exceeded. Wait a moment, then try again.");
  g_assert_cmpstr (empty_text, ==,
                   "Could not save: No reason was given. The server had a problem; try again in a moment.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/troupe/error-text/unauthorized-advice-is-said-once", test_unauthorized_advice_is_said_once);
  g_test_add_func ("/troupe/error-text/words-end-as-a-sentence", test_words_end_as_a_sentence);
  return g_test_run ();
}
