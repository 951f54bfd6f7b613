/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Voice in and out through troupe-sandbox: a phrase spoken by espeak is
 * transcribed by pocketsphinx; voice replies are valid 16-bit mono WAVs;
 * WAVs the API does not accept are refused with a 400. */
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <string.h>

#include "sandbox-test-client.h"

#define PHRASE "tell me about your garden"
#define KEY_WORD "garden"

static gboolean
plugins_present (void)
{
  const char *elements[] = { "espeak", "pocketsphinx", "wavenc", "wavparse", NULL };

  for (guint i = 0; elements[i] != NULL; i++)
    {
      g_autoptr(GstElementFactory) factory = gst_element_factory_find (elements[i]);

      if (factory == NULL)
        {
          g_autofree char *message = g_strdup_printf ("GStreamer element %s missing: install gstreamer1.0-espeak, "
                                                      "gstreamer1.0-pocketsphinx, pocketsphinx-en-us and "
                                                      "gstreamer1.0-plugins-good", elements[i]);
          g_test_skip (message);
          return FALSE;
        }
    }
  return TRUE;
}

static void
put_le (guint8 *p,
        guint32 value,
        guint   bytes)
{
  for (guint i = 0; i < bytes; i++)
    p[i] = (value >> (8 * i)) & 0xff;
}

/* A canonical 44-byte RIFF header for integer PCM. */
static GByteArray *
wav_header (guint channels,
            guint bits,
            gsize data_size)
{
  GByteArray *wav = g_byte_array_sized_new (44 + data_size);
  guint8 header[44];

  memcpy (header, "RIFF", 4);
  put_le (header + 4, (guint32) (36 + data_size), 4);
  memcpy (header + 8, "WAVEfmt ", 8);
  put_le (header + 16, 16, 4);
  put_le (header + 20, 1, 2);
  put_le (header + 22, channels, 2);
  put_le (header + 24, 16000, 4);
  put_le (header + 28, 16000 * channels * bits / 8, 4);
  put_le (header + 32, channels * bits / 8, 2);
  put_le (header + 34, bits, 2);
  memcpy (header + 36, "data", 4);
  put_le (header + 40, (guint32) data_size, 4);
  g_byte_array_append (wav, header, sizeof header);
  return wav;
}

/* espeak speaks the phrase into a 16 kHz WAV in memory: 16-bit mono for
 * the real question, other layouts for the refusals. */
static GBytes *
speak_to_wav (const char *phrase,
              const char *format,
              int         channels)
{
  g_autofree char *description = g_strdup_printf ("espeak name=voice voice=en-us ! audioconvert ! audioresample ! "
                                                  "audio/x-raw,format=%s,rate=16000,channels=%d,"
                                                  "layout=interleaved ! appsink name=sink sync=false",
                                                  format, channels);
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, &error);
  g_autoptr(GstElement) voice = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GByteArray) pcm = g_byte_array_new ();
  GByteArray *wav;
  GstSample *sample;

  g_assert_no_error (error);
  voice = gst_bin_get_by_name (GST_BIN (pipeline), "voice");
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  g_object_set (voice, "text", phrase, NULL);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  while (g_signal_emit_by_name (sink, "pull-sample", &sample), sample != NULL)
    {
      GstMapInfo map;

      gst_buffer_map (gst_sample_get_buffer (sample), &map, GST_MAP_READ);
      g_byte_array_append (pcm, map.data, (guint) map.size);
      gst_buffer_unmap (gst_sample_get_buffer (sample), &map);
      gst_sample_unref (sample);
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  g_assert_cmpuint (pcm->len, >, 16000);
  wav = wav_header (channels, g_str_equal (format, "U8") ? 8 : 16, pcm->len);
  g_byte_array_append (wav, pcm->data, pcm->len);
  return g_byte_array_free_to_bytes (wav);
}

/* Leaves the audio where a person can listen to it. */
static void
save_output (const char *name,
             GBytes     *data)
{
  const char *dir = g_getenv ("TROUPE_TEST_OUTPUT_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL || g_mkdir_with_parents (dir, 0755) != 0)
    return;
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, g_bytes_get_data (data, NULL), (gssize) g_bytes_get_size (data), NULL);
}

static char *
demo_character (TroupeTestSandbox *sandbox)
{
  g_autoptr(SandboxReply) list = sandbox_post_json (sandbox, "/character/list", "{}");
  g_autoptr(JsonNode) node = sandbox_reply_json (list);
  JsonArray *characters = json_object_get_array_member (json_node_get_object (node), "characters");

  return g_strdup (json_object_get_string_member (json_array_get_object_element (characters, 0), "character_id"));
}

static SandboxReply *
ask_with_audio (TroupeTestSandbox *sandbox,
                const char        *character_id,
                GBytes            *wav,
                const char        *voice_response,
                const char        *stream)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");

  soup_multipart_append_form_string (multipart, "charID", character_id);
  soup_multipart_append_form_string (multipart, "sessionID", "-1");
  soup_multipart_append_form_string (multipart, "voiceResponse", voice_response);
  soup_multipart_append_form_string (multipart, "sample_rate", "16000");
  soup_multipart_append_form_string (multipart, "stream", stream);
  soup_multipart_append_form_file (multipart, "file", "question.wav", "audio/wav", wav);
  return sandbox_post_multipart (sandbox, "/character/getResponse", multipart);
}

/* A complete RIFF WAV, PCM, 16-bit, mono, with as much data as it says. */
static void
assert_valid_wav (const guint8 *data,
                  gsize         size)
{
  g_assert_cmpuint (size, >, 44);
  g_assert_cmpmem (data, 4, "RIFF", 4);
  g_assert_cmpmem (data + 8, 8, "WAVEfmt ", 8);
  g_assert_cmpuint (data[20] | (data[21] << 8), ==, 1);        /* PCM */
  g_assert_cmpuint (data[22] | (data[23] << 8), ==, 1);        /* mono */
  g_assert_cmpuint (data[34] | (data[35] << 8), ==, 16);       /* 16-bit */
  g_assert_cmpmem (data + 36, 4, "data", 4);
  g_assert_cmpuint (GUINT32_FROM_LE (*(guint32 *) (data + 40)), ==, size - 44);
}

static void
test_transcribe_and_speak (void)
{
  const char *args[] = { "--demo", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GBytes) wav = NULL;
  g_autoptr(SandboxReply) reply = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree guchar *audio = NULL;
  gsize audio_size;

  if (!plugins_present ())
    return;
  sandbox = troupe_test_sandbox_start (args);
  id = demo_character (sandbox);
  wav = speak_to_wav (PHRASE, "S16LE", 1);
  save_output ("sandbox-speech-question.wav", wav);
  reply = ask_with_audio (sandbox, id, wav, "True", "False");
  node = sandbox_reply_json (reply);
  g_test_message ("heard \"%s\", answered \"%s\"", sandbox_json_string (node, "UserQuery"),
                  sandbox_json_string (node, "text"));
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_nonnull (strstr (sandbox_json_string (node, "UserQuery"), KEY_WORD));
  /* The question was understood: the answer is about the garden. */
  g_assert_nonnull (strstr (sandbox_json_string (node, "text"), KEY_WORD));
  g_assert_cmpstr (sandbox_json_string (node, "sample_rate"), ==, "22050");
  audio = g_base64_decode (sandbox_json_string (node, "audio"), &audio_size);
  {
    g_autoptr(GBytes) answer = g_bytes_new (audio, audio_size);

    save_output ("sandbox-speech-answer.wav", answer);
  }
  assert_valid_wav (audio, audio_size);
  /* Several seconds of speech, not a stub. */
  g_assert_cmpuint (audio_size, >, 22050 * 2 * 2);
}

static void
test_streamed_voice (void)
{
  const char *args[] = { "--demo", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GBytes) wav = NULL;
  g_autoptr(SandboxReply) reply = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) events = NULL;
  guint audio_events = 0;
  gboolean heard = FALSE, ended = FALSE;

  if (!plugins_present ())
    return;
  sandbox = troupe_test_sandbox_start (args);
  id = demo_character (sandbox);
  wav = speak_to_wav (PHRASE, "S16LE", 1);
  save_output ("sandbox-speech-question-streamed.wav", wav);
  reply = ask_with_audio (sandbox, id, wav, "True", "True");
  g_assert_cmpuint (reply->status, ==, 200);
  text = sandbox_reply_text (reply);
  events = g_strsplit (text, "\n\n", -1);
  for (guint i = 0; events[i] != NULL && *events[i] != '\0'; i++)
    {
      g_autoptr(JsonNode) node = json_from_string (events[i] + strlen ("data: "), NULL);
      JsonObject *object = json_node_get_object (node);

      if (i == 0)
        heard = strstr (json_object_get_string_member_with_default (object, "UserQuery", ""), KEY_WORD) != NULL;
      if (json_object_has_member (object, "audio"))
        {
          gsize size;
          g_autofree guchar *audio = g_base64_decode (json_object_get_string_member (object, "audio"), &size);

          assert_valid_wav (audio, size);
          g_assert_cmpint (json_object_get_int_member (object, "sample_rate"), ==, 22050);
          audio_events++;
        }
      ended = g_strcmp0 (json_object_get_string_member_with_default (object, "tag", NULL), "end") == 0;
    }
  g_assert_true (heard);
  /* One complete WAV per sentence, then the end. */
  g_assert_cmpuint (audio_events, >=, 1);
  g_assert_true (ended);
}

static void
test_rejected_wavs (void)
{
  const char *args[] = { "--demo", NULL };
  g_autoptr(TroupeTestSandbox) sandbox = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GBytes) stereo = NULL;
  g_autoptr(GBytes) eight_bit = NULL;
  g_autoptr(GBytes) not_wav = g_bytes_new_static ("OggS not a wav at all", 21);
  g_autoptr(SandboxReply) stereo_reply = NULL;
  g_autoptr(SandboxReply) eight_bit_reply = NULL;
  g_autoptr(SandboxReply) not_wav_reply = NULL;
  g_autoptr(JsonNode) stereo_node = NULL;
  g_autoptr(JsonNode) eight_bit_node = NULL;

  if (!plugins_present ())
    return;
  sandbox = troupe_test_sandbox_start (args);
  id = demo_character (sandbox);
  stereo = speak_to_wav (PHRASE, "S16LE", 2);
  eight_bit = speak_to_wav (PHRASE, "U8", 1);
  stereo_reply = ask_with_audio (sandbox, id, stereo, "False", "False");
  eight_bit_reply = ask_with_audio (sandbox, id, eight_bit, "False", "False");
  not_wav_reply = ask_with_audio (sandbox, id, not_wav, "False", "False");
  stereo_node = sandbox_reply_json (stereo_reply);
  eight_bit_node = sandbox_reply_json (eight_bit_reply);
  g_assert_cmpuint (stereo_reply->status, ==, 400);
  g_assert_nonnull (strstr (sandbox_json_string (stereo_node, "ERROR"), "mono"));
  g_assert_cmpuint (eight_bit_reply->status, ==, 400);
  g_assert_nonnull (strstr (sandbox_json_string (eight_bit_node, "ERROR"), "16 bits"));
  g_assert_cmpuint (not_wav_reply->status, ==, 400);
}

static void
test_voice_sample (void)
{
  g_autoptr(TroupeTestSandbox) sandbox = NULL;
  g_autoptr(SandboxReply) voices = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *section;
  JsonObject *entry;
  g_autoptr(GList) names = NULL;
  const char *link;
  g_autoptr(SandboxReply) sample = NULL;
  g_autoptr(SandboxReply) unknown = NULL;

  if (!plugins_present ())
    return;
  sandbox = troupe_test_sandbox_start (NULL);
  voices = sandbox_get (sandbox, "/tts/get_available_voices");
  node = sandbox_reply_json (voices);
  section = json_object_get_array_member (json_node_get_object (node), "Convai Voices");
  entry = json_array_get_object_element (section, 2);
  names = json_object_get_members (entry);
  link = json_object_get_string_member (json_object_get_object_member (entry, names->data), "sample_link");
  /* Sample links are fetched like Convai's public ones: without the key. */
  sample = sandbox_request (sandbox, "GET", link + strlen (sandbox->base_url), NULL, NULL, NULL);
  g_assert_cmpuint (sample->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (sample->headers, NULL), ==, "audio/wav");
  assert_valid_wav (g_bytes_get_data (sample->body, NULL), g_bytes_get_size (sample->body));
  unknown = sandbox_request (sandbox, "GET", "/samples/NO%20SUCH.wav", NULL, NULL, NULL);
  g_assert_cmpuint (unknown->status, ==, 404);
}

/* With no GStreamer plugins at all, voice fails with a message naming the
 * Debian package to install, and text chat still works. */
static void
test_missing_plugins (void)
{
  const char *args[] = { "--demo", NULL };
  g_autofree char *empty = g_dir_make_tmp ("troupe-no-plugins-XXXXXX", NULL);
  g_autofree char *registry = g_build_filename (empty, "registry.bin", NULL);
  g_autoptr(TroupeTestSandbox) sandbox = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GBytes) wav = NULL;
  g_autoptr(SandboxReply) heard = NULL;
  g_autoptr(SandboxReply) spoken = NULL;
  g_autoptr(SandboxReply) typed = NULL;
  g_autoptr(JsonNode) heard_node = NULL;
  g_autoptr(JsonNode) spoken_node = NULL;

  if (!plugins_present ())
    return;
  wav = speak_to_wav (PHRASE, "S16LE", 1);
  g_setenv ("GST_PLUGIN_SYSTEM_PATH_1_0", empty, TRUE);
  g_setenv ("GST_PLUGIN_PATH_1_0", empty, TRUE);
  g_setenv ("GST_REGISTRY_1_0", registry, TRUE);
  sandbox = troupe_test_sandbox_start (args);
  g_unsetenv ("GST_PLUGIN_SYSTEM_PATH_1_0");
  g_unsetenv ("GST_PLUGIN_PATH_1_0");
  g_unsetenv ("GST_REGISTRY_1_0");
  id = demo_character (sandbox);

  heard = ask_with_audio (sandbox, id, wav, "False", "False");
  heard_node = sandbox_reply_json (heard);
  g_assert_cmpuint (heard->status, ==, 503);
  g_assert_nonnull (strstr (sandbox_json_string (heard_node, "INTERNAL_ERROR"), "gstreamer1.0-pocketsphinx"));
  spoken = sandbox_post_form (sandbox, "/character/getResponse", "charID", id, "sessionID", "-1",
                              "userText", "Hello", "voiceResponse", "True", NULL);
  spoken_node = sandbox_reply_json (spoken);
  g_assert_cmpuint (spoken->status, ==, 503);
  g_assert_nonnull (strstr (sandbox_json_string (spoken_node, "INTERNAL_ERROR"), "gstreamer1.0-espeak"));
  typed = sandbox_post_form (sandbox, "/character/getResponse", "charID", id, "sessionID", "-1",
                             "userText", "Hello", "voiceResponse", "False", NULL);
  g_assert_cmpuint (typed->status, ==, 200);
  g_unlink (registry);
  g_rmdir (empty);
}

int
main (int   argc,
      char *argv[])
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/troupe/sandbox-speech/transcribe-and-speak", test_transcribe_and_speak);
  g_test_add_func ("/troupe/sandbox-speech/streamed-voice", test_streamed_voice);
  g_test_add_func ("/troupe/sandbox-speech/rejected-wavs", test_rejected_wavs);
  g_test_add_func ("/troupe/sandbox-speech/voice-sample", test_voice_sample);
  g_test_add_func ("/troupe/sandbox-speech/missing-plugins", test_missing_plugins);
  return g_test_run ();
}
