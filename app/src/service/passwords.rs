//! (ssr) The bound on password work: Argon2id checks run on a fixed set of
//! threads of their own, so a flood of logins cannot take the server's memory.

use crate::db::auth::{hash_password, verify_password};
use crate::error::AppError;
use crate::error::LoginError;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The bound on password hashing. Each Argon2id check takes about 19 MiB and
/// a core for tens of milliseconds. Checks run on a fixed set of threads of
/// their own, one per core: memory stays at one work area per thread (on
/// tokio's growing blocking pool every new thread kept its own), and a flood
/// of logins, even for made-up names, cannot take more. At most `queue` more
/// checks wait, each for at most `wait`; anyone beyond is told `Busy` at
/// once, before any other work is done.
pub struct PasswordWork {
    jobs: std::sync::Mutex<std::sync::mpsc::Sender<Job>>,
    places: Arc<Semaphore>,
    wait: Duration,
}

type Job = Box<dyn FnOnce() + Send>;

impl PasswordWork {
    pub fn new(threads: usize, queue: usize, wait: Duration) -> PasswordWork {
        let threads = threads.max(1);
        let (sender, receiver) = std::sync::mpsc::channel::<Job>();
        let receiver = Arc::new(std::sync::Mutex::new(receiver));
        for i in 0..threads {
            let receiver = Arc::clone(&receiver);
            let spawned = std::thread::Builder::new()
                .name(format!("password-{i}"))
                .spawn(move || loop {
                    // The lock is held only while taking a job, not running it.
                    let job = match receiver.lock() {
                        Ok(r) => r.recv(),
                        Err(_) => return,
                    };
                    match job {
                        Ok(job) => job(),
                        Err(_) => return, // the work was dropped: the app is gone
                    }
                });
            if let Err(e) = spawned {
                tracing::error!(error = %e, "could not start a password thread");
            }
        }
        PasswordWork {
            jobs: std::sync::Mutex::new(sender),
            places: Arc::new(Semaphore::new(threads + queue)),
            wait,
        }
    }

    /// One thread per core, eight waiting per core, two seconds' wait.
    pub fn for_this_machine() -> PasswordWork {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        PasswordWork::new(cores, cores * 8, Duration::from_secs(2))
    }

    /// A place in the line, or `Busy` when the line is full.
    pub fn enter(&self) -> Result<Place<'_>, AppError> {
        let place = Arc::clone(&self.places)
            .try_acquire_owned()
            .map_err(|_| AppError::Login(LoginError::Busy))?;
        Ok(Place { work: self, place })
    }

    /// An Argon2id hash of a new password.
    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        self.enter()?.run(move || hash_password(&password)).await?
    }
}

/// A place in [`PasswordWork`]'s line, held until its check has run.
pub struct Place<'a> {
    work: &'a PasswordWork,
    place: OwnedSemaphorePermit,
}

impl Place<'_> {
    /// Runs `job` on a password thread. A job that waited past the deadline
    /// is not run: its caller is told `Busy`. The place is given back when
    /// the job is done, even if the caller went away meanwhile.
    async fn run<T: Send + 'static>(
        self,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let deadline = std::time::Instant::now() + self.work.wait;
        let place = self.place;
        let wrapped: Job = Box::new(move || {
            let _place = place;
            let result = if std::time::Instant::now() > deadline {
                Err(LoginError::Busy.into())
            } else {
                Ok(job())
            };
            let _ = reply.send(result);
        });
        let sent = match self.work.jobs.lock() {
            Ok(jobs) => jobs.send(wrapped).is_ok(),
            Err(_) => false,
        };
        if !sent {
            tracing::error!("the password threads are gone");
            return Err(AppError::Internal);
        }
        answer.await.map_err(|_| AppError::Internal)?
    }

    /// Whether `password` matches `stored` (always false without one).
    pub async fn verify(self, password: String, stored: Option<String>) -> Result<bool, AppError> {
        self.run(move || verify_password(&password, stored.as_deref()))
            .await
    }
}
