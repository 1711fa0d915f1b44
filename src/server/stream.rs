//! Responses written as they are produced: an export runs on the blocking
//! pool and writes into a [`ChunkWriter`], whose chunks go to the client
//! through a small channel. Memory stays at a few chunks whatever the size of
//! the export, and when the client goes away the next write fails, which
//! ends the export and frees its permit.
//!
//! An error before the first chunk (an unknown order, an unsupported format:
//! exports check those before writing) is answered with its status as usual.
//! An error after it can only cut the body short, so the client sees a
//! truncated download rather than a false success.

use std::io::Write;

use axum::body::{Body, Bytes};
use axum::http::StatusCode;
use tokio::sync::{mpsc, oneshot};

use super::{Failure, State};
use crate::kb::Kb;

/// Bytes gathered before a chunk is sent.
const CHUNK_BYTES: usize = 64 * 1024;
/// Chunks in flight between the export and the client.
const CHUNKS_IN_FLIGHT: usize = 4;

type Chunk = Result<Bytes, std::io::Error>;

/// A writer whose bytes leave in chunks through a channel; the first chunk
/// (or the end, if nothing was written) tells the handler to start the reply.
struct ChunkWriter {
    buf: Vec<u8>,
    chunks: mpsc::Sender<Chunk>,
    started: Option<oneshot::Sender<Result<(), Failure>>>,
}

impl ChunkWriter {
    fn start(&mut self, outcome: Result<(), Failure>) -> Result<(), Failure> {
        match self.started.take() {
            Some(tell) => {
                let _ = tell.send(outcome);
                Ok(())
            }
            None => outcome,
        }
    }

    fn send(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let _ = self.start(Ok(()));
        let chunk = Bytes::from(std::mem::replace(
            &mut self.buf,
            Vec::with_capacity(CHUNK_BYTES),
        ));
        self.chunks
            .blocking_send(Ok(chunk))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "client gone"))
    }
}

impl Write for ChunkWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK_BYTES {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        // Chunks leave when full; the last one when the work ends.
        Ok(())
    }
}

/// Runs `work` against the index on the blocking pool, within the limits,
/// and streams what it writes. The request timeout bounds the wait for the
/// first chunk, not the whole download.
pub(crate) async fn with_kb_streamed(
    state: &State,
    work: impl FnOnce(&Kb, &mut dyn Write) -> Result<(), Failure> + Send + 'static,
) -> Result<Body, Failure> {
    let permit = state
        .work
        .clone()
        .acquire_owned()
        .await
        .map_err(|_| Failure::new(StatusCode::SERVICE_UNAVAILABLE, "shutting down"))?;
    let (chunks, receiver) = mpsc::channel::<Chunk>(CHUNKS_IN_FLIGHT);
    let (started, first) = oneshot::channel();
    let shared = state.clone();
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let mut w = ChunkWriter {
            buf: Vec::with_capacity(CHUNK_BYTES),
            chunks,
            started: Some(started),
        };
        let outcome = work(&shared.kb(), &mut w).and_then(|()| {
            w.send()
                .map_err(|e| Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
        });
        if let Err(failure) = w.start(outcome) {
            let cut = std::io::Error::other(failure.message);
            let _ = w.chunks.blocking_send(Err(cut));
        }
    });
    match tokio::time::timeout(state.limits.request_timeout, first).await {
        Err(_) => Err(Failure::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the export took longer than {} s to start; narrow it",
                state.limits.request_timeout.as_secs()
            ),
        )),
        Ok(Err(_)) => Err(Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the export failed unexpectedly",
        )),
        Ok(Ok(Err(failure))) => Err(failure),
        Ok(Ok(Ok(()))) => Ok(Body::from_stream(futures_util::stream::unfold(
            receiver,
            |mut receiver| async move { receiver.recv().await.map(|chunk| (chunk, receiver)) },
        ))),
    }
}
