fn main() {
    let cli = strata::cli::parse();
    std::process::exit(strata::cli::run(cli));
}
