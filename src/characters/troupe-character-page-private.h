/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "troupe-audio-player.h"
#include "troupe-character-page.h"

G_BEGIN_DECLS

struct _TroupeCharacterPage
{
  AdwBin                 parent_instance;

  TroupeCharacterStore  *store;
  TroupeDraftStore      *drafts;
  ConvaiCharacter       *character;       /* as saved on the server */
  TroupeCharacterDraft  *draft;           /* as in the form */
  char                  *form_id;         /* the id the form was filled from */
  GCancellable          *cancellable;     /* the page's: cancelled in dispose */
  GCancellable          *character_cancellable;  /* loads for the current character */
  GtkFilterListModel    *voices;          /* production voices for the languages */
  GtkCustomFilter       *voice_filter;
  char                 **filtered_codes;  /* the languages voice_filter last used */
  TroupeAudioPlayer     *player;
  ConvaiTextStream      *backstory_stream;
  GPtrArray             *language_checks; /* GtkCheckButton, in the languages' order */
  GCancellable          *save_cancellable;  /* the save running, if any */
  gboolean               save_stopped;      /* the person stopped it */
  gboolean               saving;
  guint                  draft_timeout;
  guint                  voice_sync_idle;
  guint                  busy_count;
  guint                  saves_sent;        /* to tell a refresh older than a save */
  guint                  saves_at_refresh;
  gboolean               filling;         /* the form is being set, not edited */
  gboolean               dirty;
  gboolean               generating;

  /* Template widgets */
  GtkListBox            *actions_list;
  GtkTextView           *backstory_view;
  GtkLabel              *draft_label;
  GtkRevealer           *draft_revealer;
  GtkButton             *generate_button;
  GtkSpinner            *generate_spinner;
  AdwExpanderRow        *languages_row;
  AdwEntryRow           *name_row;
  GtkButton             *preview_button;
  GtkScrolledWindow     *scrolled_window;
  AdwComboRow           *voice_row;
  GtkLabel              *word_count_label;
};

/* troupe-character-page.c */
/* Whether the form shows @char_id: checked before a request about it
 * leaves, and by every reply about it before it touches the form. */
gboolean troupe_character_page_shows      (TroupeCharacterPage *self,
                                             const char            *char_id);
void  troupe_character_page_form_changed   (TroupeCharacterPage *self);
void  troupe_character_page_fill_form      (TroupeCharacterPage *self);
void  troupe_character_page_rebuild_actions (TroupeCharacterPage *self);
void  troupe_character_page_update_actions (TroupeCharacterPage *self);
void  troupe_character_page_hold_busy      (TroupeCharacterPage *self);
void  troupe_character_page_release_busy   (TroupeCharacterPage *self);
void  troupe_character_page_set_saving      (TroupeCharacterPage *self,
                                              gboolean               saving);
void  troupe_character_page_set_generating  (TroupeCharacterPage *self,
                                              gboolean               generating);
void  troupe_character_page_stop_generating (TroupeCharacterPage *self);
void  troupe_character_page_saved          (TroupeCharacterPage *self);
void  troupe_character_page_emit_open_requested (TroupeCharacterPage *self,
                                                   ConvaiCharacter       *character);
void  troupe_character_page_emit_deleted   (TroupeCharacterPage *self,
                                              const char            *char_id);

/* troupe-character-page-voices.c */
ConvaiVoice *troupe_character_page_selected_voice (TroupeCharacterPage *self);
void  troupe_character_page_voice_selected   (TroupeCharacterPage *self);
void  troupe_character_page_voices_changed   (TroupeCharacterPage *self);
void  troupe_character_page_replace_voice_model (TroupeCharacterPage *self);
void  troupe_character_page_refilter_voices  (TroupeCharacterPage *self);
void  troupe_character_page_setup_voices     (TroupeCharacterPage *self);

/* troupe-character-page-rows.c (also troupe_character_page_rebuild_actions) */
void  troupe_character_page_sync_language_checks (TroupeCharacterPage *self);
void  troupe_character_page_languages_changed (TroupeCharacterPage *self);

/* troupe-character-page-actions.c */
void  troupe_character_page_class_init_actions (GtkWidgetClass *widget_class);

G_END_DECLS
