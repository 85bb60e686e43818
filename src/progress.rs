//! Progress bars (indicatif, on stderr) for long imports and compiles.
//! A bar appears only once a stage has run for a moment, and never when
//! stderr is not a terminal.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

/// How long a stage runs before its bar appears.
const DELAY: Duration = Duration::from_millis(400);

struct Stage {
    name: String,
    len: u64,
    done: u64,
    started: Instant,
    bar: Option<ProgressBar>,
}

/// A [`congthuong_store::progress::Progress`] drawn with indicatif.
#[derive(Default)]
pub struct Bar {
    stage: Mutex<Option<Stage>>,
}

impl Bar {
    fn show(stage: &mut Stage) {
        if stage.bar.is_some() || stage.started.elapsed() < DELAY {
            return;
        }
        let bar = if stage.len > 0 {
            ProgressBar::new(stage.len).with_style(
                ProgressStyle::with_template("{msg:>28} [{bar:40}] {pos}/{len} ({eta})")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
            )
        } else {
            ProgressBar::new_spinner()
        };
        bar.set_message(stage.name.clone());
        bar.set_position(stage.done);
        if stage.len == 0 {
            bar.enable_steady_tick(Duration::from_millis(120));
        }
        stage.bar = Some(bar);
    }
}

impl congthuong_store::progress::Progress for Bar {
    fn start(&self, stage: &str, len: u64) {
        if let Ok(mut s) = self.stage.lock() {
            if let Some(old) = s.take().and_then(|s| s.bar) {
                old.finish_and_clear();
            }
            let mut new = Stage {
                name: stage.to_owned(),
                len,
                done: 0,
                // A stage of unknown length shows its spinner at once (it
                // gets no steps to trigger it later).
                started: if len == 0 {
                    Instant::now()
                        .checked_sub(DELAY)
                        .unwrap_or_else(Instant::now)
                } else {
                    Instant::now()
                },
                bar: None,
            };
            if len == 0 {
                Self::show(&mut new);
            }
            *s = Some(new);
        }
    }

    fn advance(&self, n: u64) {
        if let Ok(mut s) = self.stage.lock()
            && let Some(stage) = s.as_mut()
        {
            stage.done += n;
            Self::show(stage);
            if let Some(bar) = &stage.bar {
                bar.set_position(stage.done);
            }
        }
    }

    fn finish(&self) {
        if let Ok(mut s) = self.stage.lock()
            && let Some(bar) = s.take().and_then(|s| s.bar)
        {
            bar.finish_and_clear();
        }
    }
}
