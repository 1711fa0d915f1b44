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
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::StatusCode;
use tokio::sync::{mpsc, oneshot};
use tokio::time::Instant;

use super::{over_time, turn, CancelOnDrop, Failure, State};
use crate::kb::{Kb, Watch};

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
    /// Runs the wait for room in the channel, with its time limit.
    runtime: tokio::runtime::Handle,
    /// Longest the client may take no chunk: past it the export ends.
    stall: Duration,
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
        let (chunks, stall) = (&self.chunks, self.stall);
        let sending = async move { tokio::time::timeout(stall, chunks.send(Ok(chunk))).await };
        match self.runtime.block_on(sending) {
            Ok(Ok(())) => Ok(()),
            Ok(Err(_)) => Err(std::io::Error::new(
                std::io::ErrorKind::BrokenPipe,
                "client gone",
            )),
            Err(_) => Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                format!("the client took no data for {} s", self.stall.as_secs_f32()),
            )),
        }
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

/// The body's side of the channel. A download cut short ends in an error,
/// so the client sees a truncated transfer, never a complete-looking file;
/// and when the client goes away (the body is dropped) the export's watch
/// is cancelled, which stops it even between writes.
struct Download {
    chunks: mpsc::Receiver<Chunk>,
    failed: Arc<AtomicBool>,
    _stop: CancelOnDrop,
}

impl Download {
    async fn next(mut self) -> Option<(Chunk, Download)> {
        match self.chunks.recv().await {
            Some(chunk) => Some((chunk, self)),
            None if self.failed.swap(false, Ordering::Acquire) => {
                let cut = std::io::Error::other("the export failed part-way");
                Some((Err(cut), self))
            }
            None => None,
        }
    }
}

/// Runs `work` against the index on the blocking pool, in an export's turn
/// (never a query's), and streams what it writes. The request timeout
/// bounds the wait for the turn and for the first chunk, not the whole
/// download; after that the export runs as long as its client takes data,
/// and ends when the client takes none for the request timeout.
pub(crate) async fn with_kb_streamed(
    state: &State,
    work: impl FnOnce(&Kb, &mut dyn Write) -> Result<(), Failure> + Send + 'static,
) -> Result<Body, Failure> {
    let deadline = Instant::now() + state.limits.request_timeout;
    let permit = turn(state, &state.exports, "exports", deadline).await?;
    let watch = Watch::new(None);
    // Until the first chunk, an abandoned or late request stops the export.
    let stop = CancelOnDrop(watch.clone());
    let (chunks, receiver) = mpsc::channel::<Chunk>(CHUNKS_IN_FLIGHT);
    let (started, first) = oneshot::channel();
    let failed = Arc::new(AtomicBool::new(false));
    let shared = state.clone();
    let mut w = ChunkWriter {
        buf: Vec::with_capacity(CHUNK_BYTES),
        chunks,
        started: Some(started),
        runtime: tokio::runtime::Handle::current(),
        stall: state.limits.request_timeout,
    };
    let cut = failed.clone();
    let export_watch = watch.clone();
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let outcome = export_watch
            .over(|| work(&shared.kb(), &mut w))
            .and_then(|()| {
                w.send()
                    .map_err(|e| Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
            });
        if w.start(outcome).is_err() {
            cut.store(true, Ordering::Release);
        }
    });
    match tokio::time::timeout_at(deadline, first).await {
        Err(_) => return Err(over_time(state, "the start of the export")),
        Ok(Err(_)) => {
            return Err(Failure::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the export failed unexpectedly",
            ))
        }
        Ok(Ok(Err(f))) => return Err(f),
        Ok(Ok(Ok(()))) => {}
    }
    let download = Download {
        chunks: receiver,
        failed,
        _stop: stop,
    };
    Ok(Body::from_stream(futures_util::stream::unfold(
        download,
        Download::next,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A runtime for the writer's waits, as the server's: its workers drive
    /// the timer while the tests write from their own threads.
    fn runtime() -> &'static tokio::runtime::Runtime {
        static RT: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
        RT.get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_time()
                .build()
                .unwrap()
        })
    }

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
            runtime: runtime().handle().clone(),
            stall: Duration::from_millis(300),
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

    /// A client that stops reading ends the export once it has taken no
    /// chunk for the stall limit, and the writer's error says so; before,
    /// the export (and its turn) waited on the client for ever.
    #[test]
    fn a_client_that_takes_nothing_ends_the_export() {
        let (mut w, _receiver, _first) = writer();
        let started = std::time::Instant::now();
        let mut result = Ok(());
        for _ in 0..CHUNKS_IN_FLIGHT + 2 {
            result = w.write_all(&[b'x'; CHUNK_BYTES]);
            if result.is_err() {
                break;
            }
        }
        let err = result.expect_err("the export ends");
        assert_eq!(err.kind(), std::io::ErrorKind::TimedOut);
        let waited = started.elapsed();
        assert!(
            waited >= Duration::from_millis(300) && waited < Duration::from_secs(5),
            "{waited:?}"
        );
    }
}
