/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "troupe-page.h"

G_DEFINE_INTERFACE (TroupePage, troupe_page, GTK_TYPE_WIDGET)

static void
troupe_page_default_init (TroupePageInterface *iface)
{
  g_object_interface_install_property (iface,
    g_param_spec_object ("character", NULL, NULL, CONVAI_TYPE_CHARACTER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_interface_install_property (iface,
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_interface_install_property (iface,
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_interface_install_property (iface,
    g_param_spec_boolean ("saving", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_interface_install_property (iface,
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
}

ConvaiCharacter *
troupe_page_get_character (TroupePage *self)
{
  g_autoptr(ConvaiCharacter) character = NULL;

  g_return_val_if_fail (TROUPE_IS_PAGE (self), NULL);

  /* The page holds its own reference; this one is dropped at once. */
  g_object_get (self, "character", &character, NULL);
  return character;
}

void
troupe_page_set_character (TroupePage      *self,
                           ConvaiCharacter *character)
{
  g_return_if_fail (TROUPE_IS_PAGE (self));
  g_return_if_fail (character == NULL || CONVAI_IS_CHARACTER (character));

  g_object_set (self, "character", character, NULL);
}

gboolean
troupe_page_get_dirty (TroupePage *self)
{
  gboolean dirty = FALSE;

  g_return_val_if_fail (TROUPE_IS_PAGE (self), FALSE);

  g_object_get (self, "dirty", &dirty, NULL);
  return dirty;
}

gboolean
troupe_page_get_busy (TroupePage *self)
{
  gboolean busy = FALSE;

  g_return_val_if_fail (TROUPE_IS_PAGE (self), FALSE);

  g_object_get (self, "busy", &busy, NULL);
  return busy;
}

gboolean
troupe_page_get_saving (TroupePage *self)
{
  gboolean saving = FALSE;

  g_return_val_if_fail (TROUPE_IS_PAGE (self), FALSE);

  g_object_get (self, "saving", &saving, NULL);
  return saving;
}

char *
troupe_page_dup_title (TroupePage *self)
{
  char *title = NULL;

  g_return_val_if_fail (TROUPE_IS_PAGE (self), NULL);

  g_object_get (self, "title", &title, NULL);
  return title;
}

void
troupe_page_save (TroupePage *self)
{
  g_return_if_fail (TROUPE_IS_PAGE (self));

  if (TROUPE_PAGE_GET_IFACE (self)->save != NULL)
    TROUPE_PAGE_GET_IFACE (self)->save (self);
}

void
troupe_page_stop_saving (TroupePage *self)
{
  g_return_if_fail (TROUPE_IS_PAGE (self));

  if (TROUPE_PAGE_GET_IFACE (self)->stop_saving != NULL)
    TROUPE_PAGE_GET_IFACE (self)->stop_saving (self);
}

void
troupe_page_discard (TroupePage *self)
{
  g_return_if_fail (TROUPE_IS_PAGE (self));

  if (TROUPE_PAGE_GET_IFACE (self)->discard != NULL)
    TROUPE_PAGE_GET_IFACE (self)->discard (self);
}

void
troupe_page_keep_draft (TroupePage *self,
                        gboolean    blocking)
{
  g_return_if_fail (TROUPE_IS_PAGE (self));

  if (TROUPE_PAGE_GET_IFACE (self)->keep_draft != NULL)
    TROUPE_PAGE_GET_IFACE (self)->keep_draft (self, blocking);
}
