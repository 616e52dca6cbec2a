//! The network: one blocking GET with a timeout and strata's User-Agent
//! (Sotkanet requires one). Errors say which source and why, so that the
//! message can tell offline from a failing source.

use std::time::Duration;

use super::FetchError;
use crate::domain::Source;

/// The largest answer read (Sotkanet answers with every region).
const LIMIT: u64 = 64 * 1024 * 1024;

pub struct Client {
    agent: ureq::Agent,
    pub timeout: Duration,
    /// Kolada's base address (`STRATA_KOLADA_URL` replaces it: a mirror,
    /// or the tests' local server).
    pub kolada: String,
    pub sotkanet: String,
}

impl Client {
    /// A client with the sources' public addresses, unless the environment
    /// names others, and `STRATA_FETCH_TIMEOUT` seconds (default 30).
    pub fn from_env() -> Client {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        let timeout = var("STRATA_FETCH_TIMEOUT")
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|s| *s > 0.0)
            .map_or(Duration::from_secs(30), Duration::from_secs_f64);
        Client::new(
            timeout,
            var("STRATA_KOLADA_URL").unwrap_or_else(|| super::kolada::BASE.to_owned()),
            var("STRATA_SOTKANET_URL").unwrap_or_else(|| super::sotkanet::BASE.to_owned()),
        )
    }

    pub fn new(timeout: Duration, kolada: String, sotkanet: String) -> Client {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .user_agent(concat!(
                "strata/",
                env!("CARGO_PKG_VERSION"),
                " (follow-up of municipal plans)"
            ))
            .build()
            .new_agent();
        Client {
            agent,
            timeout,
            kolada,
            sotkanet,
        }
    }

    pub fn get(&self, source: Source, url: &str) -> Result<String, FetchError> {
        let fail = |e: ureq::Error| match e {
            ureq::Error::Timeout(_) => FetchError::Timeout {
                source,
                seconds: self.timeout.as_secs_f64().ceil() as u64,
            },
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
                FetchError::Timeout {
                    source,
                    seconds: self.timeout.as_secs_f64().ceil() as u64,
                }
            }
            ureq::Error::HostNotFound | ureq::Error::ConnectionFailed | ureq::Error::Io(_) => {
                FetchError::Offline {
                    source,
                    detail: e.to_string(),
                }
            }
            other => FetchError::Malformed {
                source,
                detail: other.to_string(),
            },
        };
        let mut resp = self
            .agent
            .get(url)
            .header("Accept", "application/json")
            .call()
            .map_err(fail)?;
        let code = resp.status().as_u16();
        if !(200..300).contains(&code) {
            return Err(FetchError::Status {
                source,
                code,
                url: url.to_owned(),
            });
        }
        resp.body_mut()
            .with_config()
            .limit(LIMIT)
            .read_to_string()
            .map_err(fail)
    }
}
