//! A login that gives up in time. `connect_timeout` bounds only reaching
//! the socket; a pooler in front of the server (PgBouncer) answers the
//! login itself and then holds the first query until it has a server
//! connection, or until it gives up on a server it cannot reach
//! (`query_wait_timeout`: two minutes by default). A capture popup or an
//! `add` must not wait that long: without an answer in time the server is
//! offline, and a write goes to the outbox.
//!
//! The login and one empty query run on a thread of their own: a client
//! whose query is still waiting cannot be dropped without waiting too (its
//! goodbye waits for the pooler), so a late one is left to end there.

use std::sync::mpsc;
use std::time::Duration;

use postgres::Client;

use super::url::ServerUrl;
use super::{Result, ServerError};

/// A connection that answered an empty query, or an error within about
/// twice `wait` (the login, then the query, each up to `wait`).
pub fn within(url: &ServerUrl, wait: Duration) -> Result<Client> {
    let (answer, answered) = mpsc::sync_channel(1);
    let caller_url = url.clone();
    let url = url.clone();
    let spawned = std::thread::Builder::new()
        .name("leertuin-login".into())
        .spawn(move || {
            let mut client = match url.login() {
                Ok(client) => client,
                Err(e) => {
                    let _ = answer.send(Err(e));
                    return;
                }
            };
            match client.is_valid(wait) {
                Ok(()) => {
                    // Given up on by now: the client ends here.
                    let _ = answer.send(Ok(client));
                }
                Err(e) => {
                    let _ = answer.send(Err(url.cannot_connect(&e)));
                    // Dropped after the answer: its goodbye may wait.
                }
            }
        });
    if spawned.is_err() {
        // No thread to be had: log in here, unbounded, as before.
        return caller_url.login();
    }
    match answered.recv_timeout(wait.saturating_mul(2)) {
        Ok(result) => result,
        Err(_) => Err(ServerError::Connect(
            crate::t!(
                "server.cannot-connect",
                target = caller_url.describe(),
                reason = crate::t!("server.no-answer", s = wait.saturating_mul(2).as_secs())
            )
            .into_owned(),
        )),
    }
}
