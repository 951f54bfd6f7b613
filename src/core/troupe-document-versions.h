/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TROUPE_TYPE_DOCUMENT_VERSIONS (troupe_document_versions_get_type ())
G_DECLARE_FINAL_TYPE (TroupeDocumentVersions, troupe_document_versions, TROUPE, DOCUMENT_VERSIONS, GObject)

/* Which version each document is at. The API has no version number: a new
 * version keeps the id and changes the upload time, so the count is kept
 * here, in a small key file, and survives a restart. Without a file (tests)
 * it is kept in memory only. The file is read in the background; signal
 * "loaded" says when its counts are known. */
TroupeDocumentVersions *troupe_document_versions_new         (GFile                  *file_or_null);
TroupeDocumentVersions *troupe_document_versions_new_default (void);
gboolean                troupe_document_versions_get_loaded  (TroupeDocumentVersions *self);
/* 0 when not counted yet. */
guint                   troupe_document_versions_get         (TroupeDocumentVersions *self,
                                                              const char             *doc_id);
void                    troupe_document_versions_set         (TroupeDocumentVersions *self,
                                                              const char             *doc_id,
                                                              guint                   version);
void                    troupe_document_versions_forget      (TroupeDocumentVersions *self,
                                                              const char             *doc_id);

G_END_DECLS
