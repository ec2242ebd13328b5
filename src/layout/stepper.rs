//! Runs a force layout on a background thread: pause, resume and stop it, read its progress,
//! and take its latest positions without ever waiting for an iteration to finish.

use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;

use super::ForceLayout;

/// How far a layout has come.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Progress {
    /// Iterations done.
    pub iteration: usize,
    /// The most it will do.
    pub max_iterations: usize,
    /// Mean movement of the last iteration, as a fraction of the drawing's width.
    pub movement: f64,
    /// Whether it has settled (and so stopped by itself).
    pub settled: bool,
    /// Whether it has finished: settled, reached its maximum, or been stopped.
    pub finished: bool,
}

const RUN: u8 = 0;
const PAUSE: u8 = 1;
const STOP: u8 = 2;

struct Shared {
    state: AtomicU8,
    wake: (Mutex<()>, Condvar),
    progress: Mutex<Progress>,
    latest: Mutex<Option<Vec<[f64; 2]>>>,
    fresh: AtomicBool,
}

/// A force layout running on its own thread.
pub struct Stepper {
    shared: Arc<Shared>,
    handle: Option<JoinHandle<ForceLayout>>,
}

impl Stepper {
    /// Starts `layout` for at most `max_iterations`, publishing positions every
    /// `publish_every` iterations, on all cores.
    pub fn start(
        layout: ForceLayout,
        max_iterations: usize,
        publish_every: usize,
    ) -> std::io::Result<Self> {
        Self::start_on(layout, max_iterations, publish_every, None)
    }

    /// [`Stepper::start`] on at most `threads` threads (`None`: all cores), so that the
    /// app keeps a core for answering and drawing while a layout refines the map.
    pub fn start_on(
        mut layout: ForceLayout,
        max_iterations: usize,
        publish_every: usize,
        threads: Option<usize>,
    ) -> std::io::Result<Self> {
        if let Some(n) = threads {
            layout.set_threads(n);
        }
        let shared = Arc::new(Shared {
            state: AtomicU8::new(RUN),
            wake: (Mutex::new(()), Condvar::new()),
            progress: Mutex::new(Progress {
                max_iterations,
                ..Progress::default()
            }),
            latest: Mutex::new(None),
            fresh: AtomicBool::new(false),
        });
        let inner = Arc::clone(&shared);
        let publish_every = publish_every.max(1);
        let handle = std::thread::Builder::new()
            .name("wijkweb-layout".into())
            .spawn(move || {
                let mut done = 0;
                while done < max_iterations {
                    match inner.state.load(Ordering::Acquire) {
                        STOP => break,
                        PAUSE => {
                            let (lock, cv) = &inner.wake;
                            if let Ok(guard) = lock.lock() {
                                // Woken by resume or stop; spurious wakes loop back here.
                                let _unused = cv.wait_while(guard, |_| {
                                    inner.state.load(Ordering::Acquire) == PAUSE
                                });
                            }
                            continue;
                        }
                        _ => {}
                    }
                    let report = layout.step();
                    done += 1;
                    let settled = layout.is_settled();
                    if settled || done % publish_every == 0 || done == max_iterations {
                        if settled || done == max_iterations {
                            layout.remove_overlaps();
                        }
                        publish(
                            &inner,
                            &layout,
                            report.movement,
                            settled,
                            false,
                            max_iterations,
                        );
                    }
                    if settled {
                        break;
                    }
                }
                let settled = layout.is_settled();
                publish(&inner, &layout, f64::NAN, settled, true, max_iterations);
                layout
            })?;
        Ok(Self {
            shared,
            handle: Some(handle),
        })
    }

    /// Pauses after the current iteration.
    pub fn pause(&self) {
        self.shared.state.store(PAUSE, Ordering::Release);
    }

    /// Resumes a paused layout.
    pub fn resume(&self) {
        self.set_and_wake(RUN);
    }

    /// Whether it is paused.
    pub fn is_paused(&self) -> bool {
        self.shared.state.load(Ordering::Acquire) == PAUSE
    }

    fn set_and_wake(&self, state: u8) {
        let (lock, cv) = &self.shared.wake;
        let _guard = lock.lock();
        self.shared.state.store(state, Ordering::Release);
        cv.notify_all();
    }

    /// The latest progress.
    pub fn progress(&self) -> Progress {
        self.shared.progress.lock().map(|p| *p).unwrap_or_default()
    }

    /// Positions published since the last call, if any; never waits for the layout.
    pub fn take_positions(&self) -> Option<Vec<[f64; 2]>> {
        if !self.shared.fresh.swap(false, Ordering::AcqRel) {
            return None;
        }
        self.shared
            .latest
            .try_lock()
            .ok()
            .and_then(|mut latest| latest.take())
    }

    /// Stops the layout and returns it as it is (waits for the current iteration).
    pub fn stop(mut self) -> Option<ForceLayout> {
        self.set_and_wake(STOP);
        self.handle.take().and_then(|h| h.join().ok())
    }
}

impl Drop for Stepper {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            self.set_and_wake(STOP);
            let _finished = handle.join();
        }
    }
}

fn publish(
    shared: &Shared,
    layout: &ForceLayout,
    movement: f64,
    settled: bool,
    finished: bool,
    max: usize,
) {
    if let Ok(mut latest) = shared.latest.lock() {
        *latest = Some(layout.positions().to_vec());
        shared.fresh.store(true, Ordering::Release);
    }
    if let Ok(mut progress) = shared.progress.lock() {
        *progress = Progress {
            iteration: layout.iteration(),
            max_iterations: max,
            movement: if movement.is_nan() {
                progress.movement
            } else {
                movement
            },
            settled,
            finished,
        };
    }
}
