/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <convai.h>

#include "troupe-page.h"

G_BEGIN_DECLS

#define TROUPE_TYPE_CHARACTER_VIEW (troupe_character_view_get_type ())
G_DECLARE_FINAL_TYPE (TroupeCharacterView, troupe_character_view, TROUPE, CHARACTER_VIEW, AdwBin)

/* The open character's pages (Character, Knowledge, History) under
 * one header: title or page switcher, Save, the character menu, a banner for
 * problems and toasts for news (it is a TroupeReporter), and the live chat
 * beside the pages (or on its own when narrow). It sets "character" on every page and combines
 * their state.
 *
 * Properties: "character", "dirty" (a page has unsaved changes), "busy" (a
 * page's call is running), "show-back-button". Widget actions: view.save,
 * view.stop-saving, view.revert, view.clone, view.delete (the last two are
 * the first page's character.clone and character.delete), view.show-page
 * (s: a page's name), view.toggle-chat (the live chat shown or not),
 * view.continue-chat (s: a session id). "chat-shown": the live chat is
 * shown, beside the pages or, on a narrow view, folded to a view of its
 * own with a back button to the pages. */
TroupeCharacterView *troupe_character_view_new            (void);
/* The first page added is the one that names the character and holds its
 * clone and delete. */
void                 troupe_character_view_add_page       (TroupeCharacterView *self,
                                                           TroupePage          *page,
                                                           const char          *name,
                                                           const char          *title,
                                                           const char          *icon_name);
TroupePage          *troupe_character_view_get_page       (TroupeCharacterView *self,
                                                           const char          *name);
ConvaiCharacter     *troupe_character_view_get_character  (TroupeCharacterView *self);
/* Switching keeps each page's unsaved changes as its draft. */
void                 troupe_character_view_set_character  (TroupeCharacterView *self,
                                                           ConvaiCharacter     *character);
gboolean             troupe_character_view_get_dirty      (TroupeCharacterView *self);
gboolean             troupe_character_view_get_busy       (TroupeCharacterView *self);
/* Puts @pane (the live chat) beside the pages, once; it follows the
 * view's character. The header's chat button and view.toggle-chat show
 * and hide it. */
void                 troupe_character_view_set_chat       (TroupeCharacterView *self,
                                                           GtkWidget           *pane);
gboolean             troupe_character_view_get_chat_shown (TroupeCharacterView *self);
/* Shown and folded to a view of its own: the view is too narrow for the
 * pages and the chat side by side. */
gboolean             troupe_character_view_get_chat_alone (TroupeCharacterView *self);
/* Every page writes its draft now; @blocking when the application exits. */
void                 troupe_character_view_keep_drafts    (TroupeCharacterView *self,
                                                           gboolean             blocking);
/* The header's subtitle ("Unsaved changes"), or NULL. */
const char          *troupe_character_view_get_subtitle   (TroupeCharacterView *self);
/* Save, Saving… or Stop Saving, as the header shows it now. */
GtkButton           *troupe_character_view_get_save_button (TroupeCharacterView *self);
/* What the banner says now, or NULL when it is hidden. */
const char          *troupe_character_view_get_problem    (TroupeCharacterView *self);

G_END_DECLS
