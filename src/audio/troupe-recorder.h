/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TROUPE_TYPE_RECORDER (troupe_recorder_get_type ())
G_DECLARE_FINAL_TYPE (TroupeRecorder, troupe_recorder, TROUPE, RECORDER, GObject)

/* Records one spoken turn with GStreamer: the source → 16 kHz mono 16-bit
 * WAV in a file, the format the API takes, with its level as it goes.
 *
 * Signals, on the main context the recorder was made in:
 *   running  ()                      the source is delivering: speak now
 *   level    (double peak)           0 (silence) … 1 (full scale), 20 a second
 *   finished (const GError *error)   the file is complete (NULL) or why not:
 *            no microphone, a refused one, or one that gave only silence
 *            for the first second; not after _cancel()
 * Property "recording". */
TroupeRecorder *troupe_recorder_new        (void);
/* Where the sound comes from, as a gst-launch description of a bin with one
 * source pad: NULL for the default microphone ("autoaudiosrc"). Tests read
 * a WAV file ("filesrc location=… ! wavparse"): the real pipeline, fed from
 * a file, never a made-up result. */
void            troupe_recorder_set_source (TroupeRecorder *self,
                                            const char     *description);
gboolean        troupe_recorder_start      (TroupeRecorder *self,
                                            GFile          *file,
                                            GError        **error);
/* The turn is over: the file is completed, then "finished". */
void            troupe_recorder_stop       (TroupeRecorder *self);
/* Nothing is kept or told. */
void            troupe_recorder_cancel     (TroupeRecorder *self);
gboolean        troupe_recorder_get_recording (TroupeRecorder *self);

G_END_DECLS
