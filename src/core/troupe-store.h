/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <convai.h>

G_BEGIN_DECLS

typedef enum
{
  TROUPE_STORE_IDLE,     /* no client, or nothing asked yet */
  TROUPE_STORE_LOADING,
  TROUPE_STORE_LOADED,   /* a load arrived; a later one may be running */
  TROUPE_STORE_ERROR,    /* the last load failed or was stopped */
} TroupeStoreState;

#define TROUPE_TYPE_STORE_STATE (troupe_store_state_get_type ())
GType troupe_store_state_get_type (void) G_GNUC_CONST;

#define TROUPE_TYPE_STORE (troupe_store_get_type ())
G_DECLARE_DERIVABLE_TYPE (TroupeStore, troupe_store, TROUPE, STORE, GObject)

/* What every list the app fetches from the account shares: the client it
 * fetches with, one cancellable for that client's loads (replaced on
 * reload and on a new client, cancelled in dispose), whether a load runs
 * or arrived, and why the last one failed. A subclass says how to load and
 * keeps what arrived.
 *
 * Properties: "client", "state", "loading", "loaded" (a load arrived for
 * this client), "error-message" (why the list could not be loaded, with
 * what to do). */
struct _TroupeStoreClass
{
  GObjectClass parent_class;

  /* Starts one load with @client; @callback gets a result for load_finish. */
  void     (*load)        (TroupeStore         *self,
                           ConvaiClient        *client,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data);
  /* Keeps what arrived; FALSE with @error when the load failed. */
  gboolean (*load_finish) (TroupeStore         *self,
                           GAsyncResult        *result,
                           GError             **error);
  /* Forgets everything of the previous client (the default does nothing). */
  void     (*clear)       (TroupeStore         *self);

  /* The first sentence of the error message when a load fails (marked
   * with N_(), translated when used), and what a stopped load says. */
  const char *load_failed_text;
  const char *load_stopped_text;

  gpointer padding[8];
};

ConvaiClient     *troupe_store_get_client        (TroupeStore  *self);
/* Another client: forgets what the previous one loaded, then reloads. */
void              troupe_store_set_client        (TroupeStore  *self,
                                                  ConvaiClient *client);
/* Cancels a running load and starts another (none without a client). */
void              troupe_store_reload            (TroupeStore  *self);
/* Stops a load that takes too long; the error message then says so. */
void              troupe_store_cancel_load       (TroupeStore  *self);
TroupeStoreState  troupe_store_get_state         (TroupeStore  *self);
gboolean          troupe_store_get_loading       (TroupeStore  *self);
gboolean          troupe_store_get_loaded        (TroupeStore  *self);
const char       *troupe_store_get_error_message (TroupeStore  *self);
/* The cancellable of the current client's loads, for a subclass's other
 * requests (they stop with the loads). */
GCancellable     *troupe_store_get_cancellable   (TroupeStore  *self);

G_END_DECLS
