/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "troupe-sandbox-speech.h"

#include <dlfcn.h>
#include <glib/gstdio.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "troupe-sandbox-language-model.h"
#include "troupe-sandbox-wav.h"

GST_DEBUG_CATEGORY_STATIC (speech_debug);
#define GST_CAT_DEFAULT speech_debug

#define POCKETSPHINX_MODEL_DIR "/usr/share/pocketsphinx/model/en-us"
#define POCKETSPHINX_DICT POCKETSPHINX_MODEL_DIR "/cmudict-en-us.dict"
#define PIPELINE_TIMEOUT (30 * GST_SECOND)
#define SILENCE_SECONDS 1.0

G_DEFINE_QUARK (troupe-sandbox-speech-error-quark, troupe_sandbox_speech_error)

/* espeak keeps global state, so one synthesis runs at a time. */
static GMutex espeak_lock;

static void
ensure_gstreamer (void)
{
  static gsize initialised;

  if (g_once_init_enter (&initialised))
    {
      gst_init (NULL, NULL);
      GST_DEBUG_CATEGORY_INIT (speech_debug, "troupe-sandbox-speech", 0, "sandbox speech");
      g_once_init_leave (&initialised, 1);
    }
}

static gboolean
require_element (const char  *name,
                 const char  *package,
                 GError     **error)
{
  g_autoptr(GstElementFactory) factory = gst_element_factory_find (name);

  if (factory != NULL)
    return TRUE;
  g_set_error (error, TROUPE_SANDBOX_SPEECH_ERROR, TROUPE_SANDBOX_SPEECH_ERROR_MISSING_PLUGIN,
               "The GStreamer element \"%s\" is missing: install the Debian package %s.",
               name, package);
  return FALSE;
}

/* pocketsphinx writes pages of configuration to stderr for every decoder;
 * its logging switch lives in libsphinxbase, loaded with the plugin. */
static void
silence_pocketsphinx (void)
{
  static gsize silenced;

  if (g_once_init_enter (&silenced))
    {
      g_autoptr(GstPlugin) plugin = gst_plugin_load_by_name ("pocketsphinx");
      void *sphinxbase = dlopen ("libsphinxbase.so.3", RTLD_NOW | RTLD_NOLOAD);
      void (*set_logfp) (FILE *) = sphinxbase ? (void (*) (FILE *)) dlsym (sphinxbase, "err_set_logfp") : NULL;

      if (set_logfp != NULL)
        set_logfp (NULL);
      g_once_init_leave (&silenced, 1);
    }
}

static gboolean
require_recogniser (GError **error)
{
  if (!require_element ("pocketsphinx", "gstreamer1.0-pocketsphinx", error) ||
      !require_element ("wavparse", "gstreamer1.0-plugins-good", error) ||
      !require_element ("giostreamsrc", "gstreamer1.0-plugins-base", error))
    return FALSE;
  if (!g_file_test (POCKETSPHINX_DICT, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, TROUPE_SANDBOX_SPEECH_ERROR, TROUPE_SANDBOX_SPEECH_ERROR_MISSING_PLUGIN,
                   "The pocketsphinx English model is missing (%s): install the Debian package "
                   "pocketsphinx-en-us.", POCKETSPHINX_MODEL_DIR);
      return FALSE;
    }
  silence_pocketsphinx ();
  return TRUE;
}

/* ---- running a pipeline to its end ---- */

static gboolean
handle_error_message (GstMessage  *message,
                      GError     **error)
{
  g_autoptr(GError) gst_error = NULL;
  g_autofree char *debug = NULL;

  gst_message_parse_error (message, &gst_error, &debug);
  GST_WARNING ("pipeline error: %s (%s)", gst_error->message, debug);
  g_set_error (error, TROUPE_SANDBOX_SPEECH_ERROR, TROUPE_SANDBOX_SPEECH_ERROR_FAILED,
               "GStreamer failed: %s", gst_error->message);
  return FALSE;
}

static void
handle_hypothesis_message (GstMessage *message,
                           GString    *transcript)
{
  const GstStructure *s = gst_message_get_structure (message);
  gboolean final = FALSE;
  const char *hypothesis;

  if (!gst_structure_has_name (s, "pocketsphinx") ||
      !gst_structure_get_boolean (s, "final", &final) || !final)
    return;
  hypothesis = gst_structure_get_string (s, "hypothesis");
  if (hypothesis == NULL || *hypothesis == '\0')
    return;
  if (transcript->len > 0)
    g_string_append_c (transcript, ' ');
  g_string_append (transcript, hypothesis);
}

/* Plays the pipeline until EOS; hypotheses go to `transcript` if given. */
static gboolean
run_to_end (GstElement  *pipeline,
            GString     *transcript,
            GError     **error)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  gboolean ok = TRUE;
  gboolean done = FALSE;

  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_set_error_literal (error, TROUPE_SANDBOX_SPEECH_ERROR, TROUPE_SANDBOX_SPEECH_ERROR_FAILED,
                           "GStreamer could not start the speech pipeline.");
      ok = FALSE;
      done = TRUE;
    }
  while (!done)
    {
      g_autoptr(GstMessage) message =
        gst_bus_timed_pop_filtered (bus, PIPELINE_TIMEOUT,
                                    GST_MESSAGE_EOS | GST_MESSAGE_ERROR | GST_MESSAGE_ELEMENT);

      if (message == NULL)
        {
          g_set_error_literal (error, TROUPE_SANDBOX_SPEECH_ERROR, TROUPE_SANDBOX_SPEECH_ERROR_FAILED,
                               "The speech pipeline timed out.");
          ok = FALSE;
          break;
        }
      switch (GST_MESSAGE_TYPE (message))
        {
        case GST_MESSAGE_EOS:
          done = TRUE;
          break;
        case GST_MESSAGE_ERROR:
          ok = handle_error_message (message, error);
          done = TRUE;
          break;
        case GST_MESSAGE_ELEMENT:
          if (transcript != NULL)
            handle_hypothesis_message (message, transcript);
          break;
        default:
          break;
        }
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return ok;
}

/* ---- speaking ---- */

static GstElement *
build_synthesis_pipeline (const char *text,
                          const char *voice)
{
  GstElement *pipeline = gst_pipeline_new ("synthesis");
  GstElement *espeak = gst_element_factory_make ("espeak", NULL);
  GstElement *convert = gst_element_factory_make ("audioconvert", NULL);
  GstElement *resample = gst_element_factory_make ("audioresample", NULL);
  GstElement *sink = gst_element_factory_make ("appsink", "sink");
  g_autoptr(GstCaps) caps = gst_caps_new_simple ("audio/x-raw",
                                                 "format", G_TYPE_STRING, "S16LE",
                                                 "channels", G_TYPE_INT, 1,
                                                 "rate", G_TYPE_INT, TROUPE_SANDBOX_SPEECH_RATE,
                                                 "layout", G_TYPE_STRING, "interleaved",
                                                 NULL);

  g_object_set (espeak, "text", text, "voice", voice, NULL);
  g_object_set (sink, "caps", caps, "sync", FALSE, "emit-signals", FALSE, NULL);
  gst_bin_add_many (GST_BIN (pipeline), espeak, convert, resample, sink, NULL);
  gst_element_link_many (espeak, convert, resample, sink, NULL);
  return pipeline;
}

static gboolean
collect_samples (GstElement  *pipeline,
                 GByteArray  *pcm,
                 GError     **error)
{
  GstAppSink *sink = GST_APP_SINK (gst_bin_get_by_name (GST_BIN (pipeline), "sink"));
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  g_autoptr(GstMessage) failure = NULL;
  gboolean reached_end;

  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  for (;;)
    {
      g_autoptr(GstSample) sample = gst_app_sink_try_pull_sample (sink, PIPELINE_TIMEOUT);
      GstMapInfo map;

      if (sample == NULL)
        break;
      if (gst_buffer_map (gst_sample_get_buffer (sample), &map, GST_MAP_READ))
        {
          g_byte_array_append (pcm, map.data, (guint) map.size);
          gst_buffer_unmap (gst_sample_get_buffer (sample), &map);
        }
    }
  failure = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  reached_end = gst_app_sink_is_eos (sink);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (sink);
  if (failure != NULL)
    return handle_error_message (failure, error);
  if (!reached_end || pcm->len == 0)
    {
      g_set_error_literal (error, TROUPE_SANDBOX_SPEECH_ERROR, TROUPE_SANDBOX_SPEECH_ERROR_FAILED,
                           "espeak produced no audio.");
      return FALSE;
    }
  return TRUE;
}

GBytes *
troupe_sandbox_speech_synthesize (const char  *text,
                                  const char  *espeak_voice,
                                  GError     **error)
{
  g_autoptr(GByteArray) pcm = g_byte_array_new ();
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GMutexLocker) locker = NULL;

  ensure_gstreamer ();
  if (!require_element ("espeak", "gstreamer1.0-espeak", error) ||
      !require_element ("appsink", "gstreamer1.0-plugins-base", error) ||
      !require_element ("audioconvert", "gstreamer1.0-plugins-base", error))
    return NULL;
  locker = g_mutex_locker_new (&espeak_lock);
  pipeline = gst_object_ref_sink (build_synthesis_pipeline (text, espeak_voice));
  if (!collect_samples (pipeline, pcm, error))
    return NULL;
  return troupe_sandbox_wav_new_s16_mono (pcm->data, pcm->len, TROUPE_SANDBOX_SPEECH_RATE);
}

/* ---- listening ---- */

/* The words pocketsphinx can pronounce: the first field of each line of
 * its dictionary, alternates ("word(2)") left out. */
static GHashTable *
load_dictionary_words (void)
{
  static GHashTable *words;

  if (g_once_init_enter (&words))
    {
      GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (g_file_get_contents (POCKETSPHINX_DICT, &contents, &len, NULL))
        {
          const char *end = contents + len;

          for (const char *line = contents; line < end;)
            {
              const char *newline = memchr (line, '\n', end - line);
              const char *line_end = newline != NULL ? newline : end;
              const char *space = memchr (line, ' ', line_end - line);

              if (space != NULL && memchr (line, '(', space - line) == NULL)
                g_hash_table_add (table, g_strndup (line, space - line));
              line = line_end + 1;
            }
        }
      g_once_init_leave (&words, table);
    }
  return words;
}

static char *
write_language_model (GPtrArray  *corpus,
                      GError    **error)
{
  g_autofree char *model = troupe_sandbox_language_model_build (corpus, load_dictionary_words ());
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("troupe-sandbox-XXXXXX.lm", &path, error);

  if (fd < 0)
    return NULL;
  close (fd);
  if (!g_file_set_contents (path, model, -1, error))
    return NULL;
  return g_steal_pointer (&path);
}

static GstElement *
build_recognition_pipeline (GBytes     *wav,
                            const char *language_model)
{
  GstElement *pipeline = gst_pipeline_new ("recognition");
  GstElement *src = gst_element_factory_make ("giostreamsrc", NULL);
  GstElement *parse = gst_element_factory_make ("wavparse", NULL);
  GstElement *convert = gst_element_factory_make ("audioconvert", NULL);
  GstElement *resample = gst_element_factory_make ("audioresample", NULL);
  GstElement *filter = gst_element_factory_make ("capsfilter", NULL);
  GstElement *asr = gst_element_factory_make ("pocketsphinx", NULL);
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (wav);
  g_autoptr(GstCaps) caps = gst_caps_from_string ("audio/x-raw,format=S16LE,channels=1,rate=16000");

  g_object_set (src, "stream", stream, NULL);
  g_object_set (filter, "caps", caps, NULL);
  if (language_model != NULL)
    g_object_set (asr, "lm", language_model, NULL);
  g_object_set (sink, "sync", FALSE, NULL);
  gst_bin_add_many (GST_BIN (pipeline), src, parse, convert, resample, filter, asr, sink, NULL);
  gst_element_link_many (src, parse, convert, resample, filter, asr, sink, NULL);
  return pipeline;
}

char *
troupe_sandbox_speech_transcribe (GBytes     *wav,
                                  GPtrArray  *corpus,
                                  GError    **error)
{
  g_autoptr(GString) transcript = g_string_new (NULL);
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GBytes) padded = troupe_sandbox_wav_pad_silence (wav, SILENCE_SECONDS);
  g_autofree char *language_model = NULL;
  gboolean ok;

  ensure_gstreamer ();
  if (!require_recogniser (error))
    return NULL;
  if (corpus != NULL && corpus->len > 0 &&
      (language_model = write_language_model (corpus, error)) == NULL)
    return NULL;
  pipeline = gst_object_ref_sink (build_recognition_pipeline (padded, language_model));
  ok = run_to_end (pipeline, transcript, error);
  if (language_model != NULL)
    g_unlink (language_model);
  if (!ok)
    return NULL;
  return g_string_free (g_steal_pointer (&transcript), FALSE);
}
