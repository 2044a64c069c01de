use clap::Parser;

/// mimalloc instead of the system allocator: a request allocates and frees many small buffers
/// across threads, where glibc's malloc showed up as a tenth of a redirect's time (perf).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let cli = chorus::cli::Cli::parse();
    match chorus::cli::run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
