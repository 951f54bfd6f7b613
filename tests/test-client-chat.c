/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "convai-test-util.h"

#include <string.h>

typedef struct
{
  TroupeTestSandbox *sandbox;
  ConvaiClient      *client;
  char              *char_id;
} Fixture;

static const char backstory[] =
  "I am Ada and I keep the lighthouse on the northern cape. "
  "Every night I climb the hundred steps to light the great lamp. "
  "The lamp burns colza oil and its lens was ground in Paris.";

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *extra_args[] = { data, NULL };

  fixture->sandbox = troupe_test_sandbox_start (data ? extra_args : NULL);
  fixture->client = convai_test_client_new (fixture->sandbox);
  fixture->char_id = convai_test_create_character (fixture->client, "Ada", backstory);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->char_id);
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->sandbox, troupe_test_sandbox_stop);
}

static ConvaiChatReply *
ask (Fixture                 *fixture,
     const ConvaiChatRequest *request,
     GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  convai_client_get_response_async (fixture->client, request, NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  return convai_client_get_response_finish (fixture->client, result, error);
}

static void
assert_wav (GBytes *wav)
{
  gsize len = 0;
  const char *data = wav ? g_bytes_get_data (wav, &len) : NULL;

  g_assert_nonnull (data);
  g_assert_cmpuint (len, >, 44);
  g_assert_cmpmem (data, 4, "RIFF", 4);
  g_assert_cmpmem (data + 8, 4, "WAVE", 4);
}

static void
test_text_session (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ConvaiChatRequest) request =
    convai_chat_request_new_text (fixture->char_id, NULL, "What lamp do you light?");
  g_autoptr(ConvaiChatReply) first = NULL;
  g_autoptr(ConvaiChatReply) second = NULL;
  g_autoptr(GError) error = NULL;

  first = ask (fixture, request, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (convai_chat_reply_get_text (first), !=, "");
  g_assert_cmpstr (convai_chat_reply_get_session_id (first), !=, "-1");
  g_assert_null (convai_chat_reply_get_audio (first));

  g_free (request->session_id);
  request->session_id = g_strdup (convai_chat_reply_get_session_id (first));
  second = ask (fixture, request, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (convai_chat_reply_get_session_id (second), ==, convai_chat_reply_get_session_id (first));
}

static void
test_voice_reply (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(ConvaiChatRequest) request =
    convai_chat_request_new_text (fixture->char_id, "-1", "Where do you live?");
  g_autoptr(ConvaiChatReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  request->voice_response = TRUE;
  reply = ask (fixture, request, &error);
  g_assert_no_error (error);
  assert_wav (convai_chat_reply_get_audio (reply));
  g_assert_cmpuint (convai_chat_reply_get_sample_rate (reply), >, 0);
}

/* Both inputs, or none, is refused before anything is sent. */
static void
test_exactly_one_input (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GFile) wav = convai_test_write_file ("q.wav", "RIFF", 4);
  g_autoptr(ConvaiChatRequest) request = convai_chat_request_new_text (fixture->char_id, NULL, "Hi");
  g_autoptr(ConvaiChatReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  request->wav = g_object_ref (wav);
  reply = ask (fixture, request, &error);
  g_assert_null (reply);
  g_assert_error (error, CONVAI_ERROR, CONVAI_ERROR_BAD_REQUEST);
}

/* The WAV goes as a multipart file part; the server's own words come back
 * when it is not a usable WAV. */
static void
test_bad_wav (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GFile) wav = convai_test_write_file ("noise.wav", "this is not a wave file at all", -1);
  g_autoptr(ConvaiChatRequest) request = convai_chat_request_new_audio (fixture->char_id, NULL, wav);
  g_autoptr(ConvaiChatReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = ask (fixture, request, &error);
  g_assert_null (reply);
  g_assert_error (error, CONVAI_ERROR, CONVAI_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (error->message, "WAV"));
}

typedef struct
{
  GString  *deltas;
  char     *session_id;
  guint     audio_chunks;
  guint     sample_rate;
  gboolean  finished;
  GError   *error;
  gboolean  cancel_on_first_delta;
} StreamState;

static void
session_id_cb (ConvaiChatStream *stream,
               const char       *session_id,
               StreamState      *state)
{
  g_assert_null (state->session_id);
  state->session_id = g_strdup (session_id);
}

static void
text_delta_cb (ConvaiChatStream *stream,
               const char       *delta,
               StreamState      *state)
{
  g_assert_nonnull (state->session_id);
  g_string_append (state->deltas, delta);
  if (state->cancel_on_first_delta)
    convai_chat_stream_cancel (stream);
}

static void
audio_chunk_cb (ConvaiChatStream *stream,
                GBytes           *wav,
                guint             sample_rate,
                StreamState      *state)
{
  assert_wav (wav);
  state->audio_chunks++;
  state->sample_rate = sample_rate;
}

static void
finished_cb (ConvaiChatStream *stream,
             const GError     *error,
             StreamState      *state)
{
  g_assert_false (state->finished);
  g_assert_true (convai_chat_stream_get_finished (stream));
  state->finished = TRUE;
  state->error = error ? g_error_copy (error) : NULL;
}

static void
stream_state_clear (StreamState *state)
{
  g_string_free (state->deltas, TRUE);
  g_free (state->session_id);
  g_clear_error (&state->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StreamState, stream_state_clear)

/* Starts a streamed question; the caller's reference is dropped at once:
 * a running stream keeps itself alive. Returns a weak view for checks. */
static ConvaiChatStream *
run_stream (Fixture          *fixture,
            gboolean          voice,
            StreamState      *state)
{
  g_autoptr(ConvaiChatRequest) request =
    convai_chat_request_new_text (fixture->char_id, NULL, "Tell me about the lamp you light every night.");
  ConvaiChatStream *stream;

  request->voice_response = voice;
  stream = convai_client_stream_response (fixture->client, request, NULL);
  g_signal_connect (stream, "session-id", G_CALLBACK (session_id_cb), state);
  g_signal_connect (stream, "text-delta", G_CALLBACK (text_delta_cb), state);
  g_signal_connect (stream, "audio-chunk", G_CALLBACK (audio_chunk_cb), state);
  g_signal_connect (stream, "finished", G_CALLBACK (finished_cb), state);
  convai_chat_stream_start (stream);
  return stream;
}

static void
test_stream (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(StreamState) state = { g_string_new (NULL) };
  g_autoptr(ConvaiChatStream) stream = run_stream (fixture, FALSE, &state);

  convai_test_wait_for (&state.finished);
  g_assert_no_error (state.error);
  g_assert_cmpuint (state.deltas->len, >, 0);
  g_assert_cmpstr (convai_chat_stream_get_text (stream), ==, state.deltas->str);
  g_assert_cmpstr (convai_chat_stream_get_session_id (stream), ==, state.session_id);
  g_assert_null (convai_chat_stream_get_error (stream));
  g_assert_cmpuint (state.audio_chunks, ==, 0);
  g_assert_cmpuint (convai_chat_stream_get_n_skipped (stream), ==, 0);
}

/* --fault-malformed-event=2: an event that is not JSON before the third
 * word. It is skipped and counted; the words after it still come and the
 * stream ends well. */
static void
test_malformed_event (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(StreamState) state = { g_string_new (NULL) };
  g_autoptr(ConvaiChatStream) stream = run_stream (fixture, FALSE, &state);
  g_auto(GStrv) words = NULL;

  convai_test_wait_for (&state.finished);
  g_assert_no_error (state.error);
  g_assert_null (convai_chat_stream_get_error (stream));
  g_assert_cmpuint (convai_chat_stream_get_n_skipped (stream), ==, 1);
  g_assert_cmpstr (convai_chat_stream_get_text (stream), ==, state.deltas->str);
  g_assert_null (strstr (state.deltas->str, "unfinished"));
  words = g_strsplit (g_strstrip (state.deltas->str), " ", -1);
  g_assert_cmpuint (g_strv_length (words), >, 3);
}

static void
test_stream_voice (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(StreamState) state = { g_string_new (NULL) };
  g_autoptr(ConvaiChatStream) stream = run_stream (fixture, TRUE, &state);

  convai_test_wait_for (&state.finished);
  g_assert_no_error (state.error);
  g_assert_cmpuint (state.audio_chunks, >=, 1);
  g_assert_cmpuint (state.sample_rate, ==, 22050);
}

/* --fault-cut-stream=3: the session id and two words, then the connection
 * closes without the final event. */
static void
test_cut_stream (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(StreamState) state = { g_string_new (NULL) };
  g_autoptr(ConvaiChatStream) stream = run_stream (fixture, FALSE, &state);

  convai_test_wait_for (&state.finished);
  g_assert_error (state.error, CONVAI_ERROR, CONVAI_ERROR_NETWORK);
  g_assert_nonnull (state.session_id);
  g_assert_cmpuint (state.deltas->len, >, 0);
  g_assert_cmpstr (convai_chat_stream_get_text (stream), ==, state.deltas->str);
  g_assert_error ((GError *) convai_chat_stream_get_error (stream), CONVAI_ERROR, CONVAI_ERROR_NETWORK);
}

static void
test_cancel_mid_stream (Fixture       *fixture,
                        gconstpointer  data)
{
  g_auto(StreamState) state = { g_string_new (NULL) };
  g_autoptr(ConvaiChatStream) stream = NULL;

  state.cancel_on_first_delta = TRUE;
  stream = run_stream (fixture, FALSE, &state);
  convai_test_wait_for (&state.finished);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr (convai_chat_stream_get_text (stream), ==, state.deltas->str);
  g_assert_cmpuint (state.deltas->len, >, 0);
}

static void
user_query_cb (ConvaiChatStream *stream,
               const char       *query,
               char            **out)
{
  g_free (*out);
  *out = g_strdup (query);
}

/* The round trip: the character's spoken reply (espeak) goes back in as
 * the user's audio question; the transcript (UserQuery) names a word of it.
 * The WAV travels as a multipart file part streamed from disk. */
static void
test_audio_round_trip (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(ConvaiChatRequest) text_request =
    convai_chat_request_new_text (fixture->char_id, NULL, "What lamp do you light?");
  g_autoptr(ConvaiChatRequest) audio_request = NULL;
  g_autoptr(ConvaiChatReply) spoken = NULL;
  g_autoptr(ConvaiChatStream) stream = NULL;
  g_autoptr(GFile) wav = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;
  g_auto(StreamState) state = { g_string_new (NULL) };
  g_auto(GStrv) words = NULL;
  gboolean heard = FALSE;
  gsize len = 0;
  const char *bytes;

  text_request->voice_response = TRUE;
  spoken = ask (fixture, text_request, &error);
  g_assert_no_error (error);
  bytes = g_bytes_get_data (convai_chat_reply_get_audio (spoken), &len);
  wav = convai_test_write_file ("question.wav", bytes, len);

  audio_request = convai_chat_request_new_audio (fixture->char_id, NULL, wav);
  audio_request->sample_rate = convai_chat_reply_get_sample_rate (spoken);
  stream = convai_client_stream_response (fixture->client, audio_request, NULL);
  g_signal_connect (stream, "session-id", G_CALLBACK (session_id_cb), &state);
  g_signal_connect (stream, "text-delta", G_CALLBACK (text_delta_cb), &state);
  g_signal_connect (stream, "user-query", G_CALLBACK (user_query_cb), &query);
  g_signal_connect (stream, "finished", G_CALLBACK (finished_cb), &state);
  convai_chat_stream_start (stream);
  convai_test_wait_for (&state.finished);
  g_assert_no_error (state.error);
  g_assert_nonnull (query);
  g_assert_cmpstr (convai_chat_stream_get_user_query (stream), ==, query);
  g_assert_cmpuint (state.deltas->len, >, 0);

  /* Any longer word of what was said, heard back, will do. */
  words = g_strsplit_set (convai_chat_reply_get_text (spoken), " .,;:!?", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *lower = g_ascii_strdown (words[i], -1);
      g_autofree char *heard_lower = g_ascii_strdown (query, -1);

      if (strlen (lower) >= 4 && strstr (heard_lower, lower) != NULL)
        heard = TRUE;
    }
  if (!heard)
    g_test_message ("said: %s / heard: %s", convai_chat_reply_get_text (spoken), query);
  g_assert_true (heard);
}

static void
test_starters_and_backstory (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_auto(GStrv) starters = NULL;
  g_autofree char *story = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  convai_client_generate_starters_async (fixture->client, fixture->char_id, NULL, NULL,
                                         convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  starters = convai_client_generate_starters_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (starters), >=, 1);
  for (guint i = 0; starters[i] != NULL; i++)
    g_assert_cmpstr (starters[i], !=, "");
  g_clear_object (&result);

  convai_client_generate_backstory_async (fixture->client, "a lighthouse keeper on a stormy cape",
                                          "Ada", NULL, convai_test_result_cb, &slot);
  result = convai_test_await (&slot);
  story = convai_client_generate_backstory_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (story), >, 20);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, args, func) \
  g_test_add (path, Fixture, args, fixture_set_up, func, fixture_tear_down)
  ADD ("/troupe/client-chat/text-session", NULL, test_text_session);
  ADD ("/troupe/client-chat/voice-reply", NULL, test_voice_reply);
  ADD ("/troupe/client-chat/exactly-one-input", NULL, test_exactly_one_input);
  ADD ("/troupe/client-chat/bad-wav", NULL, test_bad_wav);
  ADD ("/troupe/client-chat/stream", NULL, test_stream);
  ADD ("/troupe/client-chat/stream-voice", NULL, test_stream_voice);
  ADD ("/troupe/client-chat/cut-stream", "--fault-cut-stream=3", test_cut_stream);
  ADD ("/troupe/client-chat/malformed-event", "--fault-malformed-event=2", test_malformed_event);
  ADD ("/troupe/client-chat/cancel-mid-stream", NULL, test_cancel_mid_stream);
  ADD ("/troupe/client-chat/starters-and-backstory", NULL, test_starters_and_backstory);
  ADD ("/troupe/client-chat/audio-round-trip", NULL, test_audio_round_trip);
#undef ADD
  return g_test_run ();
}
