fn main() {
    // A closed pipe (`strata plans | head -1`) ends strata quietly, as it does
    // any Unix tool, instead of a panic on the next print.
    // SAFETY: restoring the default action of a signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = strata::cli::parse();
    std::process::exit(strata::cli::run(cli));
}
