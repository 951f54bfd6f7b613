/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sandbox's pure pieces: sentence splitting, search queries, document
 * formats, first-person rewriting, WAV headers, the language model. */
#include <stdio.h>
#include <string.h>

#include "troupe-sandbox-language-model.h"
#include "troupe-sandbox-person.h"
#include "troupe-sandbox-starters.h"
#include "troupe-sandbox-text.h"
#include "troupe-sandbox-voices.h"
#include "troupe-sandbox-wav.h"

static void
assert_sentences (const char         *text,
                  const char * const *expected)
{
  g_autoptr(GPtrArray) sentences = troupe_sandbox_text_sentences (text);

  g_assert_cmpuint (sentences->len, ==, g_strv_length ((char **) expected));
  for (guint i = 0; i < sentences->len; i++)
    g_assert_cmpstr (g_ptr_array_index (sentences, i), ==, expected[i]);
}

static void
test_sentences (void)
{
  assert_sentences ("One.  Two!\nStill two? \"Three.\" Four", (const char *[]) {
                      "One.", "Two!", "Still two?", "\"Three.\"", "Four", NULL });
  /* A blank line ends a paragraph, and its sentence, even unpunctuated. */
  assert_sentences ("# Heading\n\n  \nBody text here.\n", (const char *[]) {
                      "# Heading", "Body text here.", NULL });
  /* Decimals and versions are not sentence ends. */
  assert_sentences ("It costs 3.50 pounds. Version 1.2 works.", (const char *[]) {
                      "It costs 3.50 pounds.", "Version 1.2 works.", NULL });
  assert_sentences ("", (const char *[]) { NULL });
}

static void
test_fts_query (void)
{
  g_autofree char *query = troupe_sandbox_text_fts_query ("What is the LAMP's beam, and the lamp? NEAR(\"x\") AND OR *");
  g_autofree char *empty = troupe_sandbox_text_fts_query ("What is it?");

  /* Stop words dropped, duplicates once, every term quoted so FTS5
   * operators in a question stay plain words. */
  g_assert_cmpstr (query, ==, "\"lamp's\" OR \"beam\" OR \"lamp\" OR \"near\"");
  g_assert_null (empty);
}

static void
test_markdown (void)
{
  g_autofree char *text = troupe_sandbox_text_from_markdown (
    "# The lamp\n\nIt burns **paraffin** and [oil](http://x.invalid).\n\n```\ncode();\n```\n- first item\n- second\n");

  assert_sentences (text, (const char *[]) {
                      "The lamp.", "It burns paraffin and oil.", "first item.", "second.", NULL });
}

static void
test_csv (void)
{
  g_autofree char *text = troupe_sandbox_text_from_csv ("name,price\n\"comb honey, cut\",\"twelve \"\"fine\"\" pounds\"\n\nwax,\n");
  g_autoptr(GPtrArray) sentences = troupe_sandbox_text_sentences (text);

  g_assert_cmpuint (sentences->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (sentences, 0), ==, "name: comb honey, cut; price: twelve \"fine\" pounds.");
  g_assert_cmpstr (g_ptr_array_index (sentences, 1), ==, "name: wax.");
}

static void
assert_first_person_as (const char *sentence,
                        const char *name,
                        const char *gender,
                        const char *expected)
{
  g_autofree char *spoken = troupe_sandbox_first_person (sentence, name, gender);

  g_assert_cmpstr (spoken, ==, expected);
}

static void
assert_first_person (const char *sentence,
                     const char *name,
                     const char *expected)
{
  g_autofree char *spoken = troupe_sandbox_first_person (sentence, name, NULL);

  g_assert_cmpstr (spoken, ==, expected);
}

static void
test_first_person (void)
{
  const char *ada = "Ada, the lighthouse keeper";

  assert_first_person ("Ada Marrow keeps the lighthouse.", ada, "I keep the lighthouse.");
  assert_first_person ("She has tended the lamp for years.", ada, "I have tended the lamp for years.");
  assert_first_person ("Every evening she climbs the steps, trims the wick and logs the weather.", ada,
                       "Every evening I climb the steps, trim the wick and log the weather.");
  assert_first_person ("Her fondest memory is the storm.", ada, "My fondest memory is the storm.");
  assert_first_person ("Ada is patient.", ada, "I am patient.");
  assert_first_person ("The sailors thanked her.", ada, "The sailors thanked me.");
  assert_first_person ("He often watches the ships.", "Tom", "I often watch the ships.");
  assert_first_person ("She carries cats, dogs and birds.", ada, "I carry cats, dogs and birds.");
  /* With a gender, other people's pronouns stay theirs. */
  assert_first_person_as ("She took the lamp when her father failed and he handed her the keys.", ada, "FEMALE",
                          "I took the lamp when my father failed and he handed me the keys.");
  assert_first_person_as ("He met her at the harbour.", "Tom", "MALE", "I met her at the harbour.");
  /* Already in the first person: untouched. */
  assert_first_person ("I am Ada and she is my friend.", ada, "I am Ada and she is my friend.");
}

static void
test_topics (void)
{
  g_autoptr(GPtrArray) sentences = troupe_sandbox_text_sentences (
    "Ada keeps the lamp at Skerry Point. The lamp burns paraffin. Ships pass Skerry Point at night. "
    "The lamp never fails.");
  g_autoptr(GPtrArray) topics = troupe_sandbox_topics (sentences, "Ada", 2);

  g_assert_cmpuint (topics->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (topics, 0), ==, "Skerry Point");
  g_assert_cmpstr (g_ptr_array_index (topics, 1), ==, "the lamp");
}

static GBytes *
wav_with (guint format,
          guint channels,
          guint bits,
          guint32 data_size_field)
{
  guint8 header[44 + 8] = { 0 };

  memcpy (header, "RIFF", 4);
  memcpy (header + 8, "WAVEfmt ", 8);
  header[16] = 16;
  header[20] = format & 0xff;
  header[21] = format >> 8;
  header[22] = channels;
  header[24] = 0x80;
  header[25] = 0x3e;   /* 16000 Hz */
  header[32] = channels * bits / 8;
  header[34] = bits;
  memcpy (header + 36, "data", 4);
  memcpy (header + 40, &data_size_field, 4);
  return g_bytes_new (header, sizeof header);
}

static void
test_wav_checks (void)
{
  struct { guint format, channels, bits; const char *complaint; } cases[] = {
    { 1, 1, 16, NULL },
    { 1, 1, 24, NULL },
    { 1, 2, 16, "mono" },
    { 1, 1, 8, "16 bits" },
    { 3, 1, 32, "PCM" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) wav = wav_with (cases[i].format, cases[i].channels, cases[i].bits, 8);
      g_autofree char *error = NULL;
      gboolean ok = troupe_sandbox_wav_check_input (wav, &error);

      g_assert_cmpint (ok, ==, cases[i].complaint == NULL);
      if (!ok)
        g_assert_nonnull (strstr (error, cases[i].complaint));
    }
  {
    g_autoptr(GBytes) junk = g_bytes_new_static ("not a wav", 9);
    g_autofree char *error = NULL;

    g_assert_false (troupe_sandbox_wav_check_input (junk, &error));
    g_assert_nonnull (strstr (error, "RIFF"));
  }
}

static void
test_wav_streamed_header_and_padding (void)
{
  /* A streaming writer's placeholder size: the data runs to the end. */
  g_autoptr(GBytes) streamed = wav_with (1, 1, 16, 0x7fff0000);
  g_autoptr(GBytes) padded = troupe_sandbox_wav_pad_silence (streamed, 0.5);
  TroupeSandboxWavInfo info;
  g_autofree char *error = NULL;

  g_assert_true (troupe_sandbox_wav_parse (streamed, &info, &error));
  g_assert_cmpuint (info.data_size, ==, 8);
  g_assert_true (troupe_sandbox_wav_parse (padded, &info, &error));
  g_assert_cmpuint (info.data_size, ==, 8 + 2 * 16000);
  g_assert_cmpuint (g_bytes_get_size (padded), ==, 44 + 8 + 2 * 16000);
}

static void
test_wav_writer (void)
{
  const guint8 pcm[] = { 1, 0, 2, 0 };
  g_autoptr(GBytes) wav = troupe_sandbox_wav_new_s16_mono (pcm, sizeof pcm, 22050);
  TroupeSandboxWavInfo info;
  g_autofree char *error = NULL;

  g_assert_true (troupe_sandbox_wav_parse (wav, &info, &error));
  g_assert_cmpuint (info.format, ==, 1);
  g_assert_cmpuint (info.channels, ==, 1);
  g_assert_cmpuint (info.bits_per_sample, ==, 16);
  g_assert_cmpuint (info.sample_rate, ==, 22050);
  g_assert_cmpuint (info.data_size, ==, 4);
}

static void
test_language_model (void)
{
  g_autoptr(GHashTable) dictionary = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) corpus = troupe_sandbox_text_sentences ("The lamp burns bright. The lamp turns.");
  const char *known[] = { "the", "lamp", "burns", "bright", "turns", "tell", "me", "about", NULL };
  g_autofree char *model = NULL;
  g_auto(GStrv) lines = NULL;
  guint unigrams = 0, bigrams = 0, section = 0, declared_uni = 0, declared_bi = 0;

  for (guint i = 0; known[i] != NULL; i++)
    g_hash_table_add (dictionary, (gpointer) known[i]);
  model = troupe_sandbox_language_model_build (corpus, dictionary);
  lines = g_strsplit (model, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (sscanf (lines[i], "ngram 1=%u", &declared_uni) == 1 || sscanf (lines[i], "ngram 2=%u", &declared_bi) == 1)
        continue;
      if (g_str_equal (lines[i], "\\1-grams:") || g_str_equal (lines[i], "\\2-grams:"))
        section++;
      else if (*lines[i] != '\0' && section == 1)
        unigrams++;
      else if (*lines[i] != '\0' && section == 2 && lines[i][0] != '\\')
        bigrams++;
    }
  g_assert_true (g_str_has_prefix (model, "\\data\\\n"));
  g_assert_true (g_str_has_suffix (model, "\\end\\\n"));
  g_assert_cmpuint (unigrams, ==, declared_uni);
  g_assert_cmpuint (bigrams, ==, declared_bi);
  /* Only pronounceable words: "what" is in the patterns, not the dictionary. */
  g_assert_nonnull (strstr (model, " lamp burns\n"));
  g_assert_null (strstr (model, " what "));
  g_assert_nonnull (strstr (model, " tell me\n"));
}

static void
assert_espeak_voice (const char *voice,
                     const char *language,
                     const char *expected)
{
  g_autofree char *name = troupe_sandbox_voices_espeak_name (voice, language);

  g_assert_cmpstr (name, ==, expected);
}

static void
test_espeak_voices (void)
{
  assert_espeak_voice ("FEMALE", "en-US", "en-us+f3");
  /* A plain voice speaks the character's language, keeping its variant. */
  assert_espeak_voice ("FEMALE", "fr-FR", "fr-fr+f3");
  assert_espeak_voice ("MALE", "es-MX", "es-419+m3");
  assert_espeak_voice ("AZURE_ALVARO", "es-MX", "es+m3");
  assert_espeak_voice ("NO SUCH VOICE", "de-DE", "en-us");
  g_assert_true (troupe_sandbox_voices_is_valid ("us male 1"));
  g_assert_false (troupe_sandbox_languages_is_valid ("xx-XX"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/troupe/sandbox-text/sentences", test_sentences);
  g_test_add_func ("/troupe/sandbox-text/fts-query", test_fts_query);
  g_test_add_func ("/troupe/sandbox-text/markdown", test_markdown);
  g_test_add_func ("/troupe/sandbox-text/csv", test_csv);
  g_test_add_func ("/troupe/sandbox-text/first-person", test_first_person);
  g_test_add_func ("/troupe/sandbox-text/topics", test_topics);
  g_test_add_func ("/troupe/sandbox-text/wav-checks", test_wav_checks);
  g_test_add_func ("/troupe/sandbox-text/wav-streamed-header-and-padding", test_wav_streamed_header_and_padding);
  g_test_add_func ("/troupe/sandbox-text/wav-writer", test_wav_writer);
  g_test_add_func ("/troupe/sandbox-text/language-model", test_language_model);
  g_test_add_func ("/troupe/sandbox-text/espeak-voices", test_espeak_voices);
  return g_test_run ();
}
