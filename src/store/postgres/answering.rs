//! A login that gives up in time. `connect_timeout` bounds only reaching
//! the socket; a pooler in front of the server (PgBouncer) answers the
//! login itself and then holds the first query until it has a server
//! connection, or until it gives up on a server it cannot reach
//! (`query_wait_timeout`: two minutes by default). A capture popup or an
//! `add` must not wait that long: without an answer in time the server is
//! offline, and a write goes to the outbox.
//!
//! The login and its first query run on a thread of their own: a client
//! whose query is still waiting cannot be dropped without waiting too (its
//! goodbye waits for the pooler), so a late one is left to end there. The
//! first query is the caller's (a store asks for the schema version), or an
//! empty one: each query through a pooler is a round trip, and a `nudge`
//! has 10 ms for all of them.

use std::sync::mpsc;
use std::time::Duration;

use postgres::Client;

use super::url::ServerUrl;
use super::{Result, ServerError};

/// A connection that answered an empty query, or an error within about
/// twice `wait` (the login, then the query, each up to `wait`).
pub fn within(url: &ServerUrl, wait: Duration) -> Result<Client> {
    let checked = within_then(url, wait, |client, wait| client.is_valid(wait));
    match checked {
        Ok((client, Ok(()))) => Ok(client),
        Ok((_, Err(e))) => Err(url.cannot_connect(&e)),
        Err(e) => Err(e),
    }
}

/// A connection and what `first` made of it, or an error within about
/// twice `wait`. An answer of any kind to `first` counts as answered; it
/// is told `wait`, for a query that can bound itself.
pub fn within_then<T: Send + 'static>(
    url: &ServerUrl,
    wait: Duration,
    first: fn(&mut Client, Duration) -> T,
) -> Result<(Client, T)> {
    let (answer, answered) = mpsc::sync_channel(1);
    let caller_url = url.clone();
    let url = url.clone();
    let spawned = std::thread::Builder::new()
        .name("leertuin-login".into())
        .spawn(move || {
            let reply = url.login().map(|mut client| {
                let said = first(&mut client, wait);
                (client, said)
            });
            // Given up on by now: the client ends here, after the answer
            // (its goodbye may wait).
            let _ = answer.send(reply);
        });
    if spawned.is_err() {
        // No thread to be had: log in here, unbounded, as before.
        let mut client = caller_url.login()?;
        let said = first(&mut client, wait);
        return Ok((client, said));
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
