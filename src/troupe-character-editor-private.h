/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "troupe-audio-player.h"
#include "troupe-character-editor.h"
#include "troupe-error-banner.h"

G_BEGIN_DECLS

struct _TroupeCharacterEditor
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
  guint                  offer_stop_timeout;
  gboolean               save_stopped;      /* the person stopped it */
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
  GtkButton             *back_button;
  GtkTextView           *backstory_view;
  GtkLabel              *draft_label;
  TroupeErrorBanner     *error_banner;
  GtkRevealer           *draft_revealer;
  GtkButton             *generate_button;
  GtkSpinner            *generate_spinner;
  AdwExpanderRow        *languages_row;
  AdwEntryRow           *name_row;
  GtkButton             *preview_button;
  GtkButton             *save_button;
  GtkScrolledWindow     *scrolled_window;
  AdwToastOverlay       *toast_overlay;
  AdwViewStack          *view_stack;
  AdwComboRow           *voice_row;
  AdwWindowTitle        *window_title;
  GtkLabel              *word_count_label;
};

/* troupe-character-editor.c */
/* Whether the form shows @char_id: checked before a request about it
 * leaves, and by every reply about it before it touches the form. */
gboolean troupe_character_editor_shows      (TroupeCharacterEditor *self,
                                             const char            *char_id);
void  troupe_character_editor_form_changed   (TroupeCharacterEditor *self);
void  troupe_character_editor_fill_form      (TroupeCharacterEditor *self);
void  troupe_character_editor_rebuild_actions (TroupeCharacterEditor *self);
void  troupe_character_editor_update_actions (TroupeCharacterEditor *self);
void  troupe_character_editor_hold_busy      (TroupeCharacterEditor *self);
void  troupe_character_editor_release_busy   (TroupeCharacterEditor *self);
void  troupe_character_editor_show_error     (TroupeCharacterEditor *self,
                                              const char            *failed,
                                              const GError          *error);
void  troupe_character_editor_stop_generating (TroupeCharacterEditor *self);
void  troupe_character_editor_saved          (TroupeCharacterEditor *self);
void  troupe_character_editor_emit_open_requested (TroupeCharacterEditor *self,
                                                   ConvaiCharacter       *character);
void  troupe_character_editor_emit_deleted   (TroupeCharacterEditor *self,
                                              const char            *char_id);

/* troupe-character-editor-actions.c */
void  troupe_character_editor_class_init_actions (GtkWidgetClass *widget_class);

G_END_DECLS
