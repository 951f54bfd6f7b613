/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <convai.h>

G_BEGIN_DECLS

#define TROUPE_TYPE_PAGE (troupe_page_get_type ())
G_DECLARE_INTERFACE (TroupePage, troupe_page, TROUPE, PAGE, GtkWidget)

/* One page of a character view (Character, Knowledge, History...). The view
 * sets "character" on every page and combines their state: it saves the
 * pages with unsaved changes, and asks before closing while one is "dirty".
 *
 * Properties: "character" (ConvaiCharacter, what the page shows), "dirty"
 * (read-only: unsaved changes), "busy" (read-only: a call is running),
 * "saving" (read-only: a save is running), "title" (read-only: the character's name as the page has it, for pages
 * that edit it; NULL otherwise). */
struct _TroupePageInterface
{
  GTypeInterface parent_iface;

  /* Sends the page's unsaved changes. */
  void (*save)       (TroupePage *self);
  /* Stops waiting for a save that takes too long; the changes stay. */
  void (*stop_saving) (TroupePage *self);
  /* Drops them, back to what the server has. */
  void (*discard)    (TroupePage *self);
  /* Writes what must survive a crash now instead of after its pause;
   * @blocking when the application is exiting. */
  void (*keep_draft) (TroupePage *self,
                      gboolean    blocking);
};

ConvaiCharacter *troupe_page_get_character (TroupePage      *self);
void             troupe_page_set_character (TroupePage      *self,
                                            ConvaiCharacter *character);
gboolean         troupe_page_get_dirty     (TroupePage      *self);
gboolean         troupe_page_get_busy      (TroupePage      *self);
gboolean         troupe_page_get_saving    (TroupePage      *self);
char            *troupe_page_dup_title     (TroupePage      *self);
void             troupe_page_save          (TroupePage      *self);
void             troupe_page_stop_saving   (TroupePage      *self);
void             troupe_page_discard       (TroupePage      *self);
void             troupe_page_keep_draft    (TroupePage      *self,
                                            gboolean         blocking);

G_END_DECLS
