//! Reading the plans whole in the background. A search begun on plans held
//! in part opens its bar at once and takes keys while a second connection
//! reads the plans whole; its hits come when they are read. A read begun
//! before a write is not used: it is made again.

use std::sync::mpsc::{self, TryRecvError};

use super::*;

type Read = Result<Vec<(Plan, Option<String>)>, StoreError>;

/// A read of the plans whole under way.
pub(super) struct WholeRead {
    rx: mpsc::Receiver<Read>,
    /// [`App`]'s count of reads after writes when it began.
    edits: u64,
}

impl App {
    /// Starts reading whole, on a connection of its own, every plan held
    /// in part, each in the period it shows; nothing if all are whole or a
    /// read is under way.
    pub(super) fn start_whole_read(&mut self) {
        if self.whole_read.is_some() {
            return;
        }
        let wanted: Vec<(String, Option<String>)> = self
            .model
            .plans
            .iter()
            .filter(|p| !p.is_whole())
            .map(|p| (p.plan.code.clone(), p.period.clone()))
            .collect();
        if wanted.is_empty() {
            return;
        }
        let path = self.store.path().to_owned();
        let mode = self.store.mode();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let read = || -> Read {
                let store = Store::open_existing(&path, mode)?;
                store.snapshot(|s| {
                    wanted
                        .iter()
                        .map(|(code, period)| {
                            Ok((s.load_plan_in(code, period.as_deref())?, period.clone()))
                        })
                        .collect()
                })
            };
            // The app may have ended meanwhile: nobody to tell.
            let _ = tx.send(read());
        });
        self.whole_read = Some(WholeRead {
            rx,
            edits: self.edits,
        });
        self.model.reading_whole = true;
    }

    /// Whether a read of the plans whole is under way.
    pub fn reading_whole(&self) -> bool {
        self.whole_read.is_some()
    }

    /// Takes in the plans read in the background once they have come
    /// (`wait`: waits for them). Returns whether anything changed.
    pub fn poll_whole_read(&mut self, wait: bool) -> bool {
        let Some(r) = &self.whole_read else {
            return false;
        };
        let got = if wait {
            r.rx.recv().ok()
        } else {
            match r.rx.try_recv() {
                Ok(read) => Some(read),
                Err(TryRecvError::Empty) => return false,
                Err(TryRecvError::Disconnected) => None,
            }
        };
        let fresh = r.edits == self.edits;
        self.whole_read = None;
        self.model.reading_whole = false;
        match got {
            Some(Ok(plans)) if fresh => {
                for (plan, period) in plans {
                    let held =
                        self.model.plans.iter().any(|p| {
                            p.plan.code == plan.code && p.period == period && !p.is_whole()
                        });
                    if held {
                        self.model.put_plan(Fresh::Whole(plan), period);
                    }
                }
            }
            Some(Err(e)) => self.report(Err(e), self.model.lang),
            // Read before a write, or lost: read now.
            Some(Ok(_)) | None => {}
        }
        self.read_whole();
        self.model.whole_arrived();
        true
    }
}
