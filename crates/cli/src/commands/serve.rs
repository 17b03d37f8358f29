use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;
use storyline_pipeline::DigestOptions;
use storyline_server::{ServerOptions, DEFAULT_ADDR, DEFAULT_MAX_BODY_BYTES};

use super::digest::open_archive;
use crate::{Failure, Global};

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Database directory to serve (created if missing; fill it with `digest --db` or
    /// POST /api/documents).
    #[arg(long, value_name = "DIR", required = true)]
    pub db: PathBuf,
    /// Address to listen on. The API has no authentication: keep it on localhost unless a
    /// proxy in front of it controls access.
    #[arg(long, default_value = DEFAULT_ADDR, value_name = "IP:PORT")]
    pub addr: SocketAddr,
    /// Largest request body accepted (POST /api/documents); larger ones get 413.
    #[arg(long, default_value_t = DEFAULT_MAX_BODY_BYTES, value_name = "BYTES")]
    pub max_body: usize,
    /// Word budget of each event summary.
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub words: usize,
}

pub fn run(args: &ServeArgs, _g: &Global) -> Result<(), Failure> {
    let opts = DigestOptions {
        words: args.words,
        ..DigestOptions::default()
    };
    let archive = open_archive(&args.db, opts)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Internal(anyhow::Error::new(e).context("starting the server")))?;
    let server_opts = ServerOptions {
        max_body_bytes: args.max_body,
    };
    runtime
        .block_on(storyline_server::serve(archive, args.addr, server_opts))
        .map_err(|e| match e {
            storyline_server::ServerError::Bind { .. } => Failure::Input(e.to_string()),
            other => Failure::Internal(other.into()),
        })
}
