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

use super::{permit, within_timeout, Failure, State};
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
    let permit = permit(state).await?;
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
    within_timeout(state, "the start of the export", first).await?;
    Ok(Body::from_stream(futures_util::stream::unfold(
        receiver,
        |mut receiver| async move { receiver.recv().await.map(|chunk| (chunk, receiver)) },
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn writer() -> (
        ChunkWriter,
        mpsc::Receiver<Chunk>,
        oneshot::Receiver<Result<(), Failure>>,
    ) {
        let (chunks, receiver) = mpsc::channel(CHUNKS_IN_FLIGHT);
        let (started, first) = oneshot::channel();
        let w = ChunkWriter {
            buf: Vec::new(),
            chunks,
            started: Some(started),
        };
        (w, receiver, first)
    }

    /// Nothing leaves before a chunk is full; the first chunk starts the reply.
    #[test]
    fn chunks_leave_when_full_and_the_first_starts_the_reply() {
        let (mut w, mut receiver, mut first) = writer();
        w.write_all(&[b'x'; CHUNK_BYTES - 1]).unwrap();
        assert!(receiver.try_recv().is_err());
        assert!(first.try_recv().is_err());
        w.write_all(b"yz").unwrap();
        assert!(matches!(first.try_recv(), Ok(Ok(()))));
        assert_eq!(receiver.try_recv().unwrap().unwrap().len(), CHUNK_BYTES + 1);
        w.send().unwrap();
        assert!(
            receiver.try_recv().is_err(),
            "an empty buffer sends nothing"
        );
    }

    /// A client that went away fails the next chunk, which ends the export.
    #[test]
    fn a_client_gone_fails_the_next_chunk() {
        let (mut w, receiver, _first) = writer();
        drop(receiver);
        let err = w.write_all(&[b'x'; CHUNK_BYTES]).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::BrokenPipe);
    }

    /// An error before the first chunk is handed to the handler, which answers
    /// with its status; after it, the error is the caller's to put in the body.
    #[test]
    fn an_error_before_the_first_chunk_reaches_the_handler() {
        let (mut w, _receiver, mut first) = writer();
        let failure = Failure::new(StatusCode::NOT_FOUND, "no such order");
        assert!(w.start(Err(failure)).is_ok());
        assert!(matches!(first.try_recv(), Ok(Err(f)) if f.status == StatusCode::NOT_FOUND));
        let again = Failure::new(StatusCode::INTERNAL_SERVER_ERROR, "late");
        assert!(w.start(Err(again)).is_err());
    }
}
