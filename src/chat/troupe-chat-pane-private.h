/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "troupe-chat-message.h"
#include "troupe-chat-pane.h"
#include "troupe-recorder.h"

G_BEGIN_DECLS

/* The pane's insides, shared by the files it is split into by idea
 * (troupe-chat-pane.c: turns; -starters.c: the starters of an empty
 * session). */
struct _TroupeChatPane
{
  GtkWidget           parent_instance;

  TroupeContext      *context;
  TroupeChatSessions *sessions;
  ConvaiCharacter    *character;
  GListStore         *messages;

  /* The turn running now, if any. */
  ConvaiChatStream   *stream;
  TroupeChatMessage  *reply;
  char               *turn_text;      /* what was sent, for Retry and to give back */
  GFile              *turn_wav;       /* or the spoken turn sent */
  TroupeChatMessage  *said;           /* the user's message of the turn */
  gint64              sent_at_us;

  /* The starters being fetched, and those shown. */
  ConvaiTextStream   *starters_stream;
  GPtrArray          *starters;       /* char *, NULL-terminated */

  /* A restored session's earlier turns being read (troupe-chat-pane-earlier.c). */
  GCancellable       *earlier_cancellable;
  /* and those still to be put in above what is shown, oldest first */
  GPtrArray          *earlier;
  guint               reveal_tick;
  guint               reveal_idle;

  /* Keeping the end in sight (troupe-chat-pane-follow.c). */
  gboolean            follow_end;
  guint               follow_tick;
  GdkFrameClock      *frame_clock;
  gboolean            in_frame;      /* between its before-paint and after-paint */
  GPtrArray          *preloaded_icons; /* of GtkIconPaintable; see preload_icons_cb() */

  /* Spoken replies: the player, and the message whose voice it plays. */
  TroupeStreamPlayer *player;
  TroupeChatMessage  *voiced;
  gboolean            audio_failed;   /* this reply's audio, told once */

  /* Push-to-talk (troupe-chat-pane-talk.c). */
  TroupeRecorder     *recorder;
  GFile              *recording;
  guint               talk_cap_timeout;
  guint               talk_cap_ms;
  gboolean            space_held;
  gulong              active_handler;
  GtkWidget          *active_window;

  /* Template widgets */
  GtkWidget          *box;
  GtkButton          *cancel_button;
  GtkStack           *content_stack;
  GtkLabel           *empty_label;
  GtkLabel           *empty_title;
  GtkTextView        *entry;
  GtkGridView        *list_view;
  GtkButton          *new_session_button;
  GtkWidget          *problem_box;
  GtkLabel           *problem_label;
  GtkButton          *retry_button;
  GtkScrolledWindow  *scroller;
  GtkButton          *send_button;
  GtkToggleButton    *speak_button;
  GtkSpinner         *spinner;
  GtkLevelBar        *level_bar;
  GtkButton          *mic_button;
  GtkBox             *starters_box;
  GtkWidget          *status_box;
  GtkLabel           *status_label;
  GtkButton          *stop_speaking_button;
};

const char *troupe_chat_pane_character_id    (TroupeChatPane *self);
void        troupe_chat_pane_update_content  (TroupeChatPane *self);
void        troupe_chat_pane_update_actions  (TroupeChatPane *self);
void        troupe_chat_pane_show_status     (TroupeChatPane *self,
                                              const char     *status);
void        troupe_chat_pane_show_problem    (TroupeChatPane *self,
                                              const char     *problem,
                                              gboolean        can_retry);
/* Stops the running turn and the voice (talking interrupts the character). */
void        troupe_chat_pane_stop_turn       (TroupeChatPane *self);
/* One turn: typed @text, or the spoken turn recorded in @wav. */
void        troupe_chat_pane_start_turn      (TroupeChatPane *self,
                                              const char     *text,
                                              GFile          *wav);
void        troupe_chat_pane_talk_class_init (GtkWidgetClass *widget_class);
void        troupe_chat_pane_talk_init       (TroupeChatPane *self);
void        troupe_chat_pane_talk_dispose    (TroupeChatPane *self);
/* Stops listening, sending nothing (another character, another endpoint). */
void        troupe_chat_pane_talk_cancel     (TroupeChatPane *self);
void        troupe_chat_pane_clear_starters  (TroupeChatPane *self);
/* Asks for the starters when the session is empty; shows them as they come. */
void        troupe_chat_pane_load_starters   (TroupeChatPane *self);
/* Reads the earlier turns of the session that goes on, and puts them in. */
void        troupe_chat_pane_load_earlier    (TroupeChatPane *self);
void        troupe_chat_pane_cancel_earlier  (TroupeChatPane *self);

void        troupe_chat_pane_voice_init      (TroupeChatPane *self);
void        troupe_chat_pane_voice_class_init (GtkWidgetClass *widget_class);
void        troupe_chat_pane_voice_chunk     (TroupeChatPane *self,
                                              GBytes         *wav);

void        troupe_chat_pane_follow_init     (TroupeChatPane *self);
void        troupe_chat_pane_follow_dispose  (TroupeChatPane *self);
/* Puts @messages (oldest first, before all shown) in above: the last at
 * once, the others over the next frames. */
void        troupe_chat_pane_put_earlier     (TroupeChatPane     *self,
                                              TroupeChatMessage **messages,
                                              guint               n_messages);
/* Whether earlier messages are still going in. */
gboolean    troupe_chat_pane_is_revealing    (TroupeChatPane     *self);
/* Takes every message out, those still to go in too. */
void        troupe_chat_pane_clear_messages  (TroupeChatPane     *self);

G_END_DECLS
